import { DEFAULT_POLICY } from '@sg/complaints';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryWriter, PeopleRecords } from '@sg/directory';
import {
  type ComplaintsApp,
  escalateAfterDeadline,
  lodgeBody,
  startComplaintsApp,
  upholdAndPropose,
} from '../support/complaints-app';

interface View {
  id: string;
  status: string;
}
interface Line {
  type: string;
  details: Record<string, unknown>;
}

const CONSENT = {
  givenBy: 'Jane Head, headteacher',
  givenAt: '2025-04-17T09:00:00.000Z',
  method: 'phone',
};

describe('governance over HTTP', () => {
  let api: ComplaintsApp;

  beforeEach(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    const writer = new DirectoryWriter(api.directory, { actor: { id: 'test', role: 'system' } });
    await writer.person({
      personId: 'board-hr',
      name: 'A Board member who also runs Schools HR',
      email: 'board-hr@example.org',
      roles: [
        { role: 'board-member', chair: false },
        { role: 'service-manager', serviceIds: ['schools-hr'] },
      ],
    });
    await writer.person({
      personId: 'hr-officer',
      name: 'Sam Officer',
      email: 'hr-officer@example.org',
      roles: [{ role: 'service-manager', serviceIds: ['schools-hr'] }],
    });
  });
  afterEach(() => api.close());

  const lodgedAndReferred = async () => {
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const id = (lodged.body as View).id;
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    return id;
  };
  const escalated = async () => {
    const id = await lodgedAndReferred();
    await escalateAfterDeadline(api, id);
    return id;
  };
  /** Escalated, upheld (minor) and £200 proposed by board-1. */
  const proposed = async () => {
    const id = await escalated();
    const proposalId = await upholdAndPropose(api, id, {
      failureLevel: 'minor',
      amountPence: 20_000,
    });
    return { id, proposalId };
  };
  const timeline = async (id: string) =>
    (await api.as('support').get(`/api/complaints/${id}/timeline`).expect(200)).body as Line[];

  it('refuses a Board member who works for the service complained about, naming why', async () => {
    const id = await escalated();
    const refused = await api
      .as('board-hr')
      .post(`/api/complaints/${id}/board-decision`, {
        outcome: 'upheld',
        failureLevel: 'minor',
        rationale: 'Late',
      })
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'CONFLICT_OF_INTEREST' });
    expect((refused.body as { message: string }).message).toMatch(
      /: they work for the service complained about/,
    );
    const decided = await api
      .as('board-1')
      .post(`/api/complaints/${id}/board-decision`, {
        outcome: 'upheld',
        failureLevel: 'minor',
        rationale: 'Late',
      })
      .expect(200);
    expect(decided.body).toMatchObject({ status: 'board-decided' });
    const recorded = (await timeline(id)).find((line) => line.type === 'BoardDecisionRecorded');
    expect(recorded?.details).toMatchObject({ members: ['board-1'] });
  });

  it('tells a Board member who may not judge the complaint only that, whatever version they name and whatever its state', async () => {
    const id = await escalated();
    const decide = { outcome: 'upheld', failureLevel: 'minor', rationale: 'Late' };
    for (const version of ['"0"', '"9999"']) {
      const refused = await api
        .as('board-hr')
        .post(`/api/complaints/${id}/board-decision`, decide)
        .set('If-Match', version)
        .expect(403);
      expect(refused.body).toMatchObject({ code: 'CONFLICT_OF_INTEREST' });
      expect(JSON.stringify(refused.body)).not.toMatch(/version \d/);
    }
    const approval = await api
      .as('board-hr')
      .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId: randomUUID() })
      .expect(403);
    expect(approval.body).toMatchObject({ code: 'CONFLICT_OF_INTEREST' });
    expect(JSON.stringify(approval.body)).not.toContain('escalated');
    // One who may act, naming an old version, is told it changed.
    await api
      .as('board-1')
      .post(`/api/complaints/${id}/board-decision`, decide)
      .set('If-Match', '"0"')
      .expect(412);
  });

  it('asks for the failure level of an upheld complaint with the other fields, so every error is told at once', async () => {
    const id = await escalated();
    const refused = await api
      .as('board-1')
      .post(`/api/complaints/${id}/board-decision`, { outcome: 'upheld', rationale: ' ' })
      .expect(400);
    const fields = (refused.body as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['failureLevel', 'rationale']));
    const view = await api.as('support').get(`/api/complaints/${id}`).expect(200);
    expect(view.body).toMatchObject({ status: 'escalated' });
  });

  it('refuses a failure level for a complaint the Board does not uphold, naming the field and closing nothing', async () => {
    const id = await escalated();
    const refused = await api
      .as('board-1')
      .post(`/api/complaints/${id}/board-decision`, {
        outcome: 'not-upheld',
        failureLevel: 'serious',
        rationale: 'The service did what it could',
      })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'FAILURE_LEVEL_NOT_APPLICABLE' });
    expect((refused.body as { message: string }).message).toMatch(/^failureLevel /);
    const view = await api.as('support').get(`/api/complaints/${id}`).expect(200);
    expect(view.body).toMatchObject({ status: 'escalated' });
  });

  it('records a member standing aside, who may then not approve; the proposer may not decline alone', async () => {
    const { id, proposalId } = await proposed();
    await api
      .as('board-2')
      .post(`/api/complaints/${id}/conflicts-of-interest`, { reason: 'My partner works there' })
      .expect(200);
    const refused = await api
      .as('board-2')
      .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId })
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'CONFLICT_OF_INTEREST' });
    const declined = await api
      .as('board-1')
      .post(`/api/complaints/${id}/reimbursement/declines`, { proposalId, reason: 'Too much' })
      .expect(409);
    expect(declined.body).toMatchObject({ code: 'PROPOSER_CANNOT_DECLINE' });
    const schoolSees = (await api.as('head').get(`/api/complaints/${id}/timeline`).expect(200))
      .body as Line[];
    expect(schoolSees.map((line) => line.type)).not.toContain('ConflictOfInterestDeclared');
  });

  it.each([
    ['has since left the Board', [{ role: 'business-support' }]],
    [
      'has since come to manage the service',
      [
        { role: 'board-member', chair: false },
        { role: 'service-manager', serviceIds: ['schools-hr'] },
      ],
    ],
  ] as const)('an approval by a member who %s does not make up the quorum', async (_, newRoles) => {
    const { id, proposalId } = await proposed();
    await api
      .as('board-2')
      .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId })
      .expect(200);
    await new PeopleRecords(api.directory).setRoles('board-2', newRoles, {
      actor: { id: 'test', role: 'admin' },
    });
    const second = await api
      .as('board-3')
      .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId })
      .expect(200);
    expect((second.body as View).status).toBe('reimbursement-proposed');
    // The page counts as the decider does, and says whose approval no longer counts and why.
    const page = (await api.as('board-3').get(`/complaints/${id}`).expect(200)).text;
    expect(page).toContain('1 of 2 approvals: board-3');
    expect(page).toContain(
      'board-2: approved, but has since left the Board or come to have a conflict with the complaint, so someone else must approve in their place',
    );
  });

  it('under a decision quorum of two, closing an upheld complaint without a reimbursement takes two members, each with reasons, and the page says so meanwhile', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sg-policy-'));
    const policyFile = join(folder, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ ...DEFAULT_POLICY, decisionQuorum: 2 }));
    const strict = await startComplaintsApp('2025-04-17T09:00:00.000Z', {
      env: { POLICY_FILE: policyFile },
    });
    try {
      const lodged = await strict.as('head').post('/api/complaints', lodgeBody()).expect(201);
      const id = (lodged.body as View).id;
      await strict.as('support').post(`/api/complaints/${id}/referral`).expect(200);
      await escalateAfterDeadline(strict, id);
      const decideForm = async (member: string) =>
        (await strict.as(member).get(`/complaints/${id}/actions/decide`).expect(200)).text;
      expect(await decideForm('board-1')).toContain(
        'A decision needs 2 Board members: yours is put to the Board, and recorded once 1 more member supports it.',
      );
      for (const member of ['board-1', 'board-2']) {
        if (member === 'board-2') {
          // Its proposer is not asked to support what they put; the next member is.
          expect(await decideForm('board-1')).toContain('You support this decision');
          expect(await decideForm('board-2')).toContain('To support it, send it unchanged.');
          // The API tells the council what is put and who backs it, as the page does; not the school.
          const read = async (personId: string) =>
            (await strict.as(personId).get(`/api/complaints/${id}`).expect(200)).body as {
              pendingDecision: unknown;
            };
          expect((await read('board-2')).pendingDecision).toMatchObject({
            outcome: 'upheld',
            failureLevel: 'minor',
            proposedBy: 'board-1',
            supporters: [],
          });
          expect((await read('head')).pendingDecision).toBeNull();
        }
        await strict
          .as(member)
          .post(`/api/complaints/${id}/board-decision`, {
            outcome: 'upheld',
            failureLevel: 'minor',
            rationale: 'The service missed its deadline.',
          })
          .expect(200);
      }
      const close = (member: string, reason: string) =>
        strict.as(member).post(`/api/complaints/${id}/closure-without-reimbursement`, { reason });

      const proposed = await close('board-1', 'An apology is enough.').expect(200);
      expect((proposed.body as View).status).toBe('board-decided');
      const page = (await strict.as('board-2').get(`/complaints/${id}`).expect(200)).text;
      expect(page).toContain('Closing without a reimbursement');
      expect(page).toContain('1 of 2 members needed: board-1');
      expect((await close('board-1', 'Still enough.').expect(409)).body).toMatchObject({
        code: 'ALREADY_SUPPORTS_CLOSING',
      });
      // The proposer is not offered it again; an old link says why.
      const proposer = (await strict.as('board-1').get(`/complaints/${id}`).expect(200)).text;
      expect(proposer).not.toContain(`/complaints/${id}/actions/closeWithoutReimbursement"`);
      expect(
        (await strict.as('board-1').get(`/complaints/${id}/actions/closeWithoutReimbursement`))
          .text,
      ).toContain('You already support closing this complaint without a reimbursement');
      expect(page).toContain(`/complaints/${id}/actions/closeWithoutReimbursement"`);
      // Standing aside would take the proposal with them: the page says so first.
      expect(
        (await strict.as('board-1').get(`/complaints/${id}/actions/declareConflict`).expect(200))
          .text,
      ).toContain(
        'If you stand aside, closing without a reimbursement, which you proposed, no longer stands.',
      );
      expect(
        (await strict.as('board-2').get(`/complaints/${id}/actions/declareConflict`).expect(200))
          .text,
      ).not.toContain('If you stand aside');
      // The form says what a decision needs before anyone has put one.
      expect(
        (await strict.as('board-2').get(`/complaints/${id}/actions/closeWithoutReimbursement`))
          .text,
      ).toContain(
        'It is closed once 2 members, its proposer included, support it; 1 of 2 do so far.',
      );

      // A member behind it who comes to manage the service no longer counts, and the page says so.
      const people = new PeopleRecords(strict.directory);
      const byAdmin = { actor: { id: 'test', role: 'admin' as const } };
      await people.setRoles(
        'board-1',
        [
          { role: 'board-member', chair: true },
          { role: 'service-manager', serviceIds: ['schools-hr'] },
        ],
        byAdmin,
      );
      const shortNow = (await strict.as('board-2').get(`/complaints/${id}`).expect(200)).text;
      expect(shortNow).toContain('0 of 2 members needed');
      expect(shortNow).toContain(
        'board-1: has since left the Board or come to have a conflict with the complaint',
      );
      await people.setRoles('board-1', [{ role: 'board-member', chair: true }], byAdmin);

      const closed = await close('board-2', 'The lessons were made up.').expect(200);
      expect((closed.body as View).status).toBe('closed');
      const lines = (await strict.as('support').get(`/api/complaints/${id}/timeline`).expect(200))
        .body as Line[];
      expect(lines.map((line) => line.type)).toEqual(
        expect.arrayContaining(['ReimbursementWaiverProposed', 'ReimbursementWaiverSupported']),
      );
      expect(
        lines.find((line) => line.type === 'ReimbursementWaiverSupported')?.details,
      ).toMatchObject({ reason: 'The lessons were made up.' });
      expect(lines.find((line) => line.type === 'ReimbursementWaived')?.details).toMatchObject({
        reason: 'An apology is enough.',
        members: ['board-1', 'board-2'],
      });
      const schoolSees = (await strict.as('head').get(`/api/complaints/${id}/timeline`).expect(200))
        .body as Line[];
      expect(schoolSees.map((line) => line.type)).not.toContain('ReimbursementWaiverProposed');
      expect(schoolSees.map((line) => line.type)).not.toContain('ReimbursementWaiverSupported');
    } finally {
      await strict.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('shows whoever proposes again the proposal declined, who approved it, and why', async () => {
    const writer = new DirectoryWriter(api.directory, { actor: { id: 'test', role: 'system' } });
    await writer.person({
      personId: 'board-obrien',
      name: "Siobhán O'Brien",
      email: 'siobhan.obrien@example.org',
      roles: [{ role: 'board-member', chair: false }],
    });
    const { id, proposalId } = await proposed();
    await api
      .as('board-obrien')
      .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId })
      .expect(200);
    await api
      .as('board-2')
      .post(`/api/complaints/${id}/reimbursement/declines`, {
        proposalId,
        reason: 'It should be against this year’s contract.',
      })
      .expect(200);
    const page = (
      await api.as('board-3').get(`/complaints/${id}/actions/proposeReimbursement`).expect(200)
    ).text;
    expect(page).toContain('The last proposal');
    expect(page).toContain('Why it was declined');
    expect(page).toContain('It should be against this year’s contract.');
    // Named once escaped, as any text on a page.
    expect(page).toContain('1 of 2 approvals: Siobhán O&#39;Brien');
    expect(page).not.toContain('&amp;#39;');
  });

  it('records the school’s consent when Business Support withdraws for it, and a reason always', async () => {
    const id = await lodgedAndReferred();
    const noConsent = await api
      .as('support')
      .post(`/api/complaints/${id}/withdrawal`, { reason: 'Sorted out by phone' })
      .expect(422);
    expect(noConsent.body).toMatchObject({ code: 'CONSENT_REQUIRED' });
    const noReason = await api.as('head').post(`/api/complaints/${id}/withdrawal`, {}).expect(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    await api
      .as('support')
      .post(`/api/complaints/${id}/withdrawal`, { reason: 'Sorted out by phone', consent: CONSENT })
      .expect(200);
    const withdrawn = (await timeline(id)).find((line) => line.type === 'ComplaintWithdrawn');
    expect(withdrawn?.details).toMatchObject({ reason: 'Sorted out by phone', consent: CONSENT });
  });

  it('lets a visiting officer of a service log a complaint for a school, by name and channel', async () => {
    const lodged = await api
      .as('hr-manager')
      .post('/api/complaints', lodgeBody({ channel: 'visiting-officer' }))
      .expect(201);
    const id = (lodged.body as View).id;
    const line = (await timeline(id)).find((l) => l.type === 'ComplaintLodged');
    expect(line?.details).toMatchObject({
      channel: 'visiting-officer',
      loggedByOfficer: { name: 'hr-manager' },
    });
    await api
      .as('hr-manager')
      .post('/api/complaints', lodgeBody({ channel: 'web-form' }))
      .expect(403);
  });

  it('assigns a complaint to one of the service’s staff, whose own queue then shows it', async () => {
    const id = await lodgedAndReferred();
    const mine = async (person: string) =>
      (
        (await api.as(person).get('/api/queues/service?assignedTo=me').expect(200)).body as {
          items: { id: string; caseOfficerId: string | null }[];
        }
      ).items;
    expect(await mine('hr-officer')).toEqual([]);
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/case-officer`, { officerId: 'hr-officer' })
      .expect(200);
    expect(await mine('hr-officer')).toMatchObject([{ id, caseOfficerId: 'hr-officer' }]);
    expect(await mine('hr-manager')).toEqual([]);
    for (const officerId of ['music-manager', 'nobody-at-all']) {
      const refused = await api
        .as('hr-manager')
        .post(`/api/complaints/${id}/case-officer`, { officerId })
        .expect(422);
      expect(refused.body).toMatchObject({ code: 'NOT_SERVICE_STAFF' });
    }
    // Someone who may not assign learns nothing of who is on the staff.
    const outsider = await api
      .as('music-manager')
      .post(`/api/complaints/${id}/case-officer`, { officerId: 'nobody-at-all' })
      .expect(404);
    expect(outsider.body).not.toMatchObject({ code: 'NOT_SERVICE_STAFF' });
    await api.as('head').get('/api/queues/service?assignedTo=me').expect(403);
    const bad = await api.as('hr-manager').get('/api/queues/service?assignedTo=you').expect(400);
    expect(JSON.stringify(bad.body)).toContain('assignedTo');
  });
});
