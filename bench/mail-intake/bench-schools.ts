/** A school the mailbox's senders write for, and where its mail comes from. */
export interface BenchSchool {
  readonly urn: string;
  readonly name: string;
  /** Registered with the directory, so anyone at it reaches the school. */
  readonly domain: string;
  /** The server that hands its mail to the council's MX, as its Received header names it. */
  readonly mailHost: string;
  readonly mailIp: string;
  /** Hosted by the shared provider, which DKIM-signs everything it sends; the rest do not sign. */
  readonly hosted: boolean;
  /** The DMARC policy its domain publishes. */
  readonly dmarcPolicy: 'none' | 'quarantine' | 'reject';
}

const PLACES = [
  'Brookside',
  'Hillside',
  'Oakfield',
  'Ribblesdale',
  'Pendle View',
  'Longridge',
  'Whittle',
  'Bowland',
  'Garstang',
  'Moorside',
  'Fulwood',
  'Penwortham',
  'Ormskirk',
  'Chorley Park',
  'Leyland St James',
  'Croston',
  'Barrowford',
  'Trawden',
  'Read',
  'Sabden',
  'Clitheroe',
  'Waddington',
  'Bolton-by-Bowland',
  'Kirkham',
  'Freckleton',
  'Lytham Hall',
  'Hesketh Bank',
  'Tarleton',
  'Rufford',
  'Burscough',
  'Aughton',
  'Halton',
  'Caton',
  'Carnforth',
  'Silverdale',
  'Bolton-le-Sands',
  'Morecambe Bay',
  'Heysham',
  'Galgate',
  'Scorton',
];
const KINDS = [
  ['Primary School', 'primary'],
  ['CE Primary School', 'ce-primary'],
  ['St Mary’s RC Primary School', 'st-marys'],
  ['Community Primary School', 'community'],
  ['High School', 'high'],
] as const;

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The provider's outbound servers, which every hosted school's SPF includes. */
export const PROVIDER_SPF_DOMAIN = 'spf.schoolsmail.example';
export const PROVIDER_NETWORK = '198.51.100.0/24';

/**
 * `count` schools (up to 200), each with a mail domain of its own under lancs.sch.uk: two in five
 * hosted by a provider that signs with DKIM, the rest on servers of their own; each domain with
 * SPF for its servers and a DMARC policy, mostly `none` as schools' domains mostly are.
 */
export function benchSchools(count: number): BenchSchool[] {
  if (count > PLACES.length * KINDS.length)
    throw new Error(`at most ${PLACES.length * KINDS.length} schools`);
  return Array.from({ length: count }, (_, i) => {
    const place = PLACES[i % PLACES.length];
    const [kind, kindSlug] = KINDS[Math.floor(i / PLACES.length)];
    const domain = `${slug(place)}-${kindSlug}.lancs.sch.uk`;
    const hosted = i % 5 < 2;
    return {
      urn: String(119_000 + i * 7),
      name: `${place} ${kind}`,
      domain,
      mailHost: hosted ? `outbound-${i % 12}.schoolsmail.example` : `mail.${domain}`,
      mailIp: hosted ? `198.51.100.${1 + (i % 12)}` : `203.0.113.${1 + i}`,
      hosted,
      dmarcPolicy: i % 7 === 0 ? 'reject' : i % 4 === 0 ? 'quarantine' : 'none',
    };
  });
}
