import { type Actor } from '@sg/complaints';
import { schoolUserId } from '@sg/auth';
import { type MailAddress } from '../outgoing-mail';
import { type SenderFacts } from './mail-route';

/**
 * The sender of a message filed for a school, as the complaint's events record them: the person
 * the directory has for the address, or the id a first sign-in by emailed link would give them,
 * acting as staff of that one school.
 */
export function schoolMailActor(
  from: MailAddress | null,
  email: string | null,
  person: SenderFacts['person'],
  schoolUrn: string,
): Actor {
  const address = email ?? '';
  return {
    id: person?.personId ?? schoolUserId(address),
    name: from?.name?.trim() || address,
    roles: [{ role: 'school-staff', schoolUrn }],
  };
}
