import { type ComplaintEvent, complaintStream, schemaVersionOf } from '@sg/complaints';
import { DirectoryWriter, Directory, PeopleRecords } from '@sg/directory';
import { envelope, SqliteEventStore } from '@sg/event-store';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noteAt } from '../support/complaint-history';
import { cli, complaintEvents, recordComplaints } from './backup-support';

jest.setTimeout(60_000);

interface Entry {
  stream: string;
  type: string;
  found: string;
  personalData: Record<string, unknown>;
}

/**
 * A subject access request, as a council's data protection officer answers it: from a store with
 * the head's own complaint, another contact's complaint whose note names her, and her account.
 */
describe('cli subject-access', () => {
  let dataDir: string;
  let theirs: string;
  let namingThem: string;
  let notThem: string;
  const sqlite = () => ({ EVENT_STORE: 'sqlite', DATA_DIR: dataDir });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sg-subject-access-'));
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    // The fixture's contact: Asha Head, head@school.example.
    [theirs] = await recordComplaints(store, 1);
    const otherId = randomUUID();
    namingThem = complaintStream(otherId);
    const lodgedByAnother = complaintEvents(otherId, 'SG-2025-000900')
      .slice(0, 1)
      .map((event) => ({
        ...event,
        data: {
          ...(event.data as object),
          contact: { name: 'Bo Bursar', email: 'bo@other.example' },
        },
      }));
    const note: ComplaintEvent = {
      ...noteAt('2025-05-01T09:00:00.000Z'),
      data: {
        ...(noteAt('2025-05-01T09:00:00.000Z').data as object),
        text: 'Asha Head rang about this too',
      } as never,
    };
    await store.appendToStream(
      namingThem,
      [...lodgedByAnother, envelope(note, { schemaVersion: schemaVersionOf(note.type) })],
      { expectedRevision: 'no_stream' },
    );
    // Another person whose address and name hold hers: the deputy head, Joanna Headley.
    const deputysId = randomUUID();
    notThem = complaintStream(deputysId);
    await store.appendToStream(
      notThem,
      complaintEvents(deputysId, 'SG-2025-000901')
        .slice(0, 1)
        .map((event) => ({
          ...event,
          data: {
            ...(event.data as object),
            contact: { name: 'Joanna Asha Headley', email: 'deputyhead@school.example' },
            details: 'Write to deputyhead@school.example or thehead@school.example.org.',
          },
        })),
      { expectedRevision: 'no_stream' },
    );
    await new DirectoryWriter(new Directory(store), {
      actor: { id: 'test', role: 'system' },
    }).person({
      personId: 'asha',
      name: 'Asha Head',
      email: 'Head@School.example',
      roles: [{ role: 'school-staff', schoolUrn: '119876' }],
    });
    // Her sign-ins, kept apart from her account by her person id alone, and a mail server's
    // refusal of her link, which quotes her address and name.
    const people = new PeopleRecords(new Directory(store));
    const signIn = { actor: { id: 'asha', role: 'sign-in' } };
    const refusal = '550 <head@school.example>: mailbox unavailable for Asha Head';
    const at = '2025-05-02T08:00:00.000Z';
    await people.logSignIn(
      {
        type: 'SignInFailed',
        data: { personId: 'asha', method: 'email-link', reason: refusal, at },
      },
      signIn,
    );
    await people.logSignIn(
      { type: 'SignedIn', data: { personId: 'asha', method: 'email-link', session: 's1', at } },
      signIn,
    );
    await people.logSignIn(
      { type: 'SignedOut', data: { personId: 'asha', session: 's1', by: 'self', at } },
      signIn,
    );
    await people.logSignIn(
      { type: 'AccountLockedOut', data: { personId: 'asha', until: at, at } },
      signIn,
    );
    await people.logSignIn(
      { type: 'SignedIn', data: { personId: 'bo', method: 'password', session: 's2', at } },
      { actor: { id: 'bo', role: 'sign-in' } },
    );
    await store.appendToStream(
      `notification-${randomUUID()}`,
      [
        envelope(
          {
            type: 'NotificationFailedForGood',
            data: {
              notificationId: 'n1',
              complaintId: otherId,
              kind: 'sign-in-link',
              failedAt: at,
              error: refusal,
            },
          },
          { schemaVersion: 1 },
        ),
      ],
      { expectedRevision: 'no_stream' },
    );
    // A message from someone else with a file whose name names her.
    await store.appendToStream(
      `inbound-mail-${randomUUID()}`,
      [
        envelope(
          {
            type: 'InboundMailReceived',
            data: {
              from: { name: 'Bo Bursar', email: 'bo@other.example' },
              subject: 'Minutes',
              text: 'Attached.',
              attachments: [{ name: 'Minutes.pdf' }, { name: 'Letter to Asha Head.pdf' }],
              refusedFiles: [],
            },
          },
          { schemaVersion: 1 },
        ),
      ],
      { expectedRevision: 'no_stream' },
    );
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('gives her own complaint whole, what names her elsewhere, and her account; no one else’s complaint', async () => {
    const result = await cli(
      sqlite(),
      'subject-access',
      '--email',
      'HEAD@school.example',
      '--name',
      'Asha Head',
    );
    expect(result).toMatchObject({ status: 0, stderr: '' });
    const { subject, events } = JSON.parse(result.stdout) as { subject: unknown; events: Entry[] };
    expect(subject).toEqual({ email: 'HEAD@school.example', name: 'Asha Head' });
    const own = events.filter((entry) => entry.stream === theirs);
    expect(own.map((entry) => [entry.type, entry.found])).toEqual([
      ['ComplaintLodged', 'their-complaint'],
      ['InternalNoteAdded', 'their-complaint'],
      ['InternalNoteAdded', 'their-complaint'],
    ]);
    expect(own[0].personalData).toMatchObject({
      summary: 'Peripatetic violin lessons cancelled',
      'contact.name': 'Asha Head',
      'contact.email': 'head@school.example',
      details: 'Four weeks of violin lessons were cancelled without notice.',
    });
    const elsewhere = events.filter((entry) => entry.stream === namingThem);
    expect(elsewhere.map((entry) => [entry.type, entry.found, entry.personalData])).toEqual([
      ['InternalNoteAdded', 'names-them', { text: 'Asha Head rang about this too' }],
    ]);
    expect(events.find((entry) => entry.type === 'PersonRegistered')).toMatchObject({
      found: 'names-them',
      personalData: { name: 'Asha Head', email: 'Head@School.example' },
    });
    expect(
      events
        .filter((entry) => entry.stream === 'sign-in-log-asha')
        .map((entry) => [entry.type, entry.found, entry.personalData]),
    ).toEqual([
      [
        'SignInFailed',
        'names-them',
        {
          personId: 'asha',
          method: 'email-link',
          reason: '550 <head@school.example>: mailbox unavailable for Asha Head',
          at: '2025-05-02T08:00:00.000Z',
        },
      ],
      ['SignedIn', 'names-them', expect.objectContaining({ personId: 'asha', session: 's1' })],
      ['SignedOut', 'names-them', expect.objectContaining({ personId: 'asha', by: 'self' })],
      ['AccountLockedOut', 'names-them', expect.objectContaining({ personId: 'asha' })],
    ]);
    expect(events.find((entry) => entry.type === 'NotificationFailedForGood')).toMatchObject({
      found: 'names-them',
      personalData: { error: '550 <head@school.example>: mailbox unavailable for Asha Head' },
    });
    expect(events.some((entry) => entry.stream === 'sign-in-log-bo')).toBe(false);
    expect(events.find((entry) => entry.type === 'InboundMailReceived')).toMatchObject({
      found: 'names-them',
      personalData: { 'attachments.name': ['Minutes.pdf', 'Letter to Asha Head.pdf'] },
    });
    expect(
      JSON.stringify(events.filter((entry) => entry.type !== 'InboundMailReceived')),
    ).not.toContain('bo@other.example');
    expect(events.some((entry) => entry.stream === notThem)).toBe(false);
  });

  it('by address alone finds no note that names her only by name', async () => {
    const result = await cli(sqlite(), 'subject-access', '--email', 'head@school.example');
    const { events } = JSON.parse(result.stdout) as { events: Entry[] };
    expect(events.some((entry) => entry.stream === namingThem)).toBe(false);
    expect(events.some((entry) => entry.stream === theirs)).toBe(true);
  });

  it.each([
    [['subject-access'], '--email must be an email address'],
    [['subject-access', '--email', 'nobody'], '--email must be an email address'],
    [['subject-access', '--email', 'a@b.example', '--name', 'A'], '--name must be at least 3'],
    [['subject-access', '--email', 'a@b.example', '--phone', '1'], "Unknown option '--phone'"],
  ])('refuses %j with exit status 2, saying why', async (args, message) => {
    const result = await cli(sqlite(), ...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('refuses a DATA_DIR without a store rather than answer from an empty one', async () => {
    const result = await cli(
      { EVENT_STORE: 'sqlite', DATA_DIR: join(dataDir, 'nowhere') },
      'subject-access',
      '--email',
      'head@school.example',
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('There is no event store at');
  });
});
