import { type Actor } from '../actor';
import { type OpenComplaint } from '../state';
import { forTheSchool } from './school';
import { extendersOf } from './service';
import { actingRole } from './support';

/** What someone may do for a school that needs its consent unless its own staff do it. */
export type DoneForTheSchool =
  'ConfirmResolution' | 'WithdrawComplaint' | 'AgreeExtension' | 'ChangeSchoolContact';

const WHO_MAY: Record<
  DoneForTheSchool,
  (complaint: OpenComplaint) => Parameters<typeof actingRole>[1][]
> = {
  ConfirmResolution: (complaint) => [...forTheSchool(complaint)],
  WithdrawComplaint: (complaint) => [...forTheSchool(complaint)],
  AgreeExtension: extendersOf,
  ChangeSchoolContact: (complaint) => [...forTheSchool(complaint)],
};

/**
 * Whether `actor` doing `what` would act for the school as someone else, and so must say how the
 * school agreed: the decisions' own order of roles decides, so that a person who is both a
 * school's staff and, say, Business Support is asked exactly when the decision wants a consent.
 */
export function asksSchoolConsent(
  actor: Actor,
  complaint: OpenComplaint,
  what: DoneForTheSchool,
): boolean {
  const role = actingRole(actor, ...WHO_MAY[what](complaint));
  return role !== null && role !== 'school-staff';
}
