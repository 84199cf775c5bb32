import { type Actor, isSchoolStaffOf, managesService } from '../actor';
import { DomainError } from '../errors';
import { type OpenComplaint } from '../state';

/**
 * Why a Board member may not judge this complaint, or null: they manage the service complained
 * about, work at the school complaining (whose fees it may get back), lodged the complaint, handled
 * it in triage or for the service, or declared a conflict.
 */
export function conflictOfInterest(complaint: OpenComplaint, member: Actor): string | null {
  if (complaint.recused.includes(member.id)) return 'declared a conflict of interest';
  if (managesService(member, complaint.serviceId)) return 'work for the service complained about';
  if (isSchoolStaffOf(member, complaint.schoolUrn)) return 'work at the school complaining';
  if (complaint.lodgedBy.id === member.id) return 'lodged the complaint';
  if (complaint.handledBy.includes(member.id)) return 'handled the complaint';
  return null;
}

export function requireNoConflict(complaint: OpenComplaint, member: Actor, action: string): void {
  const conflict = conflictOfInterest(complaint, member);
  if (conflict) {
    throw new DomainError(
      'CONFLICT_OF_INTEREST',
      'forbidden',
      `${member.name} may not ${action}: they ${conflict}`,
    );
  }
}
