import { lodgeBody, startComplaintsApp, type ComplaintsApp } from '../../support/complaints-app';
import { storedEventCount } from './edge-support';

interface Refusal {
  code: string;
  errors: { field: string; messages: string[] }[];
}

describe('values in a body that validation must refuse, not trip over', () => {
  let api: ComplaintsApp;
  let complaintId: string;
  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    complaintId = (lodged.body as { id: string }).id;
    await api.as('support').post(`/api/complaints/${complaintId}/referral`).expect(200);
  });
  afterAll(() => api.close());

  async function expectRefusedNaming(
    send: () => Promise<{ status: number; body: unknown }>,
    field: string,
  ) {
    const before = await storedEventCount(api);
    const response = await send();
    expect(response.status).toBe(400);
    const refusal = response.body as Refusal;
    expect(refusal.code).toBe('VALIDATION_FAILED');
    expect(refusal.errors.map((error) => error.field)).toContain(field);
    expect(await storedEventCount(api)).toBe(before);
  }

  const commandAs = (personId: string, command: string, body: object) => () =>
    api.as(personId).post(`/api/complaints/${complaintId}/${command}`, body);

  it.each([
    ['withdrawal', 'support', { reason: 'Sorted out', consent: [] }],
    [
      'withdrawal',
      'support',
      {
        reason: 'Sorted out',
        consent: [{ givenBy: 'Jane', givenAt: '2025-04-17T08:00Z', method: 'phone' }],
      },
    ],
    ['resolution/confirmation', 'support', { consent: [] }],
    ['extensions', 'hr-manager', { extraWorkingDays: 3, reason: 'Adviser off sick', consent: [] }],
  ])('refuses an array for consent in %s: 400 naming consent', async (command, personId, body) => {
    await expectRefusedNaming(commandAs(personId, command, body), 'consent');
  });

  it.each([[], [{ name: 'Jane Head' }], 'Jane Head'])(
    'refuses %j for contact when lodging: 400 naming contact',
    async (contact) => {
      await expectRefusedNaming(
        () => api.as('head').post('/api/complaints', lodgeBody({ contact })),
        'contact',
      );
    },
  );

  it.each([
    [
      'contact.email',
      lodgeBody({ contact: { name: 'Jane Head', email: 'jane\ud800@school.example' } }),
    ],
    ['contact.name', lodgeBody({ contact: { name: 'Jane \udc00Head' } })],
    ['summary', lodgeBody({ summary: 'Late advice \ud83d' })],
    ['details', lodgeBody({ details: '\ude00 what happened' })],
    ['relatedContractId', lodgeBody({ relatedContractId: 'C\ud800' })],
  ])('refuses a lone surrogate in %s: 400 naming it', async (field, body) => {
    await expectRefusedNaming(() => api.as('head').post('/api/complaints', body), field);
  });

  it.each([
    ['contact.name', lodgeBody({ contact: { name: 'Jane Head\r\nBcc: all@county.example' } })],
    ['contact.role', lodgeBody({ contact: { name: 'Jane Head', role: 'Head\tteacher' } })],
    ['summary', lodgeBody({ summary: 'Late advice\nand more' })],
  ])(
    'refuses a line break or control character in one-line %s: 400 naming it',
    async (field, body) => {
      await expectRefusedNaming(() => api.as('head').post('/api/complaints', body), field);
    },
  );

  it('takes out of one-line fields the characters that reverse the text’s direction', async () => {
    const lodged = await api
      .as('head')
      .post(
        '/api/complaints',
        lodgeBody({
          summary: 'Invoice \u202Efdp.exe',
          contact: { name: 'Jane \u2066Head\u2069', email: 'head@brookside.lancs.sch.uk' },
        }),
      )
      .expect(201);
    const view = lodged.body as { summary: string; contact: { name: string } };
    expect(view.summary).toBe('Invoice fdp.exe');
    expect(view.contact.name).toBe('Jane Head');
  });

  it('keeps right-to-left writing itself in a one-line field', async () => {
    await api
      .as('head')
      .post('/api/complaints', lodgeBody({ contact: { name: 'مريم أحمد' } }))
      .expect(201);
  });

  /** `body` with an own field `field` in its object at `path`, as a JSON body parser makes one. */
  const withField = (body: object, field: string, path: readonly string[] = []) => {
    const copy = JSON.parse(JSON.stringify(body)) as Record<string, Record<string, unknown>>;
    const target = path.reduce<Record<string, unknown>>(
      (inner, key) => inner[key] as Record<string, unknown>,
      copy,
    );
    Object.defineProperty(target, field, { value: { x: 1 }, enumerable: true });
    return copy;
  };

  it.each([
    ['__proto__', []],
    ['constructor', []],
    ['prototype', []],
    ['__proto__', ['contact']],
    ['toString', []],
    ['hasOwnProperty', []],
    ['valueOf', ['contact']],
    ['isPrototypeOf', []],
  ])('refuses a field named %s (in %j) when lodging: 400 naming it', async (field, path) => {
    await expectRefusedNaming(
      () => api.as('head').post('/api/complaints', withField(lodgeBody(), field, path)),
      [...path, field].join('.'),
    );
  });

  it('refuses a field named constructor on a note', async () => {
    await expectRefusedNaming(
      commandAs('hr-manager', 'notes', withField({ text: 'Rang the school' }, 'constructor')),
      'constructor',
    );
  });

  it('refuses a lone surrogate in command text and nested text', async () => {
    await expectRefusedNaming(
      commandAs('hr-manager', 'resolution', { resolution: 'Done \ud800' }),
      'resolution',
    );
    await expectRefusedNaming(
      commandAs('support', 'withdrawal', {
        reason: 'Sorted out',
        consent: { givenBy: 'Jane \ud800', givenAt: '2025-04-17T08:00Z', method: 'phone' },
      }),
      'consent.givenBy',
    );
  });

  it.each([
    ['details', '\u0000\u0000\u0000'],
    ['details', 'Lessons \u0007cancelled'],
    ['details', '\u001b[31mLessons cancelled'],
    ['details', 'Lessons cancelled\u007f'],
    ['details', 'Lessons \u0085cancelled'],
    ['details', '\u200b\u200b \ufeff'],
    ['summary', 'Late \u0007advice'],
  ])(
    'refuses %s holding nothing to read, or a control character no keyboard types (%j)',
    async (field, text) => {
      const refusal = await api.as('head').post('/api/complaints', lodgeBody({ [field]: text }));
      expect(refusal.status).toBe(400);
      const messages = (refusal.body as Refusal).errors.find(
        (error) => error.field === field,
      )!.messages;
      // A one-line field is not told it has a line break when what it holds is a bell.
      expect(messages.join(' ')).not.toContain('line break');
    },
  );

  it('refuses a school’s answer made only of control characters, and the clocks stay as they were', async () => {
    await api
      .as('hr-manager')
      .post(`/api/complaints/${complaintId}/information-requests`, {
        question: 'Which dates were booked?',
      })
      .expect(200);
    await expectRefusedNaming(
      commandAs('head', 'information', { summary: '\u0000\u0001' }),
      'summary',
    );
    const seen = await api.as('head').get(`/api/complaints/${complaintId}`).expect(200);
    expect((seen.body as { status: string }).status).toBe('awaiting-school');
  });

  it('keeps tabs and line breaks in long text, as people paste them', async () => {
    await api
      .as('head')
      .post('/api/complaints', lodgeBody({ details: 'Booked:\r\n\t20 March\n\t10 April' }))
      .expect(201);
  });

  it('keeps characters outside the Basic Multilingual Plane, written as surrogate pairs', async () => {
    const lodged = await api
      .as('head')
      .post(
        '/api/complaints',
        lodgeBody({ summary: 'Advice came late 😞', details: '𝒜 whole term' }),
      )
      .expect(201);
    expect(lodged.body).toMatchObject({ summary: 'Advice came late 😞' });
  });
});
