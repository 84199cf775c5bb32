import { normalisedAddress, type Person } from '@sg/directory';

/**
 * The contact the lodging form starts with: the person signed in. Someone who first signed in by
 * an emailed link is known by their address alone until they say their name, so their name is
 * left for them to fill in rather than offered as the address, which every letter would then
 * begin "Dear bursar@…".
 */
export function contactToStartWith(person: Pick<Person, 'name' | 'email'>): {
  readonly 'contact-name': string;
  readonly 'contact-email': string;
} {
  const namedByAddress = normalisedAddress(person.name) === normalisedAddress(person.email);
  return { 'contact-name': namedByAddress ? '' : person.name, 'contact-email': person.email };
}
