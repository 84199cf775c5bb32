import { type DirectoryEvent, type SchoolAddress, type SchoolDetails } from '../directory-events';
import { domainOf, normalisedAddress } from './person';

const listOf = (school: SchoolDetails, kind: SchoolAddress['kind']) =>
  kind === 'email' ? school.emails : school.domains;

export const hasAddress = (school: SchoolDetails, address: SchoolAddress) =>
  listOf(school, address.kind).some(
    (known) => normalisedAddress(known) === normalisedAddress(address.value),
  );

const keyOf = (address: SchoolAddress) => `${address.kind}:${normalisedAddress(address.value)}`;

export const sameAddress = (a: SchoolAddress, b: SchoolAddress) => keyOf(a) === keyOf(b);

/** What a school may have registered that reaches `email`: the address itself, or its domain. */
export function addressesReaching(email: string): SchoolAddress[] {
  const domain = domainOf(email);
  return domain
    ? [
        { kind: 'email', value: normalisedAddress(email) },
        { kind: 'domain', value: domain },
      ]
    : [];
}

/** Whether `email` reaches the school: it, or its domain, is one of the school's addresses. */
export const reaches = (school: SchoolDetails, email: string) =>
  addressesReaching(email).some((address) => hasAddress(school, address));

/**
 * The school as its stream says now: the details last imported, with the addresses an
 * administrator registered or removed; an import that changes the details keeps those.
 */
export function foldSchool(events: readonly DirectoryEvent[]): SchoolDetails | null {
  let imported: SchoolDetails | null = null;
  const registered = new Map<string, SchoolAddress>();
  const removed = new Set<string>();
  for (const event of events) {
    if (event.type === 'SchoolRegistered' || event.type === 'SchoolDetailsChanged') {
      imported = event.data;
    } else if (event.type === 'SchoolAddressRegistered') {
      registered.set(keyOf(event.data.address), event.data.address);
      removed.delete(keyOf(event.data.address));
    } else if (event.type === 'SchoolAddressRemoved') {
      registered.delete(keyOf(event.data.address));
      removed.add(keyOf(event.data.address));
    }
  }
  if (!imported) return null;
  const addresses = (kind: SchoolAddress['kind']) => {
    const all = new Map<string, string>();
    for (const value of listOf(imported, kind))
      all.set(keyOf({ kind, value }), normalisedAddress(value));
    for (const [key, address] of registered)
      if (address.kind === kind) all.set(key, normalisedAddress(address.value));
    return [...all].filter(([key]) => !removed.has(key)).map(([, value]) => value);
  };
  return { ...imported, emails: addresses('email'), domains: addresses('domain') };
}

/** The school as last imported, without what administrators registered: what an import compares. */
export function importedSchool(events: readonly DirectoryEvent[]): SchoolDetails | null {
  return events.reduce<SchoolDetails | null>(
    (known, event) =>
      event.type === 'SchoolRegistered' || event.type === 'SchoolDetailsChanged'
        ? event.data
        : known,
    null,
  );
}
