import { type DnsResolver } from '@sg/mail';
import { generateKeyPairSync } from 'node:crypto';
import { type BenchSchool, PROVIDER_NETWORK, PROVIDER_SPF_DOMAIN } from './bench-schools';

/** A domain outside the directory that still publishes SPF, DKIM and DMARC (a newsletter's, say). */
export interface OtherDomain {
  readonly domain: string;
  readonly mailIp: string;
  readonly signs: boolean;
}

/** The DKIM selector every signing domain publishes its key under. */
export const DKIM_SELECTOR = 'selector1';

/** What the mailbox's senders publish in DNS, answered from memory: no lookup leaves the process. */
export interface MailZone {
  readonly resolver: DnsResolver;
  /** The private half of the key every signing domain publishes (one key keeps set-up quick). */
  readonly privateKeyPem: string;
  /** Lookups answered so far, names the zone has and has not. */
  lookups(): { answered: number; missing: number };
}

/** A TXT answer of one record, split into DNS's 255-byte strings as a real server sends it. */
const txt = (record: string): string[][] => [record.match(/.{1,255}/g) ?? ['']];

const dnsError = (code: string, name: string) =>
  Object.assign(new Error(`query ${code} ${name}`), { code, hostname: name });

export function mailZone(
  schools: readonly BenchSchool[],
  others: readonly OtherDomain[],
): MailZone {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dkimRecord = txt(
    `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
  );
  const zone = new Map<string, Record<string, unknown>>();
  zone.set(PROVIDER_SPF_DOMAIN, { TXT: txt(`v=spf1 ip4:${PROVIDER_NETWORK} -all`) });
  for (const school of schools) {
    const spf = school.hosted
      ? `v=spf1 include:${PROVIDER_SPF_DOMAIN} -all`
      : `v=spf1 ip4:${school.mailIp} -all`;
    zone.set(school.domain, { TXT: txt(spf) });
    zone.set(`_dmarc.${school.domain}`, {
      TXT: txt(`v=DMARC1; p=${school.dmarcPolicy}; rua=mailto:dmarc-reports@${school.domain}`),
    });
    if (school.hosted)
      zone.set(`${DKIM_SELECTOR}._domainkey.${school.domain}`, { TXT: dkimRecord });
  }
  for (const other of others) {
    zone.set(other.domain, { TXT: txt(`v=spf1 ip4:${other.mailIp} ~all`) });
    zone.set(`_dmarc.${other.domain}`, { TXT: txt('v=DMARC1; p=none') });
    if (other.signs) zone.set(`${DKIM_SELECTOR}._domainkey.${other.domain}`, { TXT: dkimRecord });
  }
  let answered = 0;
  let missing = 0;
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    lookups: () => ({ answered, missing }),
    resolver: (name, type) => {
      const records = zone.get(name.toLowerCase());
      const answer = records?.[type];
      if (answer === undefined) {
        missing += 1;
        return Promise.reject(dnsError(records ? 'ENODATA' : 'ENOTFOUND', name));
      }
      answered += 1;
      return Promise.resolve(answer);
    },
  };
}
