/** Where INBOUND_IMAP_URL says the shared mailbox is, and how to sign in to it. */
export interface ImapMailboxAddress {
  readonly host: string;
  readonly port: number;
  /** imaps: TLS from the start; imap: plain, upgraded with STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user: string;
  readonly password: string;
  /** The mailbox's path, one folder name a part (the server's own delimiter joins them). */
  readonly mailbox: readonly string[];
  /** `?tls-insecure=1`: accept any certificate; for a test server's self-signed one only. */
  readonly tlsInsecure: boolean;
  /** The address without its password, fit for a log. */
  readonly description: string;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'imap:': 143, 'imaps:': 993 };

function decoded(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new Error(`INBOUND_IMAP_URL has a badly percent-encoded ${what}`);
  }
}

/**
 * Reads `imaps://user:password@host:port/INBOX`. The user name and password are percent-decoded
 * (an address as user name is written `complaints%40county.gov.uk`); the path names the mailbox,
 * `/` separating folders, INBOX when there is none. Errors never repeat the password.
 */
export function parseImapMailboxUrl(url: string): ImapMailboxAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      'INBOUND_IMAP_URL is not a URL: it should look like imaps://user:password@host/INBOX',
    );
  }
  const defaultPort = DEFAULT_PORTS[parsed.protocol];
  if (defaultPort === undefined) throw new Error('INBOUND_IMAP_URL must start imap:// or imaps://');
  if (!parsed.hostname) throw new Error('INBOUND_IMAP_URL names no host');
  if (!parsed.username || !parsed.password) {
    throw new Error(
      'INBOUND_IMAP_URL needs a user name and a password: imaps://user:password@host/INBOX',
    );
  }
  const user = decoded(parsed.username, 'user name');
  const mailbox = parsed.pathname
    .split('/')
    .filter(Boolean)
    .map((folder) => decoded(folder, 'mailbox'));
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = parsed.port ? Number(parsed.port) : defaultPort;
  const path = mailbox.length ? mailbox : ['INBOX'];
  return {
    host,
    port,
    secure: parsed.protocol === 'imaps:',
    user,
    password: decoded(parsed.password, 'password'),
    mailbox: path,
    tlsInsecure: parsed.searchParams.get('tls-insecure') === '1',
    description: `${parsed.protocol}//${user}@${parsed.host}/${path.join('/')}`,
  };
}
