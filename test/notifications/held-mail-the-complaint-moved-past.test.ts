import { type ComplaintCommand, DEFAULT_POLICY } from '@sg/complaints';
import { VirtualTimerHost } from '@sg/deadlines';
import { NotificationDispatcher } from '@sg/notifications';
import { calendar, reactorOverStore } from './support/reactor-over-store';
import {
  HEAD as head,
  MANAGER as manager,
  RecordingTransport,
  SUPPORT as support,
} from './support/recording-transport';

const DEPUTY = 'hed@county.example';
const SCHOOL = 'head@brookside.example';

/** Sunday 6 December 2026, `hour` o'clock in London (GMT): mail is held for Monday 08:00. */
const sunday = (hour: number) => `2026-12-06T${String(hour).padStart(2, '0')}:00:00.000Z`;

/**
 * Brookside's complaint about Schools HR, lodged on Friday 4 December 2026, whose manager Hal and
 * deputy Hed both manage the service. Hal acts; Hed is told. Everything after lodging happens on
 * the Sunday, so every message waits for Monday morning.
 */
async function complaintReferredOnASunday() {
  const harness = reactorOverStore();
  await harness.addServiceManager('p-manager', 'Hal', 'schools-hr');
  // Hed's address is DEPUTY.
  await harness.addServiceManager('p-deputy', 'Hed', 'schools-hr');
  const act = (command: ComplaintCommand) => harness.act('c-1', command);
  /** The outbox sending, in office hours, from `from` to `to`: who was sent what, by subject. */
  const sending = async (from: string, to: string) => {
    const transport = new RecordingTransport();
    const host = new VirtualTimerHost(from);
    const dispatcher = new NotificationDispatcher(harness.store, transport, host, {
      from: 'sg@county.example',
      nextWorkingMoment: (at) => calendar.nextWorkingMoment(at),
    });
    dispatcher.start();
    await host.advanceTo(to);
    await dispatcher.stop();
    return (email: string) =>
      transport.sent.filter((mail) => mail.to.email === email).map((mail) => mail.subject);
  };
  await act({
    type: 'LodgeComplaint',
    actor: support,
    at: '2026-12-04T09:00:00.000Z',
    complaintId: 'c-1',
    reference: 'SG-2026-000001',
    channel: 'phone',
    schoolUrn: '119300',
    serviceId: 'schools-hr',
    summary: 'No reply about a grievance',
    details: 'We raised a grievance in March.',
    standards: ['listen-and-respond'],
    contact: { name: 'Jane Head', email: SCHOOL },
    relatedContractId: null,
    relatedBookingId: null,
    policy: DEFAULT_POLICY,
  });
  // Friday's acknowledgement goes on Friday.
  await sending('2026-12-04T09:00:00.000Z', '2026-12-04T12:00:00.000Z');
  const extend = (hour: number, extraWorkingDays: number) =>
    act({
      type: 'AgreeExtension',
      actor: head,
      at: sunday(hour),
      extraWorkingDays,
      reason: 'The adviser is away',
      consent: null,
    });
  const propose = (hour: number) =>
    act({
      type: 'ProposeResolution',
      actor: manager,
      at: sunday(hour),
      resolution: 'An adviser will meet the deputy head',
    });
  // Referred, so due Friday 18 December.
  await act({
    type: 'ReferComplaint',
    actor: support,
    at: sunday(9),
    serviceId: null,
    note: null,
  });
  return {
    act,
    extend,
    propose,
    monday: () => sending(sunday(18), '2026-12-07T12:00:00.000Z'),
    directory: harness.directory,
    addServiceManager: harness.addServiceManager,
    store: harness.store,
    close: harness.close,
  };
}

/**
 * Then a question and its answer; 3 more days (to the 23rd); a proposal, disputed; 2 more days
 * (to the 29th, over Christmas); proposed again.
 */
async function complaintWorkedOnASunday() {
  const worked = await complaintReferredOnASunday();
  const { act, extend, propose } = worked;
  await act({ type: 'RequestInformation', actor: manager, at: sunday(10), question: 'Who?' });
  await act({
    type: 'RecordInformationReceived',
    actor: head,
    at: sunday(11),
    summary: 'The deputy head',
  });
  await extend(12, 3);
  await propose(13);
  await act({ type: 'DisputeResolution', actor: head, at: sunday(14), reason: 'Not enough' });
  await extend(15, 2);
  await propose(16);

  return worked;
}

describe('mail held for the morning that the complaint has moved past', () => {
  it('once the school confirms, the service is sent only that it is closed: no referral, answer, dispute or extension with a date it no longer works to', async () => {
    const { act, monday, close } = await complaintWorkedOnASunday();
    await act({ type: 'ConfirmResolution', actor: head, at: sunday(17), consent: null });

    const to = await monday();
    expect(to(DEPUTY)).toEqual(['SG-2026-000001: resolution accepted, complaint closed']);
    expect(to(SCHOOL)).toEqual(['Your complaint SG-2026-000001 is closed']);
    await close();
  });

  it('while it is open, each is sent only the message with the date that now stands', async () => {
    const { act, monday, close } = await complaintWorkedOnASunday();
    // The school disputes again and more time is agreed: the service works to Tuesday 5 January.
    await act({ type: 'DisputeResolution', actor: head, at: sunday(17), reason: 'Still not' });
    await act({
      type: 'AgreeExtension',
      actor: head,
      at: sunday(18),
      extraWorkingDays: 4,
      reason: 'Over the holidays',
      consent: null,
    });

    const to = await monday();
    expect(to(DEPUTY)).toEqual(['SG-2026-000001: 4 more working days agreed']);
    expect(to(SCHOOL)).toEqual(['Your complaint SG-2026-000001: more time agreed']);
    await close();
  });
});

describe('mail held for the morning about a complaint moved to another service', () => {
  it('the old service is sent only that it has gone, the school which service has it and by when, the new service where it came from', async () => {
    const { act, directory, addServiceManager, store, monday, close } =
      await complaintReferredOnASunday();
    for (const [serviceId, name] of [
      ['schools-hr', 'Schools HR'],
      ['music-service', 'Music Service'],
    ])
      await directory(`service-${serviceId}`, 'ServiceRegistered', {
        serviceId,
        name,
        description: name,
      });
    await addServiceManager('p-music', 'Mo', 'music-service');
    await act({
      type: 'AssignCaseOfficer',
      actor: manager,
      at: sunday(10),
      officerId: 'p-deputy',
      officerName: 'Hed',
    });
    await act({
      type: 'RerouteComplaint',
      actor: support,
      at: sunday(11),
      toServiceId: 'music-service',
      reason: 'It is about music lessons',
      relatedContractId: null,
      relatedBookingId: null,
    });

    const to = await monday();
    expect(to(DEPUTY)).toEqual(['SG-2026-000001: moved from your service to Music Service']);
    expect(to(SCHOOL)).toEqual(['Your complaint SG-2026-000001 is now with Music Service']);
    expect(to('mo@county.example')).toEqual([
      'SG-2026-000001: moved to your service, resolve by Friday 18 December 2026',
    ]);
    const toNew = store.outbox().find((mail) => mail.to.email === 'mo@county.example');
    expect(toNew?.text).toContain('to your service from Schools HR:');
    await close();
  });
});
