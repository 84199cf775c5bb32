import { DEFAULT_POLICY, parsePolicy, PolicyError, unreachableQuorum } from '@sg/complaints';
import { loadPolicy } from '@sg/complaint-service';
import { ConfigurationError } from '@sg/config';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuilt } from '../support/run-built';

describe('the policy file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-policy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (document: unknown) => {
    const file = join(dir, 'policy.json');
    writeFileSync(file, typeof document === 'string' ? document : JSON.stringify(document));
    return file;
  };

  it('defaults to the council’s policy: 2 days triage, 10 to resolve, quorum 2', () => {
    expect(loadPolicy(undefined)).toBe(DEFAULT_POLICY);
    expect(parsePolicy(JSON.parse(JSON.stringify(DEFAULT_POLICY)))).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY).toMatchObject({
      triageTargetWorkingDays: 2,
      resolutionTargetWorkingDays: 10,
      approvalQuorum: 2,
    });
  });

  it('reads a versioned policy from a file', () => {
    const file = write({ ...DEFAULT_POLICY, version: '2027-1', resolutionTargetWorkingDays: 8 });
    expect(loadPolicy(file)).toMatchObject({ version: '2027-1', resolutionTargetWorkingDays: 8 });
  });

  it('names every wrong field', () => {
    const wrong = {
      ...DEFAULT_POLICY,
      version: '',
      resolutionTargetWorkingDays: 0,
      approvalQuorum: 1.5,
      reimbursementSchedule: { minor: 10.125, significant: 125, serious: 50 },
      surprise: true,
    };
    expect(() => parsePolicy(wrong)).toThrow(PolicyError);
    let problems: readonly string[] = [];
    try {
      parsePolicy(wrong);
    } catch (error) {
      problems = (error as PolicyError).problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        'surprise is not a policy setting',
        'version must be a non-empty string',
        'resolutionTargetWorkingDays must be a whole number of working days from 1 to 250',
        'approvalQuorum must be a whole number, 1 or more',
        'reimbursementSchedule.minor must be a percentage from 0 to 100, to at most two decimal places',
        'reimbursementSchedule.significant must be a percentage from 0 to 100, to at most two decimal places',
        'reimbursementSchedule.complete must be a percentage from 0 to 100, to at most two decimal places',
      ]),
    );
  });

  it('reports a file that is not JSON as a configuration error naming POLICY_FILE', () => {
    expect(() => loadPolicy(write('{ not json'))).toThrow(ConfigurationError);
    expect(() => loadPolicy(write('{ not json'))).toThrow(
      /POLICY_FILE .*policy.json cannot be read as JSON/,
    );
  });

  it('stops the API from starting, naming the setting', () => {
    const file = write({ ...DEFAULT_POLICY, warningWorkingDaysBefore: 10 });
    const result = runBuilt('api', [], { POLICY_FILE: file, DATA_DIR: dir, PORT: '0' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `POLICY_FILE ${file}: warningWorkingDaysBefore must be less than resolutionTargetWorkingDays`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a quorum the Board can never meet: approvers other than the proposer', () => {
    expect(unreachableQuorum({ ...DEFAULT_POLICY, approvalQuorum: 2 }, 3)).toBeNull();
    expect(unreachableQuorum({ ...DEFAULT_POLICY, approvalQuorum: 3 }, 3)).toBe(
      'approvalQuorum is 3, but with 3 Board members at most 2 can approve a proposal that is not their own',
    );
    expect(unreachableQuorum({ ...DEFAULT_POLICY, approvalQuorum: 1 }, 1)).toMatch(/at most 0/);
  });

  it('stops the API from starting when the Board it has could never approve a reimbursement', () => {
    // The demo county's Board is a chair and four members: five, so at most four approvers.
    const file = write({ ...DEFAULT_POLICY, approvalQuorum: 5 });
    const result = runBuilt('api', [], {
      POLICY_FILE: file,
      DATA_DIR: dir,
      PORT: '0',
      DEMO_DATA: 'load-if-empty',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'POLICY_FILE: approvalQuorum is 5, but with 5 Board members at most 4 can approve a proposal that is not their own',
    );
  });
});
