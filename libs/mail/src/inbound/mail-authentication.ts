import { authenticate } from 'mailauth';
import { promises as dns } from 'node:dns';
import { BlockList, isIP } from 'node:net';
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

const unmapped = (ip: string) => ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
const isInternal = (ip: string) =>
  /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|fc|fd|fe80:)/i.test(unmapped(ip));

/** Each hop a message's Received headers record, newest first: who handed it on, from where. */
function hopsOf(raw: Buffer): { ip: string; helo: string }[] {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw
    .subarray(0, end < 0 ? raw.length : end)
    .toString('latin1')
    .replace(/\r?\n[ \t]+/g, ' ');
  const hops: { ip: string; helo: string }[] = [];
  for (const line of head.split(/\r?\n/)) {
    const hop = /^received:\s*from\s+(\S+)[^;]*?\[(?:ipv6:)?([0-9a-f:.]+)\]/i.exec(line);
    if (hop && isIP(hop[2])) hops.push({ ip: unmapped(hop[2]), helo: hop[1] });
  }
  return hops;
}

/**
 * The addresses of the council's own relays (`10.0.0.2`, `10.0.0.0/24`, `::1`): mail handed on by
 * one came from where the relay's own Received header says, and only such a relay's header is
 * believed, since whoever sends a message can write any header below it.
 */
export function trustedRelays(addresses: readonly string[]): BlockList {
  const relays = new BlockList();
  for (const address of addresses) {
    const [ip, bits] = address.trim().split('/');
    const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) relays.addAddress(ip, family);
    else relays.addSubnet(ip, Number(bits), family);
  }
  return relays;
}

const isTrusted = (relays: BlockList, ip: string) =>
  isIP(ip) !== 0 && relays.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');

export class MailAuthenticator {
  constructor(
    private readonly resolver: DnsResolver = systemDnsResolver,
    /** The council's relays whose Received headers say where mail came from; see trustedRelays. */
    private readonly relays: BlockList = new BlockList(),
    /** The name this engine records its results under. */
    private readonly mta = 'service-guarantee',
  ) {}

  /**
   * Where the message came from: the peer that handed it over, unless that is one of the council's
   * relays, whose own Received header names the hop before it (and so on down a chain of them).
   * Read from a mailbox (no peer), the first hop from outside the council, as the mailbox's own
   * server recorded it.
   */
  private originOf(raw: Buffer, peer: string | null): { ip: string; helo?: string } | undefined {
    if (peer && isIP(peer) && !isTrusted(this.relays, peer)) return { ip: peer };
    if (peer && isIP(peer)) {
      for (const hop of hopsOf(raw)) if (!isTrusted(this.relays, hop.ip)) return hop;
      return undefined;
    }
    return hopsOf(raw).find((hop) => !isInternal(hop.ip));
  }

  async check(raw: Buffer, envelope: MailEnvelope): Promise<MailAuthentication> {
    const remote = envelope.remoteAddress ? unmapped(envelope.remoteAddress) : null;
    const from = this.originOf(raw, remote);
    const direct = from && from.ip === remote ? remote : undefined;
    const relayed = direct ? undefined : from;
    try {
      const result = await authenticate(raw, {
        ip: direct ?? relayed?.ip,
        helo: direct ? (envelope.heloName ?? undefined) : relayed?.helo,
        sender: envelope.mailFrom ?? undefined,
        // Only for mail read from a mailbox, whose server wrote the headers above the sender's.
        trustReceived: !remote && !relayed,
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
