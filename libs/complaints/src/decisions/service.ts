import { type Actor, DEADLINE_WORKER, managesService } from '../actor';
import {
  extendClock,
  isBefore,
  pauseClock,
  recountClockFrom,
  resumeClock,
  startClock,
  startClockCountingFrom,
  stopClock,
} from '../clocks';
import { type CommandOf } from '../commands';
import { ruleBroken } from '../errors';
import { type ComplaintEvent } from '../events';
import { evolve } from '../evolve';
import { type ComplaintState, type OpenComplaint, WITH_THE_SERVICE } from '../state';
import {
  actingAs,
  type DecisionContext,
  inStatus,
  requireText,
  schoolConsent,
  sinceLodged,
  staffOf,
} from './support';
import { resolutionMissed } from './deadlines';

const serviceManagerOf = (complaint: OpenComplaint) => ({
  role: 'service-manager' as const,
  when: (actor: Actor) => managesService(actor, complaint.serviceId),
});

/** Who may agree more time, in the order their role is recorded: the service first. */
export const extendersOf = (complaint: OpenComplaint) => [
  serviceManagerOf(complaint),
  staffOf(complaint),
];

export function recordContact(
  command: CommandOf<'RecordContact'>,
  state: ComplaintState,
): ComplaintEvent[] {
  const complaint = inStatus(
    state,
    [...WITH_THE_SERVICE, 'resolution-proposed', 'escalated'],
    'record contact with the school',
  );
  const by = actingAs(
    command.actor,
    'record contact on this complaint',
    serviceManagerOf(complaint),
  );
  const note = requireText(command.note, 'note');
  if (Number.isNaN(Date.parse(command.contactedAt))) {
    throw ruleBroken(
      'INVALID_DATE',
      `contactedAt ${JSON.stringify(command.contactedAt)} is not a date-time`,
    );
  }
  if (isBefore(command.at, command.contactedAt)) {
    throw ruleBroken('CONTACT_IN_FUTURE', 'contactedAt must not be in the future');
  }
  if (isBefore(command.contactedAt, complaint.lodgedAt)) {
    throw ruleBroken(
      'CONTACT_BEFORE_LODGED',
      'contactedAt must not be before the complaint was lodged',
      { receivedAt: complaint.lodgedAt },
    );
  }
  return [
    {
      type: 'SchoolContacted',
      data: { contactedAt: command.contactedAt, method: command.method, note, by, at: command.at },
    },
  ];
}

/**
 * Waiting for the school stops the service's clock, keeping the working days left, and gives the
 * school the policy's reply window; if it lapses, the service's clock runs again by itself.
 */
export function requestInformation(
  command: CommandOf<'RequestInformation'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const complaint = inStatus(state, ['with-service'], 'ask the school for information');
  const by = actingAs(
    command.actor,
    'ask for information on this complaint',
    serviceManagerOf(complaint),
  );
  const question = requireText(command.question, 'question');
  return [
    { type: 'InformationRequested', data: { question, by, at: command.at } },
    pauseClock(context.calendar, complaint, 'resolution', command.at, by),
    startClock(context.calendar, complaint, 'school-reply', command.at, by),
  ];
}

/**
 * The school's answer restarts the clock with the working days that were left. An answer that
 * comes after the school's window closed (before its timer said so) restarts it from the window's
 * end, as the lapse would have: a late answer gives the service no extra time.
 */
export function recordInformationReceived(
  command: CommandOf<'RecordInformationReceived'>,
  state: ComplaintState,
  context: DecisionContext,
  /**
   * How `receivedAt` came: told by the person recording the answer, who hears of any mistake in
   * it; or the arrival of an email, taken as it is when it can be (a time before the question,
   * or after the filing, is the filing's).
   */
  received: 'as-told' | 'as-arrived' = 'as-told',
): ComplaintEvent[] {
  const lapsed = lapsedQuestion(state);
  const beforeTheLapse =
    lapsed && answerGivenBeforeTheLapse(command, state as OpenComplaint, context, received, lapsed);
  if (beforeTheLapse) return beforeTheLapse;
  const complaint = inStatus(state, ['awaiting-school'], 'record the school’s answer');
  const by = actingAs(
    command.actor,
    'record information on this complaint',
    serviceManagerOf(complaint),
    staffOf(complaint),
  );
  const summary = requireText(command.summary, 'summary');
  // The school answered when the council received it, though it was recorded later (an email
  // that waited to be filed, a phone call written up afterwards): the service's time counts
  // again from then, not from the recording.
  const window = complaint.clocks['school-reply'];
  // Not before the question was asked: an answer to it cannot have come sooner.
  const asked = window?.timing.anchor ?? null;
  const given = command.receivedAt ?? undefined;
  if (received === 'as-told' && given !== undefined) requireAnswerTime(given, by, command, asked);
  const receivedAt =
    given !== undefined &&
    isBefore(given, command.at) &&
    (asked === null || !isBefore(given, asked))
      ? new Date(given).toISOString()
      : null;
  const answeredAt = receivedAt ?? command.at;
  const resumeAt =
    window?.status === 'running' && !isBefore(answeredAt, window.timing.deadline)
      ? window.timing.deadline
      : answeredAt;
  return [
    {
      type: 'InformationReceived',
      data: { summary, ...(receivedAt ? { receivedAt } : {}), by, at: command.at },
    },
    ...stopClock(complaint, 'school-reply', answeredAt, by),
    resumeClock(context.calendar, complaint, 'resolution', resumeAt, by),
  ];
}

export interface LapsedQuestion {
  readonly askedAt: string;
  /** The instant the school's window closed, and the working day it closed at the end of. */
  readonly closedAt: string;
  readonly lastDay: string;
}

/**
 * The service's question whose window ran out with no answer recorded, while the service's clock
 * still counts from that lapse: an answer the school gave in time (by phone, or by an email that
 * waited to be filed) may still be recorded, and the service's time then counts from it.
 */
export function lapsedQuestion(state: ComplaintState): LapsedQuestion | null {
  if (!state.exists || state.status !== 'with-service') return null;
  const window = state.clocks['school-reply'];
  const resolution = state.clocks.resolution;
  if (window?.status !== 'stopped' || !window.missed || resolution?.status !== 'running')
    return null;
  if (resolution.timing.anchor !== window.timing.deadline) return null;
  // A resolution proposed since (and disputed) answered the complaint in another way.
  if (
    state.resolutionProposedAt !== null &&
    !isBefore(state.resolutionProposedAt, window.timing.anchor)
  )
    return null;
  return {
    askedAt: window.timing.anchor,
    closedAt: window.timing.deadline,
    lastDay: window.timing.dueDate,
  };
}

/**
 * The school answered before its window closed, but the answer is recorded after the lapse ran
 * the service's clock again from the window's end: the service's time counts from the answer, as
 * it would have had it been recorded at once. If that time has run out too, the complaint goes to
 * the Board now, as it would have then.
 */
function answerGivenBeforeTheLapse(
  command: CommandOf<'RecordInformationReceived'>,
  complaint: OpenComplaint,
  context: DecisionContext,
  received: 'as-told' | 'as-arrived',
  lapsed: LapsedQuestion,
): ComplaintEvent[] | null {
  const by = actingAs(
    command.actor,
    'record information on this complaint',
    serviceManagerOf(complaint),
    staffOf(complaint),
  );
  const given = command.receivedAt;
  // The school answering now has missed its window: refused as any late step is.
  if (given === undefined && by.role === 'school-staff') return null;
  const summary = requireText(command.summary, 'summary');
  if (given !== undefined && received === 'as-told')
    requireAnswerTime(given, by, command, lapsed.askedAt);
  if (given === undefined || !isBefore(given, lapsed.closedAt))
    throw ruleBroken(
      'ANSWER_AFTER_WINDOW',
      `the school’s time to answer ended at ${lapsed.closedAt}: receivedAt must be before then (a later answer is a message)`,
    );
  const receivedAt = new Date(given).toISOString();
  const recounted = recountClockFrom(
    context.calendar,
    complaint,
    'resolution',
    receivedAt,
    command.at,
    by,
  );
  const recorded: ComplaintEvent[] = [
    { type: 'InformationReceived', data: { summary, receivedAt, by, at: command.at } },
    recounted,
  ];
  const { timing } = recounted.data;
  if (isBefore(command.at, timing.deadline)) return recorded;
  // The deadline is learnt only now, the lapse recorded since: it goes to the Board now, with the
  // Board's whole time, not as of a past the history has already told otherwise.
  const after = recorded.reduce(evolve, complaint as ComplaintState) as OpenComplaint;
  const system = actingAs(DEADLINE_WORKER, 'report deadlines', { role: 'system' });
  return [...recorded, ...resolutionMissed(after, context, timing, command.at, system)];
}

/**
 * When the school answered, as the person recording it says: for council staff writing up an
 * answer given earlier (by phone, at a visit); a school recording its own answer answers now.
 */
function requireAnswerTime(
  receivedAt: string,
  by: { readonly role: string },
  command: CommandOf<'RecordInformationReceived'>,
  asked: string | null,
): void {
  if (by.role === 'school-staff')
    throw ruleBroken(
      'RECEIVED_AT_NOT_YOURS',
      'receivedAt is for council staff recording an answer the school gave earlier',
    );
  if (typeof receivedAt !== 'string' || Number.isNaN(Date.parse(receivedAt)))
    throw ruleBroken('INVALID_RECEIVED_AT', 'receivedAt must be a date and time');
  if (isBefore(command.at, receivedAt))
    throw ruleBroken('ANSWER_IN_FUTURE', 'receivedAt must not be later than now');
  if (asked !== null && isBefore(receivedAt, asked))
    throw ruleBroken(
      'ANSWER_BEFORE_QUESTION',
      `receivedAt must not be before the question was asked (${asked})`,
    );
}

/**
 * The working days more time may still add to the service's deadline: the policy's cap, which
 * counts every extension agreed on the complaint (a reopened clock keeps its total), less those
 * agreed already.
 */
export const extensionDaysLeft = (complaint: OpenComplaint): number =>
  Math.max(
    0,
    complaint.policy.extensionCapWorkingDays - (complaint.clocks.resolution?.extendedBy ?? 0),
  );

/**
 * More time, agreed with the school and capped by policy. A service manager records how the
 * school consented; school staff agreeing themselves are the consent.
 */
export function agreeExtension(
  command: CommandOf<'AgreeExtension'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const complaint = inStatus(state, WITH_THE_SERVICE, 'extend the deadline');
  const by = actingAs(
    command.actor,
    'agree an extension on this complaint',
    ...extendersOf(complaint),
  );
  const reason = requireText(command.reason, 'reason');
  if (!Number.isInteger(command.extraWorkingDays) || command.extraWorkingDays < 1) {
    throw ruleBroken('INVALID_EXTENSION', 'extraWorkingDays must be a whole number, 1 or more');
  }
  const consent = schoolConsent(
    by,
    command,
    {
      code: 'EXTENSION_NEEDS_CONSENT',
      what: 'An extension',
    },
    sinceLodged(complaint),
  );
  const clock = complaint.clocks.resolution!;
  const cap = complaint.policy.extensionCapWorkingDays;
  const left = extensionDaysLeft(complaint);
  if (command.extraWorkingDays > left) {
    const agreed = clock.extendedBy > 0 ? `, and ${clock.extendedBy} have been agreed already` : '';
    throw ruleBroken(
      'EXTENSION_OVER_CAP',
      `Extensions may add at most ${cap} working days in all${agreed}: ${left > 0 ? `enter ${left} or fewer` : 'no more can be agreed'}`,
    );
  }
  const extra = command.extraWorkingDays;
  return [
    {
      type: 'ExtensionAgreed',
      data: { extraWorkingDays: extra, reason, consent, by, at: command.at },
    },
    extendClock(context.calendar, complaint, 'resolution', extra, command.at, by),
  ];
}

/**
 * The proposal's mail reached the school's contact: the school's window to confirm or dispute
 * starts again from that moment, so a proposal made at night or held back by a mail server
 * leaves the school its whole window. Reported again, or too late, it changes nothing.
 */
export function recordResolutionSent(
  command: CommandOf<'RecordResolutionSent'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const by = actingAs(command.actor, 'record that mail was sent', { role: 'system' });
  if (!state.exists || state.status !== 'resolution-proposed' || state.resolutionSentAt !== null)
    return [];
  const window = state.clocks['school-confirmation'];
  if (!window || window.status !== 'running' || !isBefore(command.sentAt, window.timing.deadline))
    return [];
  const at = command.at;
  const sentAt = command.sentAt;
  const sent: ComplaintEvent = { type: 'ResolutionSentToSchool', data: { sentAt, by, at } };
  const restarted = startClock(context.calendar, state, 'school-confirmation', sentAt, by);
  // Mail that went on the window's first day leaves the window as it is.
  if (restarted.data.timing.deadline === window.timing.deadline) return [sent];
  // The window is stopped and started afresh, as a clock of one kind never runs twice at once.
  return [sent, ...stopClock(state, 'school-confirmation', sentAt, by), restarted];
}

/**
 * The proposal's mail came back undelivered: the school was not sent it after all, so the window
 * that started with that sending no longer ends in acceptance (see ReachDeadline); a new contact
 * with an address is sent it again. Only a return of the sending the window counts from, or of a
 * later attempt at it (the outbox sends again when it could not record a sending), changes
 * anything: one of an earlier sending, to a contact since replaced, or one after the window has
 * closed, is too late to matter.
 */
export function recordResolutionReturned(
  command: CommandOf<'RecordResolutionReturned'>,
  state: ComplaintState,
): ComplaintEvent[] {
  const by = actingAs(command.actor, 'record that mail came back', { role: 'system' });
  if (
    !state.exists ||
    state.status !== 'resolution-proposed' ||
    state.resolutionSentAt === null ||
    isBefore(command.sentAt, state.resolutionSentAt)
  )
    return [];
  const window = state.clocks['school-confirmation'];
  if (!window || window.status !== 'running' || !isBefore(command.at, window.timing.deadline))
    return [];
  const { sentAt, status } = command;
  return [{ type: 'ResolutionMailReturned', data: { sentAt, status, by, at: command.at } }];
}

/**
 * The question the school was sent came back, while the service still waits for its answer (a
 * bounce of an earlier question, or one arriving after the window, records nothing).
 */
export function recordQuestionReturned(
  command: CommandOf<'RecordQuestionReturned'>,
  state: ComplaintState,
): ComplaintEvent[] {
  const by = actingAs(command.actor, 'record that mail came back', { role: 'system' });
  if (!state.exists || state.status !== 'awaiting-school') return [];
  const window = state.clocks['school-reply'];
  if (!window || window.status !== 'running' || isBefore(command.sentAt, window.timing.anchor))
    return [];
  if (!isBefore(command.at, window.timing.deadline)) return [];
  const { sentAt, status } = command;
  return [{ type: 'QuestionMailReturned', data: { sentAt, status, by, at: command.at } }];
}

/** Proposing a resolution stops the service's clock and gives the school time to answer. */
export function proposeResolution(
  command: CommandOf<'ProposeResolution'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const complaint = inStatus(state, ['with-service'], 'propose a resolution');
  const by = actingAs(
    command.actor,
    'propose a resolution to this complaint',
    serviceManagerOf(complaint),
  );
  const resolution = requireText(command.resolution, 'resolution');
  // A school with an address has its days from when the mail goes, which waits for the working
  // day; its sending starts them again if it goes later still (recordResolutionSent).
  const windowFrom = complaint.contact.email
    ? context.calendar.nextWorkingMoment(command.at).toISOString()
    : command.at;
  return [
    { type: 'ResolutionProposed', data: { resolution, by, at: command.at } },
    ...stopClock(complaint, 'resolution', command.at, by),
    startClockCountingFrom(
      context.calendar,
      complaint,
      'school-confirmation',
      windowFrom,
      command.at,
      by,
    ),
  ];
}
