import { type Server } from 'node:http';
import { PeopleRecords } from '@sg/directory';
import { EVENT_STORE, type EventStore } from '@sg/event-store';
import request from 'supertest';
import {
  type ComplaintsApp,
  lodgeBody,
  lodgedAndReferred,
  SCHOOL,
  startComplaintsApp,
} from '../support/complaints-app';
import { addWithPassword, Browser, TEST_PASSWORD, csrfTokenIn } from '../support/signing-in';

const DEPUTY = {
  name: 'Dev Deputy',
  role: 'Deputy headteacher',
  email: 'deputy@brookside.lancs.sch.uk',
};
const HEAD_EMAIL = 'head@brookside.lancs.sch.uk';
/** The head rang Business Support to say so, once the complaint was lodged. */
const CONSENT = {
  consent: { givenBy: 'Jane Head', givenAt: '2025-04-17T09:00:00Z', method: 'phone' },
};

/** What a form's field holds as the page gives it. */
const valueIn = (html: string, name: string) =>
  new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? '';

/** What the outbox holds for the complaint: kind and address, in the order queued. */
const mailOf = (api: ComplaintsApp, complaintId: string) =>
  api
    .outbox()
    .filter((message) => message.complaintId === complaintId)
    .map((message) => [message.kind, message.to.email]);

/**
 * The head who lodged a complaint is away: the school, or an officer it told, names someone else
 * to write to, and from then on every message goes to them, their replies count as the school's.
 */
describe('changing the school’s contact for a complaint', () => {
  let api: ComplaintsApp;

  beforeAll(async () => {
    api = await startComplaintsApp();
  });
  afterAll(() => api.close());

  it('the school names its deputy: both are told, the complaint shows the deputy, and later mail goes to them', async () => {
    const id = await lodgedAndReferred(api);
    await api.clocksSettled();
    const before = mailOf(api, id).length;
    const changed = await api
      .as('head')
      .post(`/api/complaints/${id}/school-contact`, { contact: DEPUTY })
      .expect(200);
    expect((changed.body as { contact: unknown }).contact).toEqual(DEPUTY);
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/messages`, { text: 'Could we visit on Thursday?' })
      .expect(200);
    await api.clocksSettled();
    expect(mailOf(api, id).slice(before)).toEqual([
      ['contact-changed-for-school', DEPUTY.email],
      ['contact-replaced-for-school', HEAD_EMAIL],
      ['message-for-school', DEPUTY.email],
    ]);
    const seen = await api.as('hr-manager').get(`/api/complaints/${id}`).expect(200);
    expect((seen.body as { contact: unknown }).contact).toEqual(DEPUTY);
  });

  it('a proposal never sent (the contact had no address) goes to a new contact who has one', async () => {
    const lodged = await api
      .as('support')
      .post('/api/complaints', lodgeBody({ channel: 'phone', contact: { name: 'Jane Head' } }))
      .expect(201);
    const id = (lodged.body as { id: string }).id;
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/resolution`, { resolution: 'A named adviser from Monday.' })
      .expect(200);
    await api.clocksSettled();
    expect(mailOf(api, id)).not.toContainEqual(['resolution-proposed-for-school', DEPUTY.email]);
    await api
      .as('support')
      .post(`/api/complaints/${id}/school-contact`, { contact: DEPUTY, ...CONSENT })
      .expect(200);
    await api.clocksSettled();
    expect(mailOf(api, id)).toContainEqual(['resolution-proposed-for-school', DEPUTY.email]);
    // Queued as the proposal it is: once sent, the outbox records it (RecordResolutionSent) and
    // the window starts again from then, as for any proposal (test/mail/email-end-to-end).
  });

  it.each([
    [{}, 'contact'],
    [{ contact: 'Dev Deputy' }, 'contact'],
    [{ contact: { email: DEPUTY.email } }, 'contact.name'],
    [{ contact: { name: 'Dev Deputy', email: 'not an address' } }, 'contact.email'],
    [{ contact: { name: 'Dev Deputy', phone: 'call the office' } }, 'contact.phone'],
    [{ contact: { name: 'x'.repeat(201) } }, 'contact.name'],
  ])('refuses %j with 400 naming %s, and changes nothing', async (body, field) => {
    const id = await lodgedAndReferred(api);
    const refused = await api
      .as('head')
      .post(`/api/complaints/${id}/school-contact`, body)
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain(field);
    const seen = await api.as('head').get(`/api/complaints/${id}`).expect(200);
    expect((seen.body as { contact: { email: string } }).contact.email).toBe(HEAD_EMAIL);
  });

  it('refuses the contact the complaint already has, and another school’s staff learn nothing', async () => {
    const id = await lodgedAndReferred(api);
    const same = await api
      .as('support')
      .post(`/api/complaints/${id}/school-contact`, {
        contact: { name: 'Jane Head', role: 'Headteacher', email: HEAD_EMAIL.toUpperCase() },
        ...CONSENT,
      })
      .expect(409);
    expect((same.body as { code: string }).code).toBe('CONTACT_UNCHANGED');
    const hidden = await api
      .as('other-head')
      .post(`/api/complaints/${id}/school-contact`, { contact: DEPUTY })
      .expect(404);
    expect((hidden.body as { code: string }).code).toBe('COMPLAINT_NOT_FOUND');
    // Nobody working the complaint chooses whom the council hears the school from.
    for (const personId of ['hr-manager', 'board-1', 'finance'])
      await api
        .as(personId)
        .post(`/api/complaints/${id}/school-contact`, { contact: DEPUTY, ...CONSENT })
        .expect(403);
    const refused = await api
      .as('support')
      .post(`/api/complaints/${id}/school-contact`, { contact: DEPUTY })
      .expect(422);
    expect((refused.body as { code: string }).code).toBe('CONSENT_REQUIRED');
  });

  it('takes a telephone number with its extension, and refuses words that are no number', async () => {
    const id = await lodgedAndReferred(api);
    const named = (phone: string) =>
      api.as('head').post(`/api/complaints/${id}/school-contact`, {
        contact: { name: 'Jo Office', phone },
      });
    for (const phone of ['call me on Tuesday', '01772 123456 ext. twelve', '12 ext 3'])
      expect((await named(phone).expect(400)).text).toContain('contact.phone');
    await named('+44 (0)1695 123456 ext. 12').expect(200);
    await named('01695 123456 x4').expect(200);
  });

  it('through the pages: the form starts with the contact as it is, keeps what was typed when a field is wrong, and changes it', async () => {
    const id = await lodgedAndReferred(api);
    await addWithPassword(api, {
      personId: 'bursar',
      name: 'Bea Bursar',
      email: 'bursar@brookside.lancs.sch.uk',
      roles: [{ role: 'school-staff', schoolUrn: SCHOOL }],
    });
    const browser = new Browser(api.app.getHttpServer() as Server);
    expect(
      (
        await browser.post('/api/auth/sign-in', {
          email: 'bursar@brookside.lancs.sch.uk',
          password: TEST_PASSWORD,
        })
      ).status,
    ).toBe(200);
    const complaintPage = await browser.get(`/complaints/${id}`);
    expect(complaintPage.text).toContain(`href="/complaints/${id}/actions/changeSchoolContact"`);
    expect(complaintPage.text).toContain('Change who we write to');

    const form = await browser.get(`/complaints/${id}/actions/changeSchoolContact`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="Jane Head"');
    expect(form.text).toContain(`value="${HEAD_EMAIL}"`);

    const wrong = await browser.postForm(`/complaints/${id}/actions/changeSchoolContact`, {
      csrfToken: csrfTokenIn(form.text),
      'contact-name': 'Bea Bursar',
      'contact-role': 'School business manager',
      'contact-email': 'bursar at brookside',
      'contact-phone': '',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('govuk-error-summary');
    expect(wrong.text).toContain('href="#contact-email"');
    expect(wrong.text).toContain('Enter an email address in the correct format');
    expect(wrong.text).toContain('value="School business manager"');
    const sameAgain = await browser.postForm(`/complaints/${id}/actions/changeSchoolContact`, {
      csrfToken: csrfTokenIn(form.text),
      'contact-name': 'Jane Head',
      'contact-role': valueIn(form.text, 'contact-role'),
      'contact-email': HEAD_EMAIL,
      'contact-phone': valueIn(form.text, 'contact-phone'),
    });
    expect(sameAgain.text).toContain('govuk-error-summary');
    expect(sameAgain.text).toMatch(
      /<a href="#contact-name">Jane Head is already the school(’|&#39;|&rsquo;)s contact/,
    );
    expect(sameAgain.text).toContain('id="contact-name-error"');

    // A hand-made post whose version or key is not one a page gives is refused, not taken
    // without the check the field asks for: an action's form, or the files page's.
    const upload = await browser.get(`/complaints/${id}/files/new`);
    const uploaded = await browser.postFiles(
      `/complaints/${id}/files`,
      { csrfToken: csrfTokenIn(upload.text), version: 'latest' },
      [{ field: 'files', bytes: Buffer.from('%PDF-1.4\n%%EOF\n'), name: 'Timetable.pdf' }],
    );
    expect(uploaded.status).toBe(400);
    for (const [field, value] of [
      ['version', 'latest'],
      ['idempotencyKey', 'x y'],
    ]) {
      const handMade = await browser.postForm(`/complaints/${id}/actions/changeSchoolContact`, {
        csrfToken: csrfTokenIn(form.text),
        'contact-name': 'Bea Bursar',
        'contact-role': 'School business manager',
        'contact-email': 'bursar@brookside.lancs.sch.uk',
        'contact-phone': '',
        [field]: value,
      });
      expect(handMade.status).toBe(400);
    }
    const unchanged = await request(api.app.getHttpServer() as Server)
      .get(`/api/complaints/${id}`)
      .set('X-Acting-Person', 'support')
      .expect(200);
    expect((unchanged.body as { contact: { name: string } }).contact.name).toBe('Jane Head');

    const done = await browser.postForm(`/complaints/${id}/actions/changeSchoolContact`, {
      csrfToken: csrfTokenIn(form.text),
      'contact-name': 'Bea Bursar',
      'contact-role': 'School business manager',
      'contact-email': 'bursar@brookside.lancs.sch.uk',
      'contact-phone': '',
    });
    expect(done.status).toBe(303);
    const after = await browser.get(done.headers.location);
    expect(after.text).toContain('Contact changed');
    expect(after.text).toContain('School’s contact changed');
    expect(after.text).toContain('Bea Bursar, School business manager');
    expect(after.text).toContain('Bea Bursar');
    const seen = await request(api.app.getHttpServer() as Server)
      .get(`/api/complaints/${id}`)
      .set('X-Acting-Person', 'support')
      .expect(200);
    expect((seen.body as { contact: unknown }).contact).toEqual({
      name: 'Bea Bursar',
      role: 'School business manager',
      email: 'bursar@brookside.lancs.sch.uk',
    });
  });
  it('a school with its addresses registered names a contact at one of them; the council’s officers name whom they were told to', async () => {
    await new PeopleRecords(api.directory).registerSchoolAddress(
      SCHOOL,
      { kind: 'domain', value: 'brookside.lancs.sch.uk' },
      { actor: { id: 'test', role: 'admin' } },
    );
    const outside = { name: 'Someone', email: 'someone@elsewhere.example' };
    // What the earlier tests' complaints set off (their mail going) is done before looking.
    await api.clocksSettled();
    const head = async () =>
      String((await api.app.get<EventStore>(EVENT_STORE).headPosition())?.commit);
    const before = await head();
    const lodged = await api
      .as('head')
      .post('/api/complaints', lodgeBody({ contact: outside }))
      .expect(422);
    expect(lodged.body).toMatchObject({
      code: 'CONTACT_NOT_AT_SCHOOL',
      message: expect.stringContaining('…@brookside.lancs.sch.uk'),
    });
    // Refused, it recorded nothing, and used no reference up.
    expect(await head()).toBe(before);
    const id = await lodgedAndReferred(api);
    const changed = await api
      .as('head')
      .post(`/api/complaints/${id}/school-contact`, { contact: outside })
      .expect(422);
    expect(changed.body).toMatchObject({ code: 'CONTACT_NOT_AT_SCHOOL' });
    await api
      .as('head')
      .post(`/api/complaints/${id}/school-contact`, { contact: DEPUTY })
      .expect(200);
    // Business Support writes to whom the school told it to, with the school's consent.
    await api
      .as('support')
      .post(`/api/complaints/${id}/school-contact`, { contact: outside, ...CONSENT })
      .expect(200);
  });
});
