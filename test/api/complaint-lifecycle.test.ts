import { PeopleRecords } from '@sg/directory';
import { type Server } from 'node:http';
import request from 'supertest';
import {
  type ComplaintsApp,
  CONTRACT,
  CONTRACT_FEES,
  lodgeBody,
  OTHER_SCHOOL,
  startComplaintsApp,
  upholdAndPropose,
} from '../support/complaints-app';

interface View {
  id: string;
  reference: string;
  status: string;
  version: number;
  clocks: Record<
    string,
    {
      status: string;
      dueDate: string | null;
      deadline: string | null;
      revision: number;
      missed: boolean;
    }
  >;
  reimbursement: {
    proposalId: string;
    amountPence: number;
    approvals: string[];
    status: string;
  } | null;
  closure: { outcome: string } | null;
}

describe('the complaint lifecycle over HTTP', () => {
  let api: ComplaintsApp;

  beforeEach(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
  });

  afterEach(async () => {
    await api.close();
  });

  async function lodgeAndRefer(): Promise<View> {
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const id = (lodged.body as View).id;
    expect(lodged.headers.location).toBe(`/api/complaints/${id}`);
    const referred = await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    return referred.body as View;
  }

  it('closes a repeat as a duplicate only of an earlier complaint of the same school', async () => {
    const lodge = async (as: string, body: object) =>
      (await api.as(as).post('/api/complaints', lodgeBody(body)).expect(201)).body as View;
    const earlier = await lodge('head', {});
    const repeat = await lodge('head', {});
    const elsewhere = await lodge('other-head', { schoolUrn: OTHER_SCHOOL });
    const duplicate = (duplicateOf: string) =>
      api.as('support').post(`/api/complaints/${repeat.id}/duplicate`, { duplicateOf });

    for (const [named, code] of [
      ['SG-2025-999999', 'DUPLICATE_OF_UNKNOWN'],
      ['nonsense', 'DUPLICATE_OF_UNKNOWN'],
      [elsewhere.reference, 'DUPLICATE_OF_ANOTHER_SCHOOL'],
      [elsewhere.id, 'DUPLICATE_OF_ANOTHER_SCHOOL'],
      [repeat.reference.toLowerCase(), 'DUPLICATE_OF_ITSELF'],
      // Typed as people type it, as the search reads it: no zeros, a space for a dash.
      [repeat.reference.replace(/-0+/, ' '), 'DUPLICATE_OF_ITSELF'],
    ]) {
      const refused = await duplicate(named);
      expect({
        named,
        status: refused.status,
        code: (refused.body as { code: string }).code,
      }).toEqual({ named, status: 422, code });
    }
    const stillOpen = (await api.as('support').get(`/api/complaints/${repeat.id}`).expect(200))
      .body as View;
    expect(stillOpen.status).toBe('lodged');

    const typed = earlier.reference.toLowerCase().replace(/-0+/, '-');
    const closed = (await duplicate(` ${typed} `).expect(200)).body as View;
    expect(closed.closure).toMatchObject({ outcome: 'duplicate' });
    const timeline = (await api.as('head').get(`/api/complaints/${repeat.id}/timeline`).expect(200))
      .body as { type: string; details: Record<string, unknown> }[];
    expect(
      timeline.find((line) => line.type === 'ComplaintMarkedDuplicate')?.details,
    ).toMatchObject({ duplicateOf: earlier.reference });
  });

  it('lodge → refer → contact → resolve → confirm', async () => {
    const referred = await lodgeAndRefer();
    expect(referred.reference).toMatch(/^SG-2025-\d{6}$/);
    expect(referred.status).toBe('with-service');
    // Referred on Thursday 17 April 2025: due Tuesday 6 May (Easter and the early May holiday skipped).
    expect(referred.clocks.resolution).toMatchObject({
      status: 'running',
      dueDate: '2025-05-06',
      deadline: '2025-05-06T23:00:00.000Z',
    });
    const id = referred.id;

    api.clock.set('2025-04-22T10:00:00.000Z');
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/contacts`, {
        contactedAt: '2025-04-22T09:30:00+01:00',
        method: 'phone',
        note: 'Apologised; advice sent today.',
      })
      .expect(200);
    api.clock.set('2025-04-24T10:00:00.000Z');
    const proposed = await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/resolution`, {
        resolution: 'Advice given; named adviser for the rest of the year.',
      })
      .expect(200);
    expect((proposed.body as View).status).toBe('resolution-proposed');
    api.clock.set('2025-04-25T10:00:00.000Z');
    const confirmed = await api
      .as('head')
      .post(`/api/complaints/${id}/resolution/confirmation`)
      .expect(200);
    expect(confirmed.body).toMatchObject({ status: 'closed', closure: { outcome: 'resolved' } });
    expect((confirmed.body as View).clocks.resolution).toMatchObject({
      status: 'stopped',
      metDeadline: true,
    });

    const timeline = await api.as('head').get(`/api/complaints/${id}/timeline`).expect(200);
    const types = (timeline.body as { type: string; by: { id: string } }[]).map(
      (entry) => entry.type,
    );
    expect(types).toEqual(
      expect.arrayContaining([
        'ComplaintLodged',
        'ComplaintReferred',
        'SchoolContacted',
        'ResolutionProposed',
        'ResolutionConfirmed',
        'ComplaintClosed',
      ]),
    );
    expect(
      (timeline.body as { type: string; by: { id: string } }[]).find(
        (e) => e.type === 'SchoolContacted',
      )?.by,
    ).toEqual({
      id: 'hr-manager',
      role: 'service-manager',
    });
  });

  it('lodge → refer → deadline reached → Board decision → two approvals → paid', async () => {
    const referred = await lodgeAndRefer();
    const id = referred.id;

    // The deadline worker reports the timer the morning after the deadline.
    api.clock.set('2025-05-07T07:00:00.000Z');
    const escalated = await api.reportResolutionDeadline(id, referred.clocks.resolution.revision);
    expect(escalated.state).toMatchObject({ status: 'escalated' });
    const view = (await api.as('board-1').get(`/api/complaints/${id}`).expect(200)).body as View;
    expect(view.clocks['board-decision']).toMatchObject({ status: 'running' });

    const proposalId = await upholdAndPropose(api, id, {
      failureLevel: 'significant',
      amountPence: CONTRACT_FEES / 4,
      rationale: 'The service missed its deadline and the advice was late.',
    });
    expect(
      ((await api.as('board-1').get(`/api/complaints/${id}`).expect(200)).body as View).status,
    ).toBe('reimbursement-proposed');

    await api
      .as('board-2')
      .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId })
      .expect(200);
    const approved = await api
      .as('board-3')
      .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId })
      .expect(200);
    expect(approved.body).toMatchObject({
      status: 'reimbursement-approved',
      reimbursement: { status: 'approved', approvals: ['board-2', 'board-3'] },
    });
    expect((await api.directory.feeLedger('contract', CONTRACT))?.committedPence).toBe(
      CONTRACT_FEES / 4,
    );

    const paid = await api
      .as('finance')
      .post(`/api/complaints/${id}/reimbursement/payment`, {
        proposalId,
        method: 'credit-note',
        paymentReference: 'CN-2025-0042',
        paidOn: '2025-05-07',
      })
      .expect(200);
    expect(paid.body).toMatchObject({
      status: 'closed',
      closure: { outcome: 'upheld-and-reimbursed' },
      reimbursedPence: CONTRACT_FEES / 4,
    });
  });

  describe('illegal transitions answer 4xx with a stable code and a clear message', () => {
    it('confirming before any resolution is proposed: 409', async () => {
      const { id } = await lodgeAndRefer();
      const response = await api
        .as('head')
        .post(`/api/complaints/${id}/resolution/confirmation`)
        .expect(409);
      expect(response.body).toEqual({
        statusCode: 409,
        code: 'INVALID_TRANSITION',
        message: expect.stringMatching(
          /Cannot confirm the resolution: complaint SG-2025-\d+ is with service/,
        ),
      });
    });

    it('acting on a withdrawn complaint: 409 COMPLAINT_CLOSED', async () => {
      const { id } = await lodgeAndRefer();
      await api
        .as('head')
        .post(`/api/complaints/${id}/withdrawal`, { reason: 'Sorted it out ourselves' })
        .expect(200);
      const response = await api
        .as('hr-manager')
        .post(`/api/complaints/${id}/resolution`, { resolution: 'Too late' })
        .expect(409);
      expect(response.body).toMatchObject({ code: 'COMPLAINT_CLOSED' });
    });

    it('another school’s staff may not lodge for it (403); nor may they or another service’s manager see a complaint (404)', async () => {
      await api.as('other-head').post('/api/complaints', lodgeBody()).expect(403);
      const { id } = await lodgeAndRefer();
      await api
        .as('music-manager')
        .post(`/api/complaints/${id}/resolution`, { resolution: 'Not ours' })
        .expect(404);
      await api.as('other-head').get(`/api/complaints/${id}`).expect(404);
    });

    it('an extension without the school’s consent: 422; past the cap: 422', async () => {
      const { id } = await lodgeAndRefer();
      const extend = (personId: string, extraWorkingDays: number, status: number) =>
        api
          .as(personId)
          .post(`/api/complaints/${id}/extensions`, {
            extraWorkingDays,
            reason: 'Adviser off sick',
          })
          .expect(status);
      expect((await extend('hr-manager', 3, 422)).body).toMatchObject({
        code: 'EXTENSION_NEEDS_CONSENT',
      });
      expect((await extend('head', 11, 422)).body).toMatchObject({ code: 'EXTENSION_OVER_CAP' });
      const agreed = await extend('head', 3, 200);
      expect((agreed.body as View).clocks.resolution.dueDate).toBe('2025-05-09');
    });

    it('approving your own proposal, or approving twice: 409', async () => {
      const referred = await lodgeAndRefer();
      api.clock.set('2025-05-07T07:00:00.000Z');
      await api.reportResolutionDeadline(referred.id, referred.clocks.resolution.revision);
      const id = referred.id;
      await api
        .as('board-1')
        .post(`/api/complaints/${id}/board-decision`, {
          outcome: 'partly-upheld',
          failureLevel: 'minor',
          rationale: 'Late, but the advice was sound.',
        })
        .expect(200);
      const over = await api
        .as('board-1')
        .post(`/api/complaints/${id}/reimbursement`, {
          basisKind: 'contract',
          basisId: CONTRACT,
          amountPence: CONTRACT_FEES + 1,
          overrideReason: 'x',
        })
        .expect(422);
      expect(over.body).toMatchObject({ code: 'REIMBURSEMENT_EXCEEDS_FEES' });
      // A sum JSON cannot hold exactly arrives as another number: refused by name, not misjudged.
      const inexact = await request(api.app.getHttpServer() as Server)
        .post(`/api/complaints/${id}/reimbursement`)
        .set('X-Acting-Person', 'board-1')
        .set('Content-Type', 'application/json')
        .send(`{"basisKind":"contract","basisId":"${CONTRACT}","amountPence":9007199254740993}`)
        .expect(400);
      expect(inexact.body).toMatchObject({
        errors: [{ field: 'amountPence', messages: [expect.stringMatching(/at most/)] }],
      });
      // An unknown contract is refused as lodging refuses one: 422, not a 404 that reads as no complaint.
      const unknown = await api
        .as('board-1')
        .post(`/api/complaints/${id}/reimbursement`, {
          basisKind: 'contract',
          basisId: 'C-NO-SUCH',
          amountPence: 100,
        })
        .expect(422);
      expect(unknown.body).toMatchObject({ code: 'UNKNOWN_FEE_AGREEMENT' });
      const unexplained = await api
        .as('board-1')
        .post(`/api/complaints/${id}/reimbursement`, {
          basisKind: 'contract',
          basisId: CONTRACT,
          amountPence: 12_345,
        })
        .expect(422);
      expect(unexplained.body).toMatchObject({
        code: 'OVERRIDE_REASON_REQUIRED',
        message: expect.stringMatching(/suggests 20000 pence \(10%\)/),
      });
      const proposed = await api
        .as('board-1')
        .post(`/api/complaints/${id}/reimbursement`, {
          basisKind: 'contract',
          basisId: CONTRACT,
          amountPence: 20_000,
        })
        .expect(200);
      const proposalId = (proposed.body as View).reimbursement!.proposalId;
      expect(
        (
          await api
            .as('board-1')
            .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId })
            .expect(409)
        ).body,
      ).toMatchObject({ code: 'PROPOSER_CANNOT_APPROVE' });
      await api
        .as('board-2')
        .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId })
        .expect(200);
      expect(
        (
          await api
            .as('board-2')
            .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId })
            .expect(409)
        ).body,
      ).toMatchObject({ code: 'ALREADY_APPROVED' });
    });

    it('bad input names the field, changes nothing: 400', async () => {
      const response = await api
        .as('head')
        .post(
          '/api/complaints',
          lodgeBody({ contact: { name: '', email: 'not-an-email' }, extra: true }),
        )
        .expect(400);
      const fields = (response.body as { errors: { field: string }[] }).errors.map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['extra', 'contact.name', 'contact.email']));
    });

    it('unknown school or service: 422; unknown complaint: 404; nobody named: 401', async () => {
      expect(
        (
          await api
            .as('support')
            .post('/api/complaints', lodgeBody({ schoolUrn: '999999' }))
            .expect(422)
        ).body,
      ).toMatchObject({ code: 'UNKNOWN_SCHOOL' });
      expect(
        (
          await api
            .as('support')
            .post('/api/complaints', lodgeBody({ serviceId: 'catering' }))
            .expect(422)
        ).body,
      ).toMatchObject({ code: 'UNKNOWN_SERVICE' });
      await api
        .as('support')
        .get('/api/complaints/8a6e0804-2bd0-4672-b79c-d97b44a0a1f5')
        .expect(404);
      // A complaint's id in capitals names it all the same.
      const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
      const id = (lodged.body as { id: string }).id;
      const capitals = await api
        .as('support')
        .get(`/api/complaints/${id.toUpperCase()}`)
        .expect(200);
      expect((capitals.body as { id: string }).id).toBe(id);
      await api
        .as('nobody')
        .get('/api/complaints/8a6e0804-2bd0-4672-b79c-d97b44a0a1f5')
        .expect(401);
    });
  });

  describe('retries and concurrent edits', () => {
    it('an Idempotency-Key replays the first answer and records nothing twice', async () => {
      const first = await api
        .as('head')
        .post('/api/complaints', lodgeBody())
        .set('Idempotency-Key', 'form-submit-1')
        .expect(201);
      const again = await api
        .as('head')
        .post('/api/complaints', lodgeBody())
        .set('Idempotency-Key', 'form-submit-1')
        .expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const id = (first.body as View).id;
      const note = { text: 'Called the head back.' };
      await api
        .as('support')
        .post(`/api/complaints/${id}/notes`, note)
        .set('Idempotency-Key', 'note-1')
        .expect(200);
      await api
        .as('support')
        .post(`/api/complaints/${id}/notes`, note)
        .set('Idempotency-Key', 'note-1')
        .expect(200);
      const timeline = (await api.as('support').get(`/api/complaints/${id}/timeline`).expect(200))
        .body as { type: string }[];
      expect(timeline.filter((e) => e.type === 'InternalNoteAdded')).toHaveLength(1);
      const reused = await api
        .as('support')
        .post(`/api/complaints/${id}/notes`, { text: 'Something else' })
        .set('Idempotency-Key', 'note-1')
        .expect(422);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    });

    it('a retry by someone who may no longer see the complaint is told it does not exist, not given the first answer', async () => {
      const lodged = await api
        .as('head')
        .post('/api/complaints', lodgeBody())
        .set('Idempotency-Key', 'lodge-then-move')
        .expect(201);
      const id = (lodged.body as View).id;
      const message = { text: 'Is there any news?' };
      await api
        .as('head')
        .post(`/api/complaints/${id}/messages`, message)
        .set('Idempotency-Key', 'message-then-move')
        .expect(200);
      // The head moves to the other school.
      await new PeopleRecords(api.directory).setRoles(
        'head',
        [{ role: 'school-staff', schoolUrn: OTHER_SCHOOL }],
        { actor: { id: 'test', role: 'admin' } },
      );
      const notFound = { statusCode: 404, code: 'COMPLAINT_NOT_FOUND' };
      for (const [path, body, key] of [
        ['/api/complaints', lodgeBody(), 'lodge-then-move'],
        [`/api/complaints/${id}/messages`, message, 'message-then-move'],
      ] as const) {
        const retried = await api
          .as('head')
          .post(path, body)
          .set('Idempotency-Key', key)
          .expect(404);
        expect(retried.body).toMatchObject(notFound);
        expect(JSON.stringify(retried.body)).not.toContain(id);
        expect(retried.headers.etag).toBeUndefined();
        expect(retried.headers.location).toBeUndefined();
        expect(retried.headers['idempotent-replayed']).toBeUndefined();
      }
      // Their new school's own requests are answered as ever.
      await api
        .as('head')
        .post('/api/complaints', { ...lodgeBody(), schoolUrn: OTHER_SCHOOL })
        .set('Idempotency-Key', 'lodge-then-move')
        .expect(422);
    });

    it('If-Match with a stale ETag is refused with 412 and records nothing', async () => {
      const { id } = await lodgeAndRefer();
      const read = await api.as('support').get(`/api/complaints/${id}`).expect(200);
      const etag = read.headers.etag;
      await api
        .as('support')
        .post(`/api/complaints/${id}/notes`, { text: 'First' })
        .set('If-Match', etag)
        .expect(200);
      const stale = await api
        .as('support')
        .post(`/api/complaints/${id}/notes`, { text: 'Second' })
        .set('If-Match', etag)
        .expect(412);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION' });
      const timeline = (await api.as('support').get(`/api/complaints/${id}/timeline`).expect(200))
        .body as { type: string }[];
      expect(timeline.filter((e) => e.type === 'InternalNoteAdded')).toHaveLength(1);
    });

    it('If-Match with a weak ETag never matches, even the current version: 412, nothing recorded', async () => {
      const { id } = await lodgeAndRefer();
      const etag = (await api.as('support').get(`/api/complaints/${id}`).expect(200)).headers.etag;
      const refused = await api
        .as('support')
        .post(`/api/complaints/${id}/notes`, { text: 'Weakly' })
        .set('If-Match', `W/${etag}`)
        .expect(412);
      expect(refused.body).toMatchObject({
        code: 'WEAK_ETAG',
        errors: [{ field: 'If-Match' }],
      });
      expect((await api.as('support').get(`/api/complaints/${id}`).expect(200)).headers.etag).toBe(
        etag,
      );
    });

    it('If-Match on a complaint not yet lodged is refused with 412 in the API’s own words', async () => {
      const refused = await api
        .as('head')
        .post('/api/complaints', lodgeBody())
        .set('If-Match', '"5"')
        .expect(412);
      expect(refused.body).toMatchObject({ code: 'STALE_VERSION' });
      expect((refused.body as { message: string }).message).toMatch(/^There is no version 5 /);
      expect((refused.body as { message: string }).message).not.toMatch(/no_stream|stream/);
    });

    it('internal notes are hidden from the school', async () => {
      const { id } = await lodgeAndRefer();
      await api
        .as('support')
        .post(`/api/complaints/${id}/notes`, { text: 'Internal only' })
        .expect(200);
      await api
        .as('support')
        .post(`/api/complaints/${id}/messages`, { text: 'We are on it' })
        .expect(200);
      const asSchool = (await api.as('head').get(`/api/complaints/${id}/timeline`).expect(200))
        .body as { type: string }[];
      expect(asSchool.map((e) => e.type)).toContain('MessageSent');
      expect(asSchool.map((e) => e.type)).not.toContain('InternalNoteAdded');
    });
  });

  it('lists every endpoint in the OpenAPI document', async () => {
    const document = (await api.as('support').get('/api/docs-json').expect(200)).body as {
      paths: Record<string, object>;
    };
    const paths = Object.keys(document.paths);
    for (const path of [
      '/api/complaints',
      '/api/complaints/{id}',
      '/api/complaints/{id}/timeline',
      '/api/complaints/{id}/referral',
      '/api/complaints/{id}/rerouting',
      '/api/complaints/{id}/reclassification',
      '/api/complaints/{id}/rejection',
      '/api/complaints/{id}/duplicate',
      '/api/complaints/{id}/withdrawal',
      '/api/complaints/{id}/contacts',
      '/api/complaints/{id}/information-requests',
      '/api/complaints/{id}/information',
      '/api/complaints/{id}/extensions',
      '/api/complaints/{id}/resolution',
      '/api/complaints/{id}/resolution/confirmation',
      '/api/complaints/{id}/resolution/dispute',
      '/api/complaints/{id}/board-decision',
      '/api/complaints/{id}/closure-without-reimbursement',
      '/api/complaints/{id}/reimbursement',
      '/api/complaints/{id}/reimbursement/approvals',
      '/api/complaints/{id}/reimbursement/declines',
      '/api/complaints/{id}/reimbursement/payment',
      '/api/complaints/{id}/notes',
      '/api/complaints/{id}/messages',
      '/api/complaints/{id}/school-contact',
      '/health',
    ]) {
      expect(paths).toContain(path);
    }
    // The headers a command reads are listed on the commands, not on the reads.
    type Operation = { parameters?: { name: string; in: string }[] };
    const headers = (operation: Operation | undefined) =>
      (operation?.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
    const at = (path: string) => document.paths[path] as Record<string, Operation>;
    expect(headers(at('/api/complaints/{id}').get)).toEqual([]);
    expect(headers(at('/api/complaints/{id}/timeline').get)).toEqual([]);
    expect(headers(at('/api/complaints').post)).toEqual(['Idempotency-Key']);
    expect(headers(at('/api/complaints/{id}/notes').post).sort()).toEqual([
      'Idempotency-Key',
      'If-Match',
    ]);
  });
});
