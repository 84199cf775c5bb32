import { demoCounty } from '@sg/directory';

/** The service whose manager reads the queue, and that the write mix lodges complaints about. */
export const QUEUED_SERVICE = 'schools-hr';

/** A school in the county (lodging is for them) and its head, who speaks for it. */
export interface DemoSchool {
  readonly urn: string;
  readonly headId: string;
  readonly email: string;
}

const county = demoCounty();

/**
 * The demo county makes a few schools' domains from their whole names, past the 63 characters a
 * DNS label may have; the API refuses those addresses, so their heads do not lodge here.
 */
const validAddress = (email: string) =>
  email
    .split('@')[1]
    .split('.')
    .every((label) => label.length <= 63);

/**
 * Who acts in the load benchmark, all from the demo county the API loads into an empty store
 * (DEMO_DATA=load-if-empty), through the development header: the same seed gives the same people.
 */
export const DEMO_ACTORS = {
  /** Triage: refers complaints, and reads any one of them. */
  support: 'business-support-1',
  /** Works the queued service's complaints: contacts, resolutions, the queue. */
  queueManager: `manager-${QUEUED_SERVICE}`,
  managerOf: (serviceId: string) => `manager-${serviceId}`,
  schools: county.schools
    .filter((school) => school.inCounty && validAddress(school.emails[0]))
    .map((school): DemoSchool => ({
      urn: school.urn,
      headId: `head-${school.urn}`,
      email: school.emails[0],
    })),
} as const;

/** What a school's web form sends for a complaint about `serviceId`. */
export function lodgeBody(school: DemoSchool, serviceId: string, n: number): string {
  return JSON.stringify({
    channel: 'web-form',
    schoolUrn: school.urn,
    serviceId,
    summary: `Advice on a grievance came three weeks late (${n})`,
    details: 'We asked for advice on 20 March and heard nothing until 10 April.',
    standards: ['listen-and-respond'],
    contact: { name: 'The Head', role: 'Headteacher', email: school.email },
  });
}
