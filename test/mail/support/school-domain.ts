import { type DnsResolver, type MailEnvelope } from '@sg/mail';

/** Brookside's mail server, the one address its SPF record allows. */
export const SCHOOL_MAIL_SERVER_IP = '203.0.113.5';

/** How Brookside's head's mail reaches the listener: from the school's own server, so SPF passes. */
export const FROM_SCHOOL_RELAY: MailEnvelope = {
  source: 'smtp',
  mailFrom: 'head@brookside.lancs.sch.uk',
  recipients: ['complaints@county.gov.uk'],
  remoteAddress: SCHOOL_MAIL_SERVER_IP,
  heloName: 'mail.brookside.lancs.sch.uk',
};

/** The council's own mail server, from which its staff's mail reaches the listener. */
export const COUNCIL_MAIL_SERVER_IP = '203.0.113.9';

/** How a council officer's mail reaches the listener: from the council's server, so SPF passes. */
export const FROM_COUNCIL: MailEnvelope = {
  source: 'smtp',
  mailFrom: 'harry.lord@county.gov.uk',
  recipients: ['complaints@county.gov.uk'],
  remoteAddress: COUNCIL_MAIL_SERVER_IP,
  heloName: 'mail.county.gov.uk',
};

/**
 * The DNS the tests' engines ask: brookside.lancs.sch.uk and the council's county.gov.uk each
 * publish SPF for their own server and a DMARC policy of reject; nothing else exists. No test
 * reaches the real DNS.
 */
const ZONE: Readonly<Record<string, string[][]>> = {
  'brookside.lancs.sch.uk': [[`v=spf1 ip4:${SCHOOL_MAIL_SERVER_IP} -all`]],
  '_dmarc.brookside.lancs.sch.uk': [['v=DMARC1; p=reject']],
  'county.gov.uk': [[`v=spf1 ip4:${COUNCIL_MAIL_SERVER_IP} -all`]],
  '_dmarc.county.gov.uk': [['v=DMARC1; p=reject']],
};

/** A DNS that knows only `zone`'s TXT records; every other name does not exist. */
export const dnsOf =
  (zone: Readonly<Record<string, string[][]>>): DnsResolver =>
  (name, type) =>
    type === 'TXT' && zone[name]
      ? Promise.resolve(zone[name])
      : Promise.reject(Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' }));

export const schoolDns: DnsResolver = dnsOf(ZONE);

/**
 * The trace the council's mail system adds when Brookside's server hands it a message: relayed on
 * to the engine (or read from the mailbox), the engine checks SPF against that first outside hop.
 */
export const RECEIVED_FROM_SCHOOL = `from mail.brookside.lancs.sch.uk (mail.brookside.lancs.sch.uk [${SCHOOL_MAIL_SERVER_IP}]) by mx.county.gov.uk with ESMTPS; Thu, 17 Apr 2025 09:00:00 +0100`;
