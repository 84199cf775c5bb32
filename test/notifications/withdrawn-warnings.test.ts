import { type ClockState, type ComplaintCommand, DEADLINE_WORKER } from '@sg/complaints';
import { VirtualTimerHost } from '@sg/deadlines';
import { NotificationDispatcher } from '@sg/notifications';
import { calendar, lodgeComplaint, reactorOverStore } from './support/reactor-over-store';
import {
  HEAD as head,
  MANAGER as manager,
  RecordingTransport,
  SUPPORT as support,
} from './support/recording-transport';

/**
 * A complaint about Schools HR, referred on Tuesday 3 June 2025: its 10 working days run to
 * Tuesday 17 June, and its warning is due at the end of Friday 13 June (London), at night, so
 * the manager's mail is held for Monday morning. Commands are decided by the real decider and
 * stored; the reactor takes each event from the store as the worker does.
 */
async function referredComplaint() {
  const { store, events, reactor, addServiceManager, act: actOn, close } = reactorOverStore();
  await addServiceManager('p-manager', 'Hal', 'schools-hr');
  const act = (command: ComplaintCommand) => actOn('c-1', command);
  await act(lodgeComplaint('c-1', support, 'phone'));
  const state = await act({
    type: 'ReferComplaint',
    actor: support,
    at: '2025-06-03T09:00:00.000Z',
    serviceId: null,
    note: null,
  });
  const resolution = state.exists ? state.clocks.resolution! : null;
  const warningAt = resolution!.timing.warningAt!;
  expect(warningAt).toBe('2025-06-13T23:00:00.000Z');
  /** The warning timer of the resolution clock's run `clock` going off, on time. */
  const warnOf = (clock: ClockState) =>
    act({
      type: 'ReachDeadline',
      actor: DEADLINE_WORKER,
      at: clock.timing.warningAt!,
      clock: 'resolution',
      revision: clock.timing.revision,
      timer: 'warning',
    });
  const warn = () => warnOf(resolution!);
  /** The outbox sending from `from`, with people at work in office hours, until stopped. */
  const sendingFrom = (from: string, transport = new RecordingTransport()) => {
    const host = new VirtualTimerHost(from);
    const dispatcher = new NotificationDispatcher(store, transport, host, {
      from: 'sg@county.example',
      nextWorkingMoment: (at) => calendar.nextWorkingMoment(at),
    });
    dispatcher.start();
    return { host, transport, stop: () => dispatcher.stop() };
  };
  const warnings = () => store.outbox().filter((mail) => mail.kind === 'resolution-warning');
  return { act, warn, warnOf, store, events, reactor, close, sendingFrom, warnings };
}

const propose = (at: string): ComplaintCommand => ({
  type: 'ProposeResolution',
  actor: manager,
  at,
  resolution: 'The grievance advice was sent today',
});

describe('a message that no longer holds', () => {
  it('is not sent on Monday morning when the clock it warned of stopped at the weekend', async () => {
    const { act, warn, store, close, sendingFrom, warnings } = await referredComplaint();
    await warn();
    expect(warnings().map((mail) => [mail.to.email, mail.sendAfter])).toEqual([
      ['hal@county.example', '2025-06-16T07:00:00.000Z'],
    ]);
    // Saturday, 11:00 in London: the manager proposes a resolution from home.
    await act(propose('2025-06-14T10:00:00.000Z'));

    const { host, transport, stop } = sendingFrom('2025-06-14T10:00:00.000Z');
    await host.advanceTo('2025-06-16T12:00:00.000Z');
    await stop();

    expect(transport.sent.map((mail) => mail.subject).join('\n')).not.toMatch(/due|warning/i);
    expect(transport.sent.length).toBeGreaterThan(0);
    expect(warnings()).toMatchObject([{ sentAt: null, withdrawnAt: '2025-06-14T10:00:00.000Z' }]);
    expect(store.backlog(new Date('2025-06-16T12:00:00.000Z'))).toMatchObject({
      waiting: 0,
      failed: 0,
    });
    await close();
  });

  it('is not sent on a retry after the mail server failed, once the clock stopped meanwhile', async () => {
    const { act, warn, close, sendingFrom, warnings } = await referredComplaint();
    await warn();
    const { host, transport, stop } = sendingFrom(
      '2025-06-16T06:00:00.000Z',
      new RecordingTransport(true),
    );
    await host.advanceTo('2025-06-16T07:00:00.000Z');
    expect(warnings()).toMatchObject([{ sentAt: null, attempts: 1 }]);
    await act(propose('2025-06-16T07:00:30.000Z'));
    transport.down = false;
    await host.advanceTo('2025-06-16T08:00:00.000Z');
    await stop();

    expect(transport.sent.length).toBeGreaterThan(0);
    expect(transport.sent.map((mail) => mail.messageId)).not.toContain(warnings()[0].id);
    expect(warnings()).toMatchObject([{ sentAt: null, withdrawnAt: '2025-06-16T07:00:30.000Z' }]);
    await close();
  });

  it('a parked event handed over again withdraws no warning of a later revision of its clock', async () => {
    const { act, warnOf, close, store, events, reactor } = await referredComplaint();
    // The manager asks the school a question and has the answer: the clock runs again, revised.
    await act({
      type: 'RequestInformation',
      actor: manager,
      at: '2025-06-04T09:00:00.000Z',
      question: 'Which grievance?',
    });
    const resumed = await act({
      type: 'RecordInformationReceived',
      actor: manager,
      at: '2025-06-05T09:00:00.000Z',
      summary: 'The March one',
    });
    if (!resumed.exists) throw new Error('the complaint is not there');
    await warnOf(resumed.clocks.resolution!);
    const waiting = () =>
      store.outbox().filter((mail) => mail.kind === 'resolution-warning' && !mail.withdrawnAt);
    expect(waiting()).toHaveLength(1);
    // The referral's event was parked; the runner hands it over again, the pause coming after it.
    for await (const recorded of events.readStream('complaint-c-1'))
      if (recorded.type === 'ComplaintReferred') await reactor.retry(recorded);
    expect(waiting()).toHaveLength(1);
    await close();
  });

  it('a proposal held for Monday is not sent once the school disputed it at the weekend', async () => {
    const { act, close, store, sendingFrom } = await referredComplaint();
    // Saturday 14 June: the manager proposes; the school, reading its page, disputes it.
    await act(propose('2025-06-14T10:00:00.000Z'));
    await act({
      type: 'DisputeResolution',
      actor: head,
      at: '2025-06-14T11:00:00.000Z',
      reason: 'Nothing has changed',
    });
    const { host, transport, stop } = sendingFrom('2025-06-14T11:00:00.000Z');
    await host.advanceTo('2025-06-16T12:00:00.000Z');
    await stop();
    expect(transport.sent.map((mail) => mail.subject).join('\n')).not.toMatch(
      /proposes a resolution/,
    );
    expect(
      store.outbox().find((mail) => mail.kind === 'resolution-proposed-for-school'),
    ).toMatchObject({ sentAt: null, withdrawnAt: '2025-06-14T11:00:00.000Z' });
    await close();
  });

  it('a question held for Monday is not sent once the school answered it at the weekend', async () => {
    const { act, close, store, sendingFrom } = await referredComplaint();
    // Saturday 14 June: the manager asks; the school, reading its page, answers.
    await act({
      type: 'RequestInformation',
      actor: manager,
      at: '2025-06-14T10:00:00.000Z',
      question: 'Which dates were booked?',
    });
    await act({
      type: 'RecordInformationReceived',
      actor: head,
      at: '2025-06-14T11:00:00.000Z',
      summary: 'The 3rd and the 10th',
    });
    const { host, transport, stop } = sendingFrom('2025-06-14T11:00:00.000Z');
    await host.advanceTo('2025-06-16T12:00:00.000Z');
    await stop();
    expect(transport.sent.map((mail) => mail.subject).join('\n')).not.toMatch(/question/i);
    expect(store.outbox().find((mail) => mail.kind === 'question-for-school')).toMatchObject({
      sentAt: null,
      withdrawnAt: '2025-06-14T11:00:00.000Z',
    });
    await close();
  });

  it('stays as it was once sent: what went, went', async () => {
    const { act, warn, close, sendingFrom, warnings } = await referredComplaint();
    await warn();
    const { host, stop } = sendingFrom('2025-06-16T06:00:00.000Z');
    await host.advanceTo('2025-06-16T07:00:00.000Z');
    await act(propose('2025-06-16T09:00:00.000Z'));
    await stop();

    expect(warnings()).toMatchObject([{ sentAt: '2025-06-16T07:00:00.000Z', withdrawnAt: null }]);
    await close();
  });
});
