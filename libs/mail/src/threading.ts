/**
 * How the engine's mail threads: every message it sends names its complaint in its Message-ID
 * and refers to the complaint's thread root, so a reply (whose In-Reply-To and References carry
 * those ids back) files itself under the complaint without anyone reading its subject.
 */

/** The domain of the engine's message ids, so they are recognisably ours. */
export const MESSAGE_ID_DOMAIN = 'service-guarantee.local';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const OUR_ID = new RegExp(
  `^<?(?:(${UUID})\\.)?complaint-(${UUID})@${MESSAGE_ID_DOMAIN.replace(/\./g, '\\.')}>?$`,
  'i',
);

/** The Message-ID of one notification about one complaint, angle brackets included. */
export const outgoingMessageId = (notificationId: string, complaintId: string): string =>
  `<${notificationId}.complaint-${complaintId}@${MESSAGE_ID_DOMAIN}>`;

/** The notification a Message-ID of the engine's names, with its complaint; null for any other id. */
export function notificationOfMessageId(
  id: string,
): { readonly notificationId: string; readonly complaintId: string } | null {
  const match = OUR_ID.exec(id.trim());
  return match?.[1]
    ? { notificationId: match[1].toLowerCase(), complaintId: match[2].toLowerCase() }
    : null;
}

/** The id every message about a complaint refers to, as if the complaint had sent the first. */
export const complaintThreadId = (complaintId: string): string =>
  `<complaint-${complaintId}@${MESSAGE_ID_DOMAIN}>`;

/**
 * The complaint that message ids (a reply's In-Reply-To, then its References, newest first) name,
 * when one of them is the engine's own; null when none is.
 */
export function complaintIdFromMessageIds(ids: readonly string[]): string | null {
  for (const id of ids) {
    const match = OUR_ID.exec(id.trim());
    if (match) return match[2].toLowerCase();
  }
  return null;
}
