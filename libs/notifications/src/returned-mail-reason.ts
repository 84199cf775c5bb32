/**
 * What a delivery report's status code (RFC 3463, `5.1.1`) tells staff, in words they can act on;
 * null for a code that says nothing a person could use.
 */
export function returnedMailReason(status: string | null): string | null {
  const match = /^[45]\.(\d{1,3})\.(\d{1,3})$/.exec(status ?? '');
  if (!match) return null;
  const [subject, detail] = [Number(match[1]), Number(match[2])];
  // 5.1.10 is Microsoft 365's "recipient not found".
  if (subject === 1 && (detail === 1 || detail === 10)) return 'the address does not exist';
  if (subject === 1 && detail === 2) return "the address's mail domain does not exist";
  if (subject === 2 && detail === 1) return 'the mailbox is disabled';
  if (subject === 2 && detail === 2) return 'the mailbox is full';
  if (subject === 3 && detail === 4) return 'the message was too big for their mail system';
  if (subject === 7) return 'their mail system refused it';
  return null;
}
