import { complaintStream } from '@sg/complaints';
import { EVENT_STORE, type EventStore } from '@sg/event-store';
import { PeopleRecords } from '@sg/directory';
import { MailIntake } from '@sg/mail';
import { dnsOf } from '../mail/support/school-domain';
import { ReadModelProjector } from '@sg/read-models';
import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import {
  type ComplaintsApp,
  lodgeBody,
  OTHER_SCHOOL,
  SCHOOL,
  startComplaintsApp,
} from '../support/complaints-app';
import { addWithPassword, Browser, TEST_PASSWORD, csrfTokenIn } from '../support/signing-in';

const OFFICER = {
  personId: 'mail-officer',
  name: 'Mo Matcher',
  email: 'mo.matcher@lancashire.gov.uk',
  roles: [{ role: 'business-support' as const }],
};

interface Mail {
  readonly from: string;
  readonly subject: string;
  readonly body: string;
}

/** A message as a mail client writes it, plain text, from `from`. */
const rawMail = (mail: Mail): Buffer =>
  Buffer.from(
    [
      `From: ${mail.from}`,
      'To: complaints@lancashire.gov.uk',
      `Subject: ${mail.subject}`,
      `Message-ID: <${randomUUID()}@mail.test>`,
      'Date: Thu, 17 Apr 2025 10:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      mail.body,
      '',
    ].join('\r\n'),
  );

/** What a page says, without its markup, with the few entities Nunjucks writes read back. */
const wordsOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The rows of the queue's tab `id` (waiting, set-aside), each as its words. */
function rowsOf(html: string, id: 'waiting' | 'set-aside'): string[] {
  const start = html.indexOf(`id="${id}"`);
  const end = id === 'waiting' ? html.indexOf('id="set-aside"') : html.length;
  const body = html.slice(start, end).split('<tbody')[1] ?? '';
  return body
    .split('<tr class="govuk-table__row">')
    .slice(1)
    .map((row) => wordsOf(row).trim());
}

const EXAMPLE_ORG_SERVER = '192.0.2.10';
/** example.org, the test directory's mail domain, vouches for its own server; nothing else exists. */
const exampleOrgDns = dnsOf({
  'example.org': [[`v=spf1 ip4:${EXAMPLE_ORG_SERVER} -all`]],
  '_dmarc.example.org': [['v=DMARC1; p=reject']],
});

/**
 * Business Support's matching queue through its pages, as a signed-in officer's browser uses
 * them: emails the intake could not file wait there, oldest first, saying why; each is matched to
 * a school (a new complaint), added to a complaint by its reference, or set aside with a reason.
 */
describe('the matching queue for inbound email', () => {
  let api: ComplaintsApp;
  let intake: MailIntake;
  let officer: Browser;
  const mails: Record<'stranger' | 'colleague' | 'lost' | 'late' | 'hillside' | 'officer', string> =
    {
      officer: '',
      stranger: '',
      colleague: '',
      lost: '',
      late: '',
      hillside: '',
    };
  let closed: { id: string; reference: string };
  let open: { id: string; reference: string };

  /** Takes the mail in at `instant`, and waits until the queue can show it. */
  async function take(
    instant: string,
    mail: Mail,
    mailFrom: string,
    remoteAddress: string | null = null,
  ): Promise<string> {
    api.clock.set(instant);
    const { mailId } = await intake.accept(rawMail(mail), {
      source: 'smtp',
      mailFrom,
      recipients: ['complaints@lancashire.gov.uk'],
      remoteAddress,
      heloName: null,
    });
    const { history } = await intake.load(mailId);
    expect(
      await api.app
        .get(ReadModelProjector)
        .inboundMailCaughtUp(history[history.length - 1].position, 10_000),
    ).toBe(true);
    return mailId;
  }

  /** Posts one of an email's forms with the token its page carries. */
  async function post(mailId: string, action: string, fields: Record<string, string>) {
    const page = await officer.get(`/mail/${mailId}`);
    return officer.postForm(`/mail/${mailId}/${action}`, {
      csrfToken: csrfTokenIn(page.text),
      ...fields,
    });
  }

  const lodge = async (summary: string) =>
    (await api.as('head').post('/api/complaints', lodgeBody({ summary })).expect(201)).body as {
      id: string;
      reference: string;
    };

  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T08:00:00.000Z', { dns: exampleOrgDns });
    intake = api.app.get(MailIntake);
    await addWithPassword(api, OFFICER);
    closed = await lodge('Violin lessons cancelled');
    await api
      .as('support')
      .post(`/api/complaints/${closed.id}/rejection`, { reason: 'Not a traded service.' })
      .expect(200);
    open = await lodge('Payroll advice came late');
    await api.clocksSettled();

    mails.stranger = await take(
      '2025-04-17T09:00:00.000Z',
      {
        from: 'Pat Parent <pat.parent@elsewhere.example>',
        subject: 'Lessons <cancelled> & not rescheduled',
        body: 'Dear council,\r\n\r\n<b>Four weeks</b> of violin lessons were cancelled.',
      },
      'pat.parent@elsewhere.example',
    );
    // Business Support's own address: council staff do not lodge a school's complaint by email.
    mails.colleague = await take(
      '2025-04-17T09:05:00.000Z',
      {
        from: 'Support Desk <support@example.org>',
        subject: 'Forwarded: a school’s complaint',
        body: 'Forwarding this on.',
      },
      'support@example.org',
    );
    mails.lost = await take(
      '2025-04-17T09:10:00.000Z',
      {
        from: 'Ravi Bursar <ravi@elsewhere.example>',
        subject: 'Re: SG-2099-999999 more about the payroll advice',
        body: 'The advice still has not come.',
      },
      'ravi@elsewhere.example',
    );
    // The head of the complaint's school, on a complaint that is now closed.
    mails.late = await take(
      '2025-04-17T09:15:00.000Z',
      {
        from: 'Head <head@example.org>',
        subject: `Re: ${closed.reference} violin lessons`,
        body: 'We still want the lessons rescheduled.',
      },
      'head@example.org',
      // From the one server example.org's SPF allows, so its DMARC passes: the school's own head.
      EXAMPLE_ORG_SERVER,
    );
    // The bursar of another school, whose address the directory registers for that school.
    await new PeopleRecords(api.directory).registerSchoolAddress(
      OTHER_SCHOOL,
      { kind: 'email', value: 'bursar@hillside.example' },
      { actor: { id: 'test', role: 'admin' } },
    );
    mails.hillside = await take(
      '2025-04-17T09:20:00.000Z',
      {
        from: 'Hillside Bursar <bursar@hillside.example>',
        subject: 'Re: SG-2099-999998 our payroll query',
        body: 'Hillside’s own payroll query, about Hillside’s staff.',
      },
      'bursar@hillside.example',
    );
    // A service's manager passes on what the school told them on a visit.
    mails.officer = await take(
      '2025-04-17T09:25:00.000Z',
      {
        from: 'Music Manager <music-manager@example.org>',
        subject: 'Brookside: violin teacher keeps missing lessons',
        body: 'On my visit the head told me the violin teacher missed three lessons.',
      },
      'music-manager@example.org',
      EXAMPLE_ORG_SERVER,
    );
    // Signed in last: a session ends after a spell unused on the clock the test moved.
    officer = new Browser(api.app.getHttpServer() as Server);
    const signedIn = await officer.post('/api/auth/sign-in', {
      email: OFFICER.email,
      password: TEST_PASSWORD,
    });
    expect(signedIn.status).toBe(200);
  });

  afterAll(() => api?.close());

  /** The first event of a stream. */
  async function first(stream: string) {
    for await (const event of api.app
      .get<EventStore>(EVENT_STORE)
      .readStream(stream, { maxCount: 1 }))
      return [event];
    return [];
  }

  it('lists the waiting emails oldest first, each saying in words why it waits', async () => {
    const page = await officer.get('/mail');
    expect(page.status).toBe(200);
    const { history } = await intake.load(mails.late);
    const refusal = (
      history.find((event) => event.type === 'InboundMailAwaitingMatch')!.data as {
        refusal: string;
      }
    ).refusal;
    expect(refusal).toEqual(expect.any(String));

    const rows = rowsOf(page.text, 'waiting');
    expect(rows).toHaveLength(6);
    expect(rows[0]).toContain('17 April 2025 at 10am');
    expect(rows[0]).toContain('Pat Parent pat.parent@elsewhere.example');
    expect(rows[0]).toContain('Lessons <cancelled> & not rescheduled');
    expect(rows[0]).toContain('The sender’s address is not registered for any school');
    expect(rows[1]).toContain('17 April 2025 at 10:05am');
    expect(rows[1]).toContain('The sender is council staff or has a disabled account');
    expect(rows[2]).toContain('It names a complaint we cannot find');
    expect(rows[3]).toContain(`The complaint could not take it: ${refusal}`);
    expect(rows[4]).toContain('It names a complaint we cannot find');
    expect(rows[5]).toContain('The sender is council staff or has a disabled account');
    // A new complaint counts from when its email came (Thursday before Easter): 2 working days.
    expect(rows[0]).toContain('23 April 2025 2 working days left');
    expect(rows[3]).toContain('It answers a complaint');
    expect(rows[3]).not.toContain('23 April 2025');
    // Business Support's triage queue says how many wait, and since when, with the way to them.
    const triage = await officer.get('/triage');
    expect(wordsOf(triage.text)).toMatch(
      /6 emails are waiting to be matched ?, the oldest received 17 April 2025 at 10am/,
    );
    expect(triage.text).toContain('<a class="govuk-link" href="/mail">6 emails are waiting');
    // The subject is text, never markup.
    expect(page.text).toContain('Lessons &lt;cancelled&gt; &amp; not rescheduled');
    expect(page.text).toContain(`href="/mail/${mails.stranger}"`);
    expect(rowsOf(page.text, 'set-aside')).toEqual([]);
    expect(wordsOf(page.text)).toContain('No emails have been set aside.');
  });

  it('shows an email as plain text with its sender checks, and lodges it for the school chosen', async () => {
    const page = await officer.get(`/mail/${mails.stranger}`);
    expect(page.status).toBe(200);
    const words = wordsOf(page.text);
    expect(words).toContain('From Pat Parent <pat.parent@elsewhere.example>');
    expect(words).toContain('Sent to complaints@lancashire.gov.uk');
    // Taken in without the connecting server's address, and from a domain with no DNS records.
    expect(words).toContain(
      'SPF Neutral: the domain says nothing either way ' +
        'DKIM None: nothing to check against ' +
        'DMARC (elsewhere.example) None: nothing to check against',
    );
    expect(page.text).toContain('&lt;b&gt;Four weeks&lt;/b&gt; of violin lessons were cancelled.');
    expect(page.text).not.toContain('<b>Four weeks</b>');
    // A county has hundreds of schools: the school is typed, by name or URN, never picked from a list.
    expect(page.text).toMatch(
      /<input class="govuk-input[^"]*" id="schoolUrn" name="schoolUrn" type="text"/,
    );
    expect(page.text).not.toContain('<select');

    const blank = await post(mails.stranger, 'lodging', { schoolUrn: '' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('govuk-error-summary');
    expect(blank.text).toContain('href="#schoolUrn"');
    expect(wordsOf(blank.text)).toContain('Enter the name or URN of the school the email is from');

    const unknown = await post(mails.stranger, 'lodging', { schoolUrn: '999999' });
    expect(unknown.status).toBe(400);
    expect(wordsOf(unknown.text)).toContain('Enter the URN of a school the council serves');

    const noSuchName = await post(mails.stranger, 'lodging', { schoolUrn: 'Zebra Lane' });
    expect(noSuchName.status).toBe(400);
    expect(wordsOf(noSuchName.text)).toContain(
      'No school the council serves has a name like ‘Zebra Lane’: check the spelling, or enter its URN',
    );
    expect(noSuchName.text).toContain('value="Zebra Lane"');

    const twoSchools = await post(mails.stranger, 'lodging', {
      schoolUrn: 'primary',
      contactName: 'Pat Parent',
    });
    expect(twoSchools.status).toBe(400);
    expect(wordsOf(twoSchools.text)).toContain(
      '2 schools have names like ‘primary’: choose the one you mean',
    );
    expect(twoSchools.text).toContain('id="school-candidates"');
    expect(wordsOf(twoSchools.text)).toContain('Brookside Primary School (119300)');
    expect(wordsOf(twoSchools.text)).toContain(`Hillside Primary School (${OTHER_SCHOOL})`);
    // Nothing else was wrong, and what was typed elsewhere stays.
    expect(
      twoSchools.text.match(/govuk-error-summary__list[\s\S]*?<\/ul>/)![0].match(/<li>/g),
    ).toHaveLength(1);
    expect(twoSchools.text).toContain('value="Pat Parent"');
    expect((await intake.load(mails.stranger)).state.status).toBe('awaiting-match');

    // Matched later: the complaint was received when the email came.
    const taken = api.clock.now();
    const matchedAt = new Date(taken.getTime() + 5 * 60_000).toISOString();
    api.clock.set(matchedAt);
    // The one school whose name holds the words typed.
    const lodged = await post(mails.stranger, 'lodging', { schoolUrn: 'brookside' });
    api.clock.set(taken.toISOString());
    expect(lodged.status).toBe(303);
    const { state } = await intake.load(mails.stranger);
    expect(state.status).toBe('filed');
    expect(lodged.headers.location).toBe(`/complaints/${state.complaintId}`);
    const complaintPage = await officer.get(`/complaints/${state.complaintId}`);
    expect(complaintPage.status).toBe(200);
    expect(wordsOf(complaintPage.text)).toMatch(/The email was lodged as complaint SG-2025-\d{6}/);
    // The email keeps who vouched for its sender: the complaint's trace of who matched it.
    const filedPage = await officer.get(`/mail/${mails.stranger}`);
    expect(wordsOf(filedPage.text)).toContain(
      'Mo Matcher matched it to Brookside Primary School, 17 April 2025 at 10:30am: the service could not tell by itself whose it was.',
    );
    const view = await api.as('support').get(`/api/complaints/${state.complaintId}`).expect(200);
    expect(view.body).toMatchObject({
      channel: 'email',
      schoolUrn: SCHOOL,
      summary: 'Lessons <cancelled> & not rescheduled',
      lodgedAt: '2025-04-17T09:00:00.000Z',
      loggedAt: matchedAt,
    });

    const queue = await officer.get('/mail');
    expect(queue.text).not.toContain(`/mail/${mails.stranger}"`);
    const again = await post(mails.stranger, 'lodging', { schoolUrn: SCHOOL });
    expect(again.status).toBe(400);
    expect(wordsOf(again.text)).toContain('Someone has already dealt with this email');
    expect(wordsOf(again.text)).toMatch(/Lodged as complaint SG-2025-\d{6}: view the complaint/);
  });

  it('sets an email aside only with a reason, and lists it as set aside', async () => {
    const blank = await post(mails.colleague, 'setting-aside', { reason: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('href="#reason"');
    expect(wordsOf(blank.text)).toContain('Enter why you are setting the email aside');

    const setAside = await post(mails.colleague, 'setting-aside', {
      reason: 'Forwarded by mistake: the school has phoned instead.',
    });
    expect(setAside.status).toBe(303);
    expect(setAside.headers.location).toBe('/mail');
    expect((await intake.load(mails.colleague)).state.status).toBe('discarded');

    const queue = await officer.get('/mail');
    expect(wordsOf(queue.text)).toContain('The email was set aside');
    expect(rowsOf(queue.text, 'waiting').join('\n')).not.toContain(
      'Forwarded: a school’s complaint',
    );
    const aside = rowsOf(queue.text, 'set-aside');
    expect(aside).toHaveLength(1);
    expect(aside[0]).toContain('Forwarded: a school’s complaint');
    expect(aside[0]).toContain('Set aside: Forwarded by mistake: the school has phoned instead.');
  });

  it('puts an email set aside by mistake back in the queue, where it can be lodged after all', async () => {
    const page = await officer.get(`/mail/${mails.colleague}`);
    expect(wordsOf(page.text)).toContain('put it back in the queue to lodge it');
    const putBack = await post(mails.colleague, 'putting-back', {});
    expect(putBack.status).toBe(303);
    expect(putBack.headers.location).toBe(`/mail/${mails.colleague}`);
    expect((await intake.load(mails.colleague)).state.status).toBe('awaiting-match');
    const back = await officer.get(`/mail/${mails.colleague}`);
    expect(wordsOf(back.text)).toContain('The email is back in the queue');
    expect(wordsOf(back.text)).toContain('It was put back in the queue after it was set aside');
    // Why it waited before it was set aside still holds.
    expect(wordsOf(back.text)).toContain('It first waited because: The sender is council staff');
    expect(back.text).toContain(`action="/mail/${mails.colleague}/lodging"`);
    const queue = await officer.get('/mail');
    expect(rowsOf(queue.text, 'set-aside')).toEqual([]);
    expect(rowsOf(queue.text, 'waiting').join('\n')).toContain('Forwarded: a school’s complaint');

    // Waiting, it is not put back twice: the page says it has been dealt with, and nothing is recorded.
    const revision = (await intake.load(mails.colleague)).state.revision;
    const twice = await post(mails.colleague, 'putting-back', {});
    expect(twice.status).toBe(409);
    expect(wordsOf(twice.text)).toContain(
      'Someone has already put this email back or dealt with it',
    );
    expect((await intake.load(mails.colleague)).state.revision).toBe(revision);

    const setAsideAgain = await post(mails.colleague, 'setting-aside', {
      reason: 'Forwarded by mistake: the school has phoned instead.',
    });
    expect(setAsideAgain.status).toBe(303);
  });

  it('adds an email to a complaint by its reference, as a message from the complaint’s school', async () => {
    const nowhere = await post(mails.lost, 'filing', { reference: 'SG-2099-999999' });
    expect(nowhere.status).toBe(400);
    expect(nowhere.text).toContain('href="#reference"');
    expect(wordsOf(nowhere.text)).toContain('There is no complaint with that reference');

    // However the officer types the reference: its number unpadded, spaces for its hyphens.
    const [, year, number] = open.reference.split('-');
    const filed = await post(mails.lost, 'filing', {
      reference: ` sg ${year} ${Number(number)} `,
    });
    expect(filed.status).toBe(303);
    expect(filed.headers.location).toBe(`/complaints/${open.id}`);
    const complaintPage = await officer.get(`/complaints/${open.id}`);
    expect(wordsOf(complaintPage.text)).toContain(
      `The email was added to complaint ${open.reference}`,
    );
    expect(wordsOf(complaintPage.text)).toContain('The advice still has not come.');

    const sent = [];
    for await (const event of api.app
      .get<EventStore>(EVENT_STORE)
      .readStream(complaintStream(open.id)))
      if (event.type === 'MessageSent') sent.push(event.data);
    expect(sent).toEqual([
      expect.objectContaining({ from: 'school', text: 'The advice still has not come.' }),
    ]);
  });

  it('asks for a contact at the school when the sender’s own address is not the school’s, recording nothing meanwhile', async () => {
    // Hillside registers its bursar's address; a governor writes from home.
    const governor = await take(
      api.clock.now().toISOString(),
      {
        from: 'Gill Governor <gill@home.example>',
        subject: 'Hillside: the payroll advice never came',
        body: 'I chair the governors at Hillside. The payroll advice never came.',
      },
      'gill@home.example',
    );
    const before = (await intake.load(governor)).history.length;
    const refused = await post(governor, 'lodging', { schoolUrn: OTHER_SCHOOL });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#contactEmail"');
    expect(wordsOf(refused.text)).toContain(
      'The school’s emails about the complaint must go to an address at the school. Enter the name of the person who complained and their school email address',
    );
    expect(refused.text).not.toContain('contact.email');
    // The email waits as it did, for the same reason: the person's answer was short, not the email.
    const { state, history } = await intake.load(governor);
    expect(state.status).toBe('awaiting-match');
    expect(history).toHaveLength(before);

    const lodged = await post(governor, 'lodging', {
      schoolUrn: OTHER_SCHOOL,
      contactName: 'Bea Bursar',
      contactEmail: 'bursar@hillside.example',
    });
    expect(lodged.status).toBe(303);
    expect((await intake.load(governor)).state.status).toBe('filed');
  });

  it('will not add a school’s email to another school’s complaint, which that school would read', async () => {
    const refused = await post(mails.hillside, 'filing', { reference: open.reference });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#reference"');
    expect(wordsOf(refused.text)).toContain(
      `This email is from an address of Hillside Primary School (${OTHER_SCHOOL}): it can only go to that school’s complaints`,
    );
    // The page names the school the address is registered to, and has it filled in to lodge for.
    const page = await officer.get(`/mail/${mails.hillside}`);
    expect(wordsOf(page.text)).toContain(
      `The sender’s address is registered to Hillside Primary School (${OTHER_SCHOOL}), filled in below`,
    );
    expect(page.text).toMatch(
      new RegExp(`id="schoolUrn" name="schoolUrn" type="text"[^>]* value="${OTHER_SCHOOL}"`),
    );
    const { state } = await intake.load(mails.hillside);
    expect(state.status).toBe('awaiting-match');
    const lodged = await post(mails.hillside, 'lodging', { schoolUrn: SCHOOL });
    expect(lodged.status).toBe(400);
    expect(lodged.text).toContain('href="#schoolUrn"');
    expect((await intake.load(mails.hillside)).state.status).toBe('awaiting-match');
  });

  it('lodges an officer’s email as logged by that officer, with the school’s contact named, never as the school', async () => {
    const asTheSchool = await post(mails.officer, 'filing', { reference: open.reference });
    expect(asTheSchool.status).toBe(400);
    expect(wordsOf(asTheSchool.text)).toContain(
      'This email is not from the school’s own staff, so it cannot be added as the school’s message',
    );
    // From an address no school has, who complained is asked for, not marked optional.
    const page = wordsOf((await officer.get(`/mail/${mails.officer}`)).text);
    expect(page).toContain('Who at the school complained');
    expect(page).not.toContain('Who at the school complained (optional)');
    const nobodyNamed = await post(mails.officer, 'lodging', { schoolUrn: SCHOOL });
    expect(nobodyNamed.status).toBe(400);
    expect(nobodyNamed.text).toContain('href="#contactName"');
    const addressOnly = await post(mails.officer, 'lodging', {
      schoolUrn: SCHOOL,
      contactEmail: 'jane.head@brookside.example',
    });
    expect(addressOnly.status).toBe(400);
    expect(wordsOf(addressOnly.text)).toContain(
      'Enter the name of the person at the school who complained',
    );
    expect((await intake.load(mails.officer)).state.status).toBe('awaiting-match');

    const lodged = await post(mails.officer, 'lodging', {
      schoolUrn: SCHOOL,
      contactName: 'Jane Head',
      contactEmail: 'jane.head@brookside.example',
    });
    expect(lodged.status).toBe(303);
    const { state } = await intake.load(mails.officer);
    const [event] = await first(complaintStream(state.complaintId!));
    expect(event.data).toMatchObject({
      channel: 'email',
      schoolUrn: SCHOOL,
      contact: { name: 'Jane Head', email: 'jane.head@brookside.example' },
      loggedByOfficer: { name: 'Music Manager' },
      by: { id: 'music-manager', role: 'service-manager' },
    });
  });

  it('names the complaint a refused reply was about, and offers its reference', async () => {
    // Only named, not filed: the complaint's page does not offer it, nor can it be downloaded there.
    const original = await officer.get(`/complaints/${closed.id}/emails/${mails.late}`);
    expect(original.status).toBe(404);
    const page = await officer.get(`/mail/${mails.late}`);
    expect(page.status).toBe(200);
    expect(wordsOf(page.text)).toContain(`It is about complaint ${closed.reference}`);
    expect(page.text).toMatch(
      new RegExp(`<input[^>]*id="reference"[^>]*value="${closed.reference}"`),
    );
    const refused = await post(mails.late, 'filing', { reference: closed.reference });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#reference"');
    expect(wordsOf(refused.text)).toContain('This complaint is closed, so it cannot be changed');
  });

  it('lodges a school’s email as a new complaint when Business Support says so, though it names a closed one', async () => {
    const lodged = await post(mails.late, 'lodging', { schoolUrn: SCHOOL });
    expect(lodged.status).toBe(303);
    const { state } = await intake.load(mails.late);
    expect(state.status).toBe('filed');
    expect(state.complaintId).not.toBe(closed.id);
    const [event] = await first(complaintStream(state.complaintId!));
    expect(event.data).toMatchObject({
      // Its words sum it up, not the subject naming the closed complaint, which its details keep.
      summary: 'We still want the lessons rescheduled.',
      details: expect.stringContaining(
        `(The email’s subject: Re: ${closed.reference} violin lessons)`,
      ) as unknown,
      contact: { name: 'Head', email: 'head@example.org' },
      loggedByOfficer: null,
    });
  });

  it('answers "Page not found" for an email that does not exist or an id that is not one', async () => {
    for (const path of ['/mail/not-an-id', `/mail/${randomUUID()}`]) {
      const page = await officer.get(path);
      expect(page.status).toBe(404);
      expect(page.text).toContain('Page not found');
    }
    const queue = await officer.get('/mail');
    const missing = await officer.postForm(`/mail/${randomUUID()}/setting-aside`, {
      csrfToken: csrfTokenIn(queue.text),
      reason: 'Not there.',
    });
    expect(missing.status).toBe(404);
  });

  it('is for Business Support alone', async () => {
    const school = await api.as('head').get('/mail');
    expect(school.status).toBe(403);
    expect(school.text).toContain('You cannot do this');
  });

  // Last: it moves the clock a week on, past every session's spell unused.
  it('marks a waiting new complaint overdue once its date to be passed on has gone', async () => {
    api.clock.set('2025-04-24T08:00:00.000Z');
    const nextWeek = new Browser(api.app.getHttpServer() as Server);
    const signedIn = await nextWeek.post('/api/auth/sign-in', {
      email: OFFICER.email,
      password: TEST_PASSWORD,
    });
    expect(signedIn.status).toBe(200);
    const waiting = rowsOf((await nextWeek.get('/mail')).text, 'waiting');
    const overdue = waiting.filter((row) => row.includes('Overdue'));
    expect(overdue.length).toBeGreaterThan(0);
    for (const row of overdue) expect(row).toContain('23 April 2025 One working day overdue');
    // One that answers a complaint has no date of its own here.
    for (const row of waiting.filter((row) => row.includes('It answers a complaint')))
      expect(row).not.toContain('Overdue');

    // Waiting longer than a complaint may be dated back, it counts from when it is filed, as
    // the lodge will count it: Monday 2 June, so Wednesday 4 June.
    api.clock.set('2025-06-02T08:00:00.000Z');
    const later = new Browser(api.app.getHttpServer() as Server);
    await later.post('/api/auth/sign-in', { email: OFFICER.email, password: TEST_PASSWORD });
    const stale = rowsOf((await later.get('/mail')).text, 'waiting').filter(
      (row) => !row.includes('It answers a complaint'),
    );
    expect(stale.length).toBeGreaterThan(0);
    for (const row of stale) {
      expect(row).toContain('4 June 2025');
      expect(row).not.toContain('Overdue');
    }
  });
});
