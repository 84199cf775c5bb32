import { type ComplaintsApp, lodgeBody, startComplaintsApp } from '../support/complaints-app';

/**
 * The scrutiny committee's report counts complaints by how they came. Over HTTP a school's own
 * complaint comes by its web form; one that came by email is the mail intake's to record, or the
 * officer's who was sent it.
 */
describe('the channel a complaint is lodged by over HTTP', () => {
  let api: ComplaintsApp;

  beforeAll(async () => {
    api = await startComplaintsApp();
  });
  afterAll(() => api.close());

  it.each(['email', 'phone', 'visiting-officer'])(
    'refuses the school’s own lodge claiming %s, 400 naming channel, and lodges nothing',
    async (channel) => {
      const before = (await api.as('support').get('/api/complaints').expect(200)).body as {
        items: unknown[];
      };
      const refused = await api
        .as('head')
        .post('/api/complaints', lodgeBody({ channel }))
        .expect(400);
      expect(refused.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'channel', messages: [expect.stringContaining('must be web-form')] }],
      });
      const after = (await api.as('support').get('/api/complaints').expect(200)).body as {
        items: unknown[];
      };
      expect(after.items).toHaveLength(before.items.length);
    },
  );

  it('takes the school’s web form, and Business Support logging an email it was sent', async () => {
    await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const logged = await api
      .as('support')
      .post('/api/complaints', lodgeBody({ channel: 'email' }))
      .expect(201);
    expect(logged.body).toMatchObject({ channel: 'email' });
  });
});
