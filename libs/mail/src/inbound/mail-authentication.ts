import { authenticate } from 'mailauth';
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { type MailEnvelope } from './inbound-mail-sink';

/** RFC 8601's results, as far as the engine acts on them. */
export type AuthResult =
  'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy';

/** What SPF, DKIM and DMARC said of a message; recorded with it, and read before matching. */
export interface MailAuthentication {
  readonly spf: AuthResult;
  /** The best DKIM result over the message's signatures (`pass` if any aligned one passed). */
  readonly dkim: AuthResult;
  readonly dmarc: AuthResult;
  /** The From domain DMARC was evaluated for; null when the From had no domain. */
  readonly dmarcDomain: string | null;
}

/** DNS as mailauth asks for it: `resolve(name, type)` like node:dns/promises. */
export type DnsResolver = (name: string, type: string) => Promise<unknown>;

export const systemDnsResolver: DnsResolver = (name, type) => dns.resolve(name, type as 'TXT');

const KNOWN: readonly AuthResult[] = [
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'temperror',
  'permerror',
  'policy',
];
const resultOf = (value: unknown): AuthResult =>
  KNOWN.includes(value as AuthResult) ? (value as AuthResult) : 'none';

/**
 * A relay inside the council (a private or loopback address) hands on mail it received from the
 * world; the origin's address is then the one in the relay's own Received header, so SPF is
 * checked against that, as for mail read from a mailbox.
 */
const unmapped = (ip: string) => ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
const isInternal = (ip: string) =>
  /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|fc|fd|fe80:)/i.test(unmapped(ip));

/** The first hop, reading down the Received headers, that came from outside the council. */
function origin(raw: Buffer): { ip: string; helo: string } | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw
    .subarray(0, end < 0 ? raw.length : end)
    .toString('latin1')
    .replace(/\r?\n[ \t]+/g, ' ');
  for (const line of head.split(/\r?\n/)) {
    const hop = /^received:\s*from\s+(\S+)[^;]*?\[(?:ipv6:)?([0-9a-f:.]+)\]/i.exec(line);
    if (!hop) continue;
    if (isIP(hop[2]) && !isInternal(hop[2])) return { ip: unmapped(hop[2]), helo: hop[1] };
  }
  return undefined;
}

export class MailAuthenticator {
  constructor(
    private readonly resolver: DnsResolver = systemDnsResolver,
    /** The name this engine records its results under. */
    private readonly mta = 'service-guarantee',
  ) {}

  async check(raw: Buffer, envelope: MailEnvelope): Promise<MailAuthentication> {
    const remote = envelope.remoteAddress ? unmapped(envelope.remoteAddress) : null;
    const direct = remote && isIP(remote) && !isInternal(remote) ? remote : undefined;
    const relayed = direct ? undefined : origin(raw);
    try {
      const result = await authenticate(raw, {
        ip: direct ?? relayed?.ip,
        helo: direct ? (envelope.heloName ?? undefined) : relayed?.helo,
        sender: envelope.mailFrom ?? undefined,
        trustReceived: !direct && !relayed,
        mta: this.mta,
        resolver: this.resolver as never,
        disableBimi: true,
      });
      const dkimResults = (result.dkim?.results ?? []).map((row) =>
        row.status?.comment === 'body hash did not verify' ? 'fail' : resultOf(row.status?.result),
      );
      const dmarc = result.dmarc || null;
      return {
        spf: resultOf(result.spf ? result.spf.status?.result : 'none'),
        dkim: dkimResults.includes('pass') ? 'pass' : (dkimResults[0] ?? 'none'),
        dmarc: resultOf(dmarc ? dmarc.status?.result : 'none'),
        dmarcDomain: (dmarc && typeof dmarc.domain === 'string' ? dmarc.domain : null) ?? null,
      };
    } catch {
      // A message mailauth cannot read at all has proved nothing; it is not matched on trust.
      return { spf: 'temperror', dkim: 'temperror', dmarc: 'temperror', dmarcDomain: null };
    }
  }
}
