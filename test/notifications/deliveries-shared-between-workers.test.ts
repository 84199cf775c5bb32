import Database from 'better-sqlite3';
import { VirtualTimerHost } from '@sg/deadlines';
import { SqliteEventStore } from '@sg/event-store';
import { SmtpMailTransport } from '@sg/mail';
import {
  DeliveryRecord,
  MessageWriter,
  type Notification,
  NotificationDispatcher,
  NotificationReactor,
  NotificationStore,
} from '@sg/notifications';
import { WorkingDayCalendar } from '@sg/working-days';
import { eventually } from '../support/eventually';
import { GONE, startSmtpServer } from './support/refusing-smtp-server';

const HERE = 'chair@county.example';
const notification = (id: string, email: string): Notification => ({
  id: `00000000-0000-4000-8000-00000000000${id}`,
  complaintId: 'c-1',
  kind: 'escalated-to-board',
  to: { name: id, email },
  subject: `SG-2025-000042: escalated (${id})`,
  text: 'Complaint SG-2025-000042 has been escalated to the Board.',
  html: '<p>Complaint SG-2025-000042 has been escalated to the Board.</p>',
  raisedAt: '2025-05-09T23:00:00.000Z',
  sendAfter: '2025-05-12T07:00:00.000Z',
});
const SENT = notification('1', HERE);
const REFUSED = notification('2', GONE);

/**
 * Two workers, one after the other as when one dies and another takes over, each with an outbox
 * of its own that the same events filled, over one event store and one mail server.
 */
describe('deliveries are shared between workers through the event store', () => {
  let events: SqliteEventStore;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let transport: SmtpMailTransport;
  const outboxes: NotificationStore[] = [];

  beforeEach(async () => {
    events = new SqliteEventStore({ file: ':memory:' });
    smtp = await startSmtpServer();
    transport = new SmtpMailTransport(smtp.url);
  });
  afterEach(async () => {
    transport.close();
    await smtp.close();
    await events.close();
    for (const outbox of outboxes.splice(0)) outbox.close();
  });

  const outboxWithBothQueued = () => {
    const outbox = new NotificationStore(new Database(':memory:'));
    outboxes.push(outbox);
    outbox.write({ notifications: [SENT, REFUSED] }, { commit: 1n, prepare: 1n });
    return outbox;
  };
  const dispatcherOver = (
    outbox: NotificationStore,
    deliveries: Pick<DeliveryRecord, 'outcome' | 'sent' | 'failedForGood'> = new DeliveryRecord(
      events,
    ),
  ) =>
    new NotificationDispatcher(outbox, transport, new VirtualTimerHost('2025-05-12T07:00:00Z'), {
      from: 'sg@county.example',
      deliveries,
    });
  const row = (outbox: NotificationStore, id: string) => outbox.outbox().find((n) => n.id === id)!;
  const settled = (outbox: NotificationStore) =>
    eventually(() => outbox.outbox().every((n) => n.sentAt !== null || n.failedAt !== null));

  it('a worker that takes over sends nothing the first one sent or gave up on', async () => {
    const first = outboxWithBothQueued();
    const firstDispatcher = dispatcherOver(first);
    firstDispatcher.start();
    await settled(first);
    await firstDispatcher.stop();
    expect(smtp.recipients).toEqual([HERE, GONE]);

    const second = outboxWithBothQueued();
    const secondDispatcher = dispatcherOver(second);
    secondDispatcher.start();
    await settled(second);
    await secondDispatcher.stop();

    expect(smtp.recipients).toEqual([HERE, GONE]);
    expect(row(second, SENT.id)).toMatchObject({ sentAt: '2025-05-12T07:00:00.000Z' });
    expect(row(second, REFUSED.id)).toMatchObject({
      failedAt: '2025-05-12T07:00:00.000Z',
      lastError: expect.stringContaining('550'),
    });
  });

  it('without the shared record, the second worker would send both again', async () => {
    const first = outboxWithBothQueued();
    const firstDispatcher = dispatcherOver(first);
    firstDispatcher.start();
    await settled(first);
    await firstDispatcher.stop();

    const noRecord = { outcome: () => Promise.resolve(null), sent: noop, failedForGood: noop };
    const second = outboxWithBothQueued();
    const secondDispatcher = dispatcherOver(second, noRecord);
    secondDispatcher.start();
    await settled(second);
    await secondDispatcher.stop();
    expect(smtp.recipients).toEqual([HERE, GONE, HERE, GONE]);
  });

  it("a standing-by worker's reactor marks its outbox from the outcomes the other recorded", async () => {
    const sender = outboxWithBothQueued();
    const dispatcher = dispatcherOver(sender);
    dispatcher.start();
    await settled(sender);
    await dispatcher.stop();

    const standingBy = outboxWithBothQueued();
    const reactor = new NotificationReactor(
      standingBy,
      new WorkingDayCalendar(),
      events,
      new MessageWriter('http://localhost:3000'),
    );
    for await (const recorded of events.readAll()) {
      if (reactor.filter.streamPrefixes.some((prefix) => recorded.stream.startsWith(prefix)))
        await reactor.handle(recorded);
    }
    expect(row(standingBy, SENT.id)).toMatchObject({ sentAt: '2025-05-12T07:00:00.000Z' });
    expect(row(standingBy, REFUSED.id)).toMatchObject({
      failedAt: '2025-05-12T07:00:00.000Z',
      lastError: expect.stringContaining('550'),
    });
  });
});

const noop = () => Promise.resolve();
