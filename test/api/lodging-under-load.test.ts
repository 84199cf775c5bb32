import { ExecuteComplaintCommand, LodgeComplaint } from '@sg/complaint-service';
import { DEFAULT_POLICY } from '@sg/complaints';
import { deterministicUuid } from '@sg/directory';
import { type ComplaintsApp, lodgeBody, startComplaintsApp } from '../support/complaints-app';

interface Lodged {
  id: string;
  reference: string;
}

const numberOf = (reference: string) => Number(reference.slice('SG-2025-'.length));

describe('lodging and retries under load', () => {
  let api: ComplaintsApp;

  beforeEach(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
  });
  afterEach(() => api.close());

  it('lodges 50 complaints sent at once, each with its own reference and none refused', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api.as('head').post('/api/complaints', lodgeBody({ summary: `Complaint ${i}` })),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    const numbers = answers.map((answer) => numberOf((answer.body as Lodged).reference));
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('uses no reference up for a lodge that is refused', async () => {
    await api.as('other-head').post('/api/complaints', lodgeBody()).expect(403);
    await api
      .as('head')
      .post('/api/complaints', lodgeBody({ relatedContractId: 'no-such-contract' }))
      .expect(422);
    // Refused at the edge: a blank summary, and a school claiming to log a phone call.
    await api
      .as('head')
      .post('/api/complaints', lodgeBody({ summary: ' ' }))
      .expect(400);
    await api
      .as('head')
      .post('/api/complaints', lodgeBody({ channel: 'phone' }))
      .expect(400);
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    expect((lodged.body as Lodged).reference).toBe('SG-2025-000001');
  });

  it('refuses a named contract of another service, as if it did not exist', async () => {
    const refused = await api
      .as('head')
      .post(
        '/api/complaints',
        lodgeBody({ serviceId: 'music-service', relatedContractId: 'C202526-119300-schools-hr' }),
      )
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'UNKNOWN_FEE_AGREEMENT' });
  });

  it('gives ten simultaneous retries with one Idempotency-Key the first answer, and lodges once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.as('head').post('/api/complaints', lodgeBody()).set('Idempotency-Key', 'form-submit-7'),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    const ids = new Set(answers.map((answer) => (answer.body as Lodged).id));
    const references = new Set(answers.map((answer) => (answer.body as Lodged).reference));
    expect([ids.size, references.size]).toEqual([1, 1]);
    const listed = await api.as('support').get('/api/queues/triage').expect(200);
    expect((listed.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it('answers a retry whose events were stored before a crash with the first answer', async () => {
    // The first request was recorded, then the node died before it could answer or remember it.
    const seed = `head\u0000form-submit-9`;
    const complaintId = deterministicUuid('complaint', seed);
    const actor = (await api.directory.actor('head'))!;
    const first = await api.commands.execute(
      new LodgeComplaint(
        {
          ...lodgeBody(),
          channel: 'web-form',
          serviceId: 'schools-hr',
          relatedContractId: null,
          relatedBookingId: null,
          standards: ['listen-and-respond'],
          complaintId,
          actor,
          at: api.clock.now().toISOString(),
          policy: DEFAULT_POLICY,
        },
        { correlationId: 'before-the-crash', idSeed: seed },
      ),
    );
    const retried = await api
      .as('head')
      .post('/api/complaints', lodgeBody())
      .set('Idempotency-Key', 'form-submit-9')
      .expect(201);
    expect(retried.body).toMatchObject({
      id: complaintId,
      reference: (first.state as { reference: string }).reference,
    });
    expect(retried.headers.etag).toBe(`"${String(first.revision)}"`);
  });

  it('answers a retried referral whose events were stored before a crash with the first answer', async () => {
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const id = (lodged.body as Lodged).id;
    const support = (await api.directory.actor('support'))!;
    await api.commands.execute(
      new ExecuteComplaintCommand(
        id,
        {
          type: 'ReferComplaint',
          serviceId: null,
          note: null,
          actor: support,
          at: api.clock.now().toISOString(),
        },
        { correlationId: 'before-the-crash', idSeed: `support\u0000refer-after-crash` },
      ),
    );
    const retried = await api
      .as('support')
      .post(`/api/complaints/${id}/referral`)
      .set('Idempotency-Key', 'refer-after-crash')
      .expect(200);
    expect(retried.body).toMatchObject({ id, status: 'with-service' });
    const timeline = await api.as('support').get(`/api/complaints/${id}/timeline`).expect(200);
    expect(
      (timeline.body as { type: string }[]).filter((line) => line.type === 'ComplaintReferred'),
    ).toHaveLength(1);
  });
});
