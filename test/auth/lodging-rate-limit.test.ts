import { EVENT_STORE, type EventStore } from '@sg/event-store';
import { ReadModelProjector } from '@sg/read-models';
import {
  type ComplaintsApp,
  lodgeBody,
  OTHER_SCHOOL,
  startComplaintsApp,
} from '../support/complaints-app';

async function eventCount(store: EventStore): Promise<number> {
  let count = 0;
  for await (const event of store.readAll()) if (event) count += 1;
  return count;
}

/** A script or a stuck retry loop cannot flood the Board's intake: lodging is limited per account. */
describe('lodging is rate-limited', () => {
  let api: ComplaintsApp;

  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z', { env: { LODGES_PER_HOUR: '2' } });
  });
  afterAll(() => api.close());

  it('refuses the account’s third lodge in the hour with 429 and Retry-After, recording nothing', async () => {
    await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const before = await eventCount(api.app.get<EventStore>(EVENT_STORE));
    const refused = await api.as('head').post('/api/complaints', lodgeBody()).expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await eventCount(api.app.get<EventStore>(EVENT_STORE))).toBe(before);
    // Another account is not held up by the first.
    await api
      .as('support')
      .post('/api/complaints', lodgeBody({ channel: 'phone' }))
      .expect(201);
  });

  it('gives a retry of a lodge already answered its first answer, past the limit, and counts it not', async () => {
    api.clock.set('2025-04-17T11:00:00.000Z');
    const first = await api
      .as('head')
      .post('/api/complaints', lodgeBody())
      .set('Idempotency-Key', 'lodge-once')
      .expect(201);
    await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    await api.as('head').post('/api/complaints', lodgeBody()).expect(429);
    for (let i = 0; i < 3; i += 1) {
      const retried = await api
        .as('head')
        .post('/api/complaints', lodgeBody())
        .set('Idempotency-Key', 'lodge-once')
        .expect(201);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      expect((retried.body as { id: string }).id).toBe((first.body as { id: string }).id);
    }
    // A new key is a new lodge: still over the limit.
    await api
      .as('head')
      .post('/api/complaints', lodgeBody())
      .set('Idempotency-Key', 'lodge-twice')
      .expect(429);
  });

  it('lets the account lodge again in the next hour', async () => {
    api.clock.set('2025-04-17T12:00:00.000Z');
    await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
  });

  it('answers a page’s lodging past the limit with the GOV.UK "Too many attempts" page, 429', async () => {
    for (let i = 0; i < 2; i++)
      await api
        .as('support')
        .post('/api/complaints', lodgeBody({ channel: 'phone' }))
        .expect(201);
    const refused = await api
      .as('support')
      .post('/complaints/new/for-a-school')
      .type('form')
      .send({ summary: 'A third one' })
      .expect(429);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.text).toContain('Too many attempts');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts only the lodges that lodge: refused ones (a mistake, another school) give their count back', async () => {
    api.clock.set('2025-04-17T15:00:00.000Z');
    for (let i = 0; i < 3; i += 1) {
      await api
        .as('head')
        .post('/api/complaints', lodgeBody({ summary: '' }))
        .expect(400);
      await api
        .as('head')
        .post('/api/complaints', lodgeBody({ schoolUrn: OTHER_SCHOOL }))
        .expect(403);
    }
    await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    await api.as('head').post('/api/complaints', lodgeBody()).expect(429);
  });

  it('gives a retry of a lodge answered 202 (recorded, not yet readable here) its 202 again, counted not', async () => {
    const slow = await startComplaintsApp('2025-04-17T09:00:00.000Z', {
      env: { LODGES_PER_HOUR: '1', READ_YOUR_WRITES_TIMEOUT_MS: '100' },
    });
    try {
      const projector = slow.app.get(ReadModelProjector);
      await projector.pause();
      const lodge = () =>
        slow.as('head').post('/api/complaints', lodgeBody()).set('Idempotency-Key', 'lodge-slowly');
      const first = await lodge().expect(202);
      const retried = await lodge().expect(202);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      expect(retried.headers.location).toBe(first.headers.location);
      projector.resume();
      let lodged = 0;
      for await (const event of slow.app.get<EventStore>(EVENT_STORE).readAll())
        if (event.type === 'ComplaintLodged') lodged += 1;
      expect(lodged).toBe(1);
    } finally {
      await slow.close();
    }
  });
});
