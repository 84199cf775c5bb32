import { ROLES } from '@sg/complaints';
import { isEmail } from 'class-validator';
import { LLE_SERVICES } from '../catalogue';
import { demoCounty } from './demo-county';

describe('the demo county', () => {
  const county = demoCounty();

  it('has about 600 schools with unique URNs, of every phase, maintained and academies, a few outside the county', () => {
    expect(county.schools).toHaveLength(600);
    expect(new Set(county.schools.map((s) => s.urn)).size).toBe(600);
    const phases = new Set(county.schools.map((s) => s.phase));
    for (const phase of ['primary', 'secondary', 'special', 'nursery'])
      expect(phases).toContain(phase);
    expect(county.schools.some((s) => s.type.startsWith('Academy'))).toBe(true);
    expect(county.schools.some((s) => s.type === 'Community school')).toBe(true);
    const outside = county.schools.filter((s) => !s.inCounty);
    expect(outside.length).toBeGreaterThan(5);
    expect(outside.length).toBeLessThan(30);
  });

  it('gives every school and person an address that the lodging form and sign-in accept', () => {
    const addresses = [
      ...county.schools.flatMap((s) => s.emails),
      ...county.people.map((p) => p.email),
    ];
    expect(addresses.filter((address) => !isEmail(address))).toEqual([]);
  });

  it('has contracts for all nine services, each for a known school, in whole pence', () => {
    const urns = new Set(county.schools.map((s) => s.urn));
    for (const service of LLE_SERVICES) {
      expect(
        county.feeAgreements.some(
          (a) => a.kind === 'contract' && a.serviceId === service.serviceId,
        ),
      ).toBe(true);
    }
    for (const agreement of county.feeAgreements) {
      expect(urns.has(agreement.schoolUrn)).toBe(true);
      expect(Number.isSafeInteger(agreement.feesPaidPence) && agreement.feesPaidPence > 0).toBe(
        true,
      );
    }
    expect(new Set(county.feeAgreements.map((a) => `${a.kind}-${a.id}`)).size).toBe(
      county.feeAgreements.length,
    );
  });

  it('has the council’s people and a head for every school', () => {
    const roles = county.people.flatMap((p) => p.roles.map((r) => r.role));
    // Every part a person plays, to try each: all but the engine's own.
    for (const role of ROLES.filter((role) => role !== 'system')) expect(roles).toContain(role);
    expect(roles.filter((r) => r === 'school-staff')).toHaveLength(600);
    expect(
      county.people.filter((p) => p.roles.some((r) => r.role === 'board-member' && r.chair)),
    ).toHaveLength(1);
  });

  it('is the same county every time', () => {
    expect(demoCounty()).toEqual(county);
  });
});
