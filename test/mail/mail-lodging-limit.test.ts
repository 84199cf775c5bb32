import { PeopleRecords } from '@sg/directory';
import { MailIntake } from '@sg/mail';
import { randomUUID } from 'node:crypto';
import { SCHOOL, startComplaintsApp, type ComplaintsApp } from '../support/complaints-app';
import { FROM_SCHOOL_RELAY, schoolDns } from './support/school-domain';

const mail = (from = 'Asha Head <head@brookside.lancs.sch.uk>') =>
  Buffer.from(
    [
      `From: ${from}`,
      'To: complaints@county.gov.uk',
      'Subject: Thank you for your email',
      `Message-ID: <${randomUUID()}@brookside.lancs.sch.uk>`,
      'Date: Thu, 17 Apr 2025 09:30:00 +0100',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Thank you for your email. We will be in touch.',
      '',
    ].join('\r\n'),
  );

/**
 * A sender has no more complaints lodged by email in an hour than a person may lodge: past that,
 * each waits for Business Support, unacknowledged, so a flood or a responder that answers every
 * acknowledgement in a new thread stops there.
 */
describe('complaints lodged by email, per sender and hour', () => {
  let api: ComplaintsApp;
  let intake: MailIntake;

  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z', {
      dns: schoolDns,
      env: { LODGES_PER_HOUR: '2' },
    });
    await new PeopleRecords(api.directory).registerSchoolAddress(
      SCHOOL,
      { kind: 'domain', value: 'brookside.lancs.sch.uk' },
      { actor: { id: 'test', role: 'admin' } },
    );
    intake = api.app.get(MailIntake);
  });
  afterAll(() => api.close());

  const outcome = async (raw: Buffer, via = FROM_SCHOOL_RELAY) => {
    const { mailId } = await intake.accept(raw, via);
    const { state, history } = await intake.load(mailId);
    return { mailId, status: state.status, last: history.at(-1)!.data as { reason?: string } };
  };

  it('lodges up to the limit, then holds the rest for Business Support, who may still lodge one', async () => {
    expect((await outcome(mail())).status).toBe('filed');
    expect((await outcome(mail())).status).toBe('filed');
    const held = await outcome(mail());
    expect(held).toMatchObject({
      status: 'awaiting-match',
      last: { reason: 'too-many-from-sender' },
    });
    // Another address of the school is not held up by the first.
    expect(
      (
        await outcome(mail('Bea Bursar <bursar@brookside.lancs.sch.uk>'), {
          ...FROM_SCHOOL_RELAY,
          mailFrom: 'bursar@brookside.lancs.sch.uk',
        })
      ).status,
    ).toBe('filed');
    await intake.match(held.mailId, SCHOOL, { id: 'support', role: 'business-support' });
    expect((await intake.load(held.mailId)).state.status).toBe('filed');
  });

  it('lodges from the sender again in the next hour', async () => {
    api.clock.set('2025-04-17T10:00:00.000Z');
    expect((await outcome(mail())).status).toBe('filed');
  });
});
