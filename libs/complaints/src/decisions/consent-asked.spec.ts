import { type Actor } from '../actor';
import { type OpenComplaint } from '../state';
import { asksSchoolConsent } from './consent-asked';

const complaint = { schoolUrn: '119300', serviceId: 'schools-hr' } as OpenComplaint;
const person = (...roles: Actor['roles']): Actor => ({ id: 'p', name: 'P', roles });
const HEAD = { role: 'school-staff' as const, schoolUrn: '119300' };
const OTHER_HEAD = { role: 'school-staff' as const, schoolUrn: '119301' };
const SUPPORT = { role: 'business-support' as const };
const MANAGER = { role: 'service-manager' as const, serviceIds: ['schools-hr'] };

describe('asksSchoolConsent: whether a form done for the school asks how the school agreed', () => {
  it.each([
    ['the school’s own staff', person(HEAD), false, false],
    ['Business Support', person(SUPPORT), true, false],
    ['the service’s manager', person(MANAGER), false, true],
    ['the school’s staff who are also Business Support', person(HEAD, SUPPORT), false, false],
    ['another school’s staff who are Business Support', person(OTHER_HEAD, SUPPORT), true, false],
    ['the school’s staff who also manage the service', person(HEAD, MANAGER), false, true],
  ])('%s', (_, actor, confirmingOrWithdrawing, extending) => {
    expect(asksSchoolConsent(actor, complaint, 'ConfirmResolution')).toBe(confirmingOrWithdrawing);
    expect(asksSchoolConsent(actor, complaint, 'WithdrawComplaint')).toBe(confirmingOrWithdrawing);
    expect(asksSchoolConsent(actor, complaint, 'AgreeExtension')).toBe(extending);
  });
});
