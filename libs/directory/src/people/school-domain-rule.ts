import { ruleBroken } from '@sg/complaints';
import sharedMailProviders from 'email-providers/all.json';
import { getDomain } from 'tldts';
import { domainOf, type Person } from './person';

/**
 * Mail providers anyone can have an address at that the package's list lacks, and domains many
 * organisations share (nhs.net serves every NHS body).
 */
const ALSO_SHARED = [
  'duck.com',
  'fastmail.com',
  'fastmail.fm',
  'gmx.co.uk',
  'gmx.com',
  'hey.com',
  'nhs.net',
  'pm.me',
  'proton.me',
  'tuta.com',
  'tuta.io',
  'tutamail.com',
  'tutanota.com',
  'zohomail.com',
  'zohomail.eu',
];

const SHARED = new Set<string>([...sharedMailProviders, ...ALSO_SHARED]);

const atOrUnder = (domain: string, parent: string) =>
  domain === parent || domain.endsWith(`.${parent}`);

/**
 * Why `domain` may not stand for a school, if it may not: everyone who signs in with an address
 * at a school's domain is taken as that school's staff. So not a name that is no one
 * organisation's own: a public suffix such as lancs.sch.uk (each school has its own name under
 * it), a mail provider open to anyone (gmail.com, btinternet.com), or the council's, where its
 * staff have their addresses (or a name above it, which the council also answers for).
 */
export function schoolDomainProblem(domain: string, people: readonly Person[]): string | null {
  const shared = sharedDomainProblem(domain);
  if (shared) return shared;
  const council = people.find(
    (person) =>
      person.roles.some((grant) => grant.role !== 'school-staff') &&
      atOrUnder(domainOf(person.email) ?? '', domain),
  );
  if (council)
    return `value must be the school's own domain: council staff have their addresses at ${domain}`;
  return null;
}

/**
 * Why `domain` is no one organisation's own, whoever the council's staff are: a public suffix or a
 * registry's own name, or a mail provider. What an import of schools checks too.
 */
export function sharedDomainProblem(domain: string): string | null {
  const registrable = (name: string) => getDomain(name, { allowPrivateDomains: true }) !== null;
  // Nor a registry's own name (sch.uk), whose every name beneath is a public suffix.
  if (!registrable(domain) || !registrable(`name.${domain}`))
    return `value must be the school's own domain, such as brookside.lancs.sch.uk: ${domain} is shared by many organisations`;
  if (SHARED.has(domain))
    return `value must be the school's own domain: ${domain} is a mail provider anyone can have an address at, so register the school's addresses there one by one`;
  return null;
}

/** Refuses, naming the field, a domain that may not stand for a school. */
export function requireSchoolDomain(domain: string, people: readonly Person[]): void {
  const problem = schoolDomainProblem(domain, people);
  if (problem) throw ruleBroken('SHARED_DOMAIN', problem);
}
