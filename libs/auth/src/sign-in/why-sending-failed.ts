/** The reply's codes alone ("550 5.1.1"): what follows them may quote the address. */
const REPLY_CODES = /^\d{3}(?:[ -]\d\.\d{1,3}\.\d{1,3})?/;

/** Why a message could not be sent, in the mail server's or the transport's codes. */
export function whySendingFailed(error: unknown): string {
  const said = (failure: unknown) => {
    const { response, responseCode, code } = (failure ?? {}) as Record<string, unknown>;
    const replied = typeof response === 'string' ? REPLY_CODES.exec(response)?.[0] : undefined;
    return [code, replied ?? responseCode]
      .filter((part) => part !== undefined && part !== '')
      .join(' ');
  };
  const cause = (error as { cause?: unknown } | null)?.cause;
  return said(error) || said(cause) || (error instanceof Error ? error.name : 'no reason given');
}
