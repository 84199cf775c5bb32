import { type RoleGrant } from '@sg/complaints';
import { LLE_SERVICES } from '../catalogue';
import {
  type FeeAgreementDetails,
  type SchoolDetails,
  type SchoolPhase,
  type ServiceDetails,
} from '../directory-events';
import { seededRandom } from './seeded-random';

export interface DemoPerson {
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly RoleGrant[];
}

export interface DemoCounty {
  readonly services: readonly ServiceDetails[];
  readonly schools: readonly SchoolDetails[];
  readonly feeAgreements: readonly FeeAgreementDetails[];
  readonly people: readonly DemoPerson[];
}

const PLACES = [
  'Accrington',
  'Adlington',
  'Bacup',
  'Barnoldswick',
  'Bilsborrow',
  'Brierfield',
  'Burnley',
  'Burscough',
  'Carnforth',
  'Chorley',
  'Clayton-le-Moors',
  'Clitheroe',
  'Colne',
  'Darwen Road',
  'Earby',
  'Euxton',
  'Fleetwood',
  'Freckleton',
  'Garstang',
  'Great Harwood',
  'Haslingden',
  'Heysham',
  'Hesketh Bank',
  'Kirkham',
  'Lancaster',
  'Leyland',
  'Longridge',
  'Lytham',
  'Morecambe',
  'Nelson',
  'Ormskirk',
  'Oswaldtwistle',
  'Padiham',
  'Penwortham',
  'Poulton-le-Fylde',
  'Preesall',
  'Preston',
  'Rawtenstall',
  'Read',
  'Rishton',
  'Sabden',
  'Silverdale',
  'Skelmersdale',
  'Thornton-Cleveleys',
  'Tarleton',
  'Trawden',
  'Walton-le-Dale',
  'Whalley',
  'Whitworth',
  'Wrea Green',
];
const DEDICATIONS = [
  'St Mary’s',
  'St John’s',
  'St Peter’s',
  'Holy Trinity',
  'Christ Church',
  'St Anne’s',
  'Our Lady’s',
  'St Wilfrid’s',
  'All Saints’',
];
/**
 * What tells apart two schools of a town that its name alone would not, as real ones are told
 * apart ("Barnoldswick Gisburn Road Primary School"): taken in turn, not at random, so the rest
 * of the county comes out as it did before names were kept distinct.
 */
const DISTINCT_PARTS = [
  'Moorside',
  'Park',
  'St Andrew’s',
  'Gisburn Road',
  'Brookfield',
  'Hillside',
  'Westfield',
  'Greenhill',
  'Highfield',
  'Oakwood',
  'Riverside',
  'Woodlands',
];
const OUTSIDE = ['Blackburn with Darwen', 'Blackpool', 'Cumbria', 'North Yorkshire', 'Wigan'];
const FIRST_NAMES = [
  'Aisha',
  'Ben',
  'Chloe',
  'David',
  'Emma',
  'Faisal',
  'Grace',
  'Harry',
  'Imran',
  'Jane',
  'Karen',
  'Liam',
  'Megan',
  'Nadia',
  'Owen',
  'Priya',
  'Rachel',
  'Sam',
  'Tom',
  'Zara',
];
const SURNAMES = [
  'Ahmed',
  'Bennett',
  'Clarke',
  'Dawson',
  'Evans',
  'Fletcher',
  'Greenwood',
  'Hussain',
  'Iqbal',
  'Jackson',
  'Kaur',
  'Lord',
  'Marsden',
  'Nuttall',
  'Patel',
  'Riley',
  'Singh',
  'Taylor',
  'Walsh',
  'Yates',
];

/** Pounds a year a school of this size might pay each service: [base, per pupil]. */
const PRICES: Record<string, [number, number]> = {
  'school-improvement': [1_200, 6],
  'governor-services': [450, 1],
  'professional-development': [600, 3],
  'music-service': [300, 4],
  'inclusion-and-disability-support': [900, 5],
  'graduate-teacher-programme': [2_500, 0],
  'outdoor-education': [400, 2],
  'teaching-agency': [800, 4],
  'schools-hr': [700, 3],
};

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * A made-up county of about 600 schools for demonstrations: mostly primary, with secondary,
 * special and nursery schools, maintained schools and academies, a few just over the border, and
 * each buying a mix of the nine services. The same seed always gives the same county.
 */
export function demoCounty(seed = 2026, schoolCount = 600): DemoCounty {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

  const schools: SchoolDetails[] = [];
  const named = new Map<string, number>();
  for (let i = 0; i < schoolCount; i += 1) {
    const roll = random();
    const [phase, type, pupils]: [SchoolPhase, string, number] =
      roll < 0.72
        ? [
            'primary',
            pick([
              'Community school',
              'Voluntary aided school',
              'Voluntary controlled school',
              'Academy converter',
              'Academy sponsor led',
            ]),
            between(60, 480),
          ]
        : roll < 0.86
          ? [
              'secondary',
              pick([
                'Community school',
                'Foundation school',
                'Academy converter',
                'Academy sponsor led',
                'Free schools',
              ]),
              between(550, 1_700),
            ]
          : roll < 0.93
            ? [
                'special',
                pick([
                  'Community special school',
                  'Foundation special school',
                  'Academy special converter',
                ]),
                between(40, 220),
              ]
            : roll < 0.97
              ? ['nursery', 'Local authority nursery school', between(40, 130)]
              : ['all-through', 'Academy converter', between(900, 1_800)];
    const place = pick(PLACES);
    const faith = type.startsWith('Voluntary') && random() < 0.8;
    const kind =
      {
        primary: 'Primary School',
        secondary: 'High School',
        special: 'School',
        nursery: 'Nursery School',
        'all-through': 'Academy',
      }[phase as string] ?? 'School';
    const dedication = faith ? `${pick(DEDICATIONS)} ` : '';
    const schoolKind = faith && phase === 'primary' ? 'Church of England Primary School' : kind;
    const side = i % 7 === 3 ? ` (${between(1, 3) === 1 ? 'East' : 'West'})` : '';
    const plain = `${dedication}${place} ${schoolKind}${side}`;
    const before = named.get(plain) ?? 0;
    named.set(plain, before + 1);
    const name =
      before === 0
        ? plain
        : `${dedication}${place} ${DISTINCT_PARTS[(before - 1) % DISTINCT_PARTS.length]}${before > DISTINCT_PARTS.length ? ` ${Math.ceil(before / DISTINCT_PARTS.length)}` : ''} ${schoolKind}${side}`;
    const localAuthority = i % 40 === 7 ? pick(OUTSIDE) : 'Lancashire';
    const domain = `${dnsLabel(slug(name), `-${i}`)}.lancs.sch.uk`;
    schools.push({
      urn: String(119_000 + i * 7 + between(0, 6)),
      name,
      phase,
      type,
      localAuthority,
      town: place,
      inCounty: localAuthority === 'Lancashire',
      pupils,
      emails: [`head@${domain}`, `bursar@${domain}`],
      domains: [domain],
    });
  }

  const feeAgreements: FeeAgreementDetails[] = [];
  for (const school of schools) {
    for (const service of LLE_SERVICES) {
      const takeUp =
        service.serviceId === 'graduate-teacher-programme' ? 0.15 : school.inCounty ? 0.55 : 0.2;
      if (random() >= takeUp) continue;
      const [base, perPupil] = PRICES[service.serviceId];
      for (const year of ['2025-26', '2026-27']) {
        if (year === '2025-26' && random() < 0.3) continue;
        const pounds = base + perPupil * (school.pupils ?? 100) + between(-100, 300);
        feeAgreements.push({
          kind: 'contract',
          id: `C${year.replace('-', '')}-${school.urn}-${service.serviceId}`,
          schoolUrn: school.urn,
          serviceId: service.serviceId,
          description: `Service level agreement ${year}`,
          feesPaidPence: pounds * 100,
        });
      }
    }
    if (random() < 0.35) {
      const service = pick(['professional-development', 'outdoor-education'] as const);
      feeAgreements.push({
        kind: 'booking',
        id: `B-${school.urn}-${between(1000, 9999)}`,
        schoolUrn: school.urn,
        serviceId: service,
        description:
          service === 'outdoor-education'
            ? 'Year 6 residential, Hothersall Lodge'
            : 'Course: Leading phonics in Key Stage 1',
        feesPaidPence: between(150, 2_400) * 100,
      });
    }
  }

  const personName = () => `${pick(FIRST_NAMES)} ${pick(SURNAMES)}`;
  const staff = (personId: string, roles: RoleGrant[]): DemoPerson => {
    const name = personName();
    return { personId, name, email: `${slug(name).replace('-', '.')}@lancashire.gov.uk`, roles };
  };
  const people: DemoPerson[] = [
    staff('business-support-1', [{ role: 'business-support' }]),
    staff('business-support-2', [{ role: 'business-support' }]),
    staff('business-support-3', [{ role: 'business-support' }]),
    ...LLE_SERVICES.map((service) =>
      staff(`manager-${service.serviceId}`, [
        { role: 'service-manager', serviceIds: [service.serviceId] },
      ]),
    ),
    staff('board-chair', [{ role: 'board-member', chair: true }]),
    ...[1, 2, 3, 4].map((n) =>
      staff(`board-member-${n}`, [{ role: 'board-member', chair: false }]),
    ),
    staff('finance-1', [{ role: 'finance' }]),
    staff('admin-1', [{ role: 'admin' }]),
    ...schools.map((school) => ({
      personId: `head-${school.urn}`,
      name: personName(),
      email: school.emails[0],
      roles: [{ role: 'school-staff', schoolUrn: school.urn }] as RoleGrant[],
    })),
    // Last, so that everyone named before keeps the name earlier demos gave them.
    staff('scrutiny-1', [{ role: 'scrutiny' }]),
  ];

  return { services: LLE_SERVICES, schools, feeAgreements, people };
}

const DNS_LABEL_LIMIT = 63;

// A long school name (a dedication, a place and "Church of England Primary School") makes a
// label longer than DNS allows, and the address would then be refused wherever it is checked.
function dnsLabel(stem: string, suffix: string): string {
  return `${stem.slice(0, DNS_LABEL_LIMIT - suffix.length).replace(/-+$/, '')}${suffix}`;
}
