import { type ActedBy, type Actor, DEADLINE_WORKER, type Role } from '../actor';
import { type FailureLevel } from '../catalogue';
import { type ClockKind, type ClockTiming, type TimerKind } from '../clocks';
import {
  type CommandOf,
  type ComplaintCommandMap,
  type ComplaintCommandType,
  type FeeAgreement,
} from '../commands';
import {
  type AttachmentRef,
  type ClosureOutcome,
  type ComplaintDetails,
  type ComplaintEvent,
} from '../events';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { andThen } from './given-when-then';

export { DEADLINE_WORKER };

export const SCHOOL_URN = '119876';
export const OTHER_SCHOOL_URN = '119877';
export const SERVICE = 'music-service';
export const OTHER_SERVICE = 'governor-services';
export const COMPLAINT_ID = 'c0ffee00-0000-4000-8000-000000000001';
export const REFERENCE = 'SG-2025-000042';
/** An earlier complaint of the same school, which a later one may repeat. */
export const EARLIER = {
  complaintId: 'c0ffee00-0000-4000-8000-000000000041',
  reference: 'SG-2025-000041',
  schoolUrn: SCHOOL_URN,
} as const;
/** A complaint of the same school lodged after this one and waiting for triage too. */
export const LATER = {
  complaintId: 'c0ffee00-0000-4000-8000-000000000044',
  reference: 'SG-2025-000044',
  schoolUrn: SCHOOL_URN,
  awaitingTriage: true,
} as const;
/** A complaint of the same school lodged after this one and already with its service. */
export const LATER_REFERRED = {
  complaintId: 'c0ffee00-0000-4000-8000-000000000046',
  reference: 'SG-2025-000046',
  schoolUrn: SCHOOL_URN,
  awaitingTriage: false,
} as const;
/** The same school's complaint of the year before: earlier, whatever its number. */
export const LAST_YEARS = {
  complaintId: 'c0ffee00-0000-4000-8000-000000000999',
  reference: 'SG-2024-000999',
  schoolUrn: SCHOOL_URN,
} as const;
/** The same school's complaint, closed as resolved. */
export const ALREADY_RESOLVED = {
  complaintId: 'c0ffee00-0000-4000-8000-000000000047',
  reference: 'SG-2025-000047',
  schoolUrn: SCHOOL_URN,
  closedAs: 'resolved',
  awaitingTriage: false,
} as const;
/** Another complaint of the same school, itself closed as a duplicate of an earlier one. */
export const ALREADY_A_DUPLICATE = {
  complaintId: 'c0ffee00-0000-4000-8000-000000000043',
  reference: 'SG-2025-000043',
  schoolUrn: SCHOOL_URN,
  closedAs: 'duplicate',
} as const;
/** Another school's complaint. */
export const OTHER_SCHOOLS = {
  complaintId: 'c0ffee00-0000-4000-8000-000000000040',
  reference: 'SG-2025-000040',
  schoolUrn: OTHER_SCHOOL_URN,
} as const;

// ---- Actors -------------------------------------------------------------------------------------

export const HEAD: Actor = {
  id: 'u-head',
  name: 'Asha Head',
  roles: [{ role: 'school-staff', schoolUrn: SCHOOL_URN }],
};
export const OTHER_HEAD: Actor = {
  id: 'u-other-head',
  name: 'Olu Otherhead',
  roles: [{ role: 'school-staff', schoolUrn: OTHER_SCHOOL_URN }],
};
export const SUPPORT: Actor = {
  id: 'u-support',
  name: 'Bea Support',
  roles: [{ role: 'business-support' }],
};
export const MANAGER: Actor = {
  id: 'u-manager',
  name: 'Mo Manager',
  roles: [{ role: 'service-manager', serviceIds: [SERVICE] }],
};
export const OTHER_MANAGER: Actor = {
  id: 'u-other-manager',
  name: 'Gus Governors',
  roles: [{ role: 'service-manager', serviceIds: [OTHER_SERVICE] }],
};
export const BOARD_A: Actor = {
  id: 'u-board-a',
  name: 'Ada Chair',
  roles: [{ role: 'board-member', chair: true }],
};
export const BOARD_B: Actor = {
  id: 'u-board-b',
  name: 'Ben Board',
  roles: [{ role: 'board-member', chair: false }],
};
export const BOARD_C: Actor = {
  id: 'u-board-c',
  name: 'Cal Board',
  roles: [{ role: 'board-member', chair: false }],
};
export const FINANCE: Actor = { id: 'u-finance', name: 'Fin Ance', roles: [{ role: 'finance' }] };
export const ADMIN: Actor = { id: 'u-admin', name: 'Adm In', roles: [{ role: 'admin' }] };
/** A Board member who also manages the music service: the complaint is about their own service. */
export const BOARD_MANAGER: Actor = {
  id: 'u-board-manager',
  name: 'Mia Musicboard',
  roles: [
    { role: 'board-member', chair: false },
    { role: 'service-manager', serviceIds: [SERVICE] },
  ],
};
/** A Board member who also works in Business Support, and so may have triaged the complaint. */
export const BOARD_SUPPORT: Actor = {
  id: 'u-board-support',
  name: 'Sam Supportboard',
  roles: [{ role: 'board-member', chair: false }, { role: 'business-support' }],
};

/** A Board member who is also a governor-cum-bursar at the complaining school. */
export const BOARD_AT_SCHOOL: Actor = {
  id: 'u-board-at-school',
  name: 'Gil Governorboard',
  roles: [
    { role: 'board-member', chair: false },
    { role: 'school-staff', schoolUrn: SCHOOL_URN },
  ],
};

/** How an actor appears in an event's `by`. */
export const by = (actor: Actor, role: Role): ActedBy => ({ id: actor.id, role });

export const HEAD_BY = by(HEAD, 'school-staff');
export const SUPPORT_BY = by(SUPPORT, 'business-support');
export const MANAGER_BY = by(MANAGER, 'service-manager');
export const BOARD_A_BY = by(BOARD_A, 'board-member');
export const BOARD_B_BY = by(BOARD_B, 'board-member');
export const BOARD_C_BY = by(BOARD_C, 'board-member');
export const FINANCE_BY = by(FINANCE, 'finance');
export const SYSTEM_BY = by(DEADLINE_WORKER, 'system');

// ---- The standard timeline (Easter 2025), worked out by hand ----------------------------------
//
// April 2025: Good Friday 18th, Easter Monday 21st; May: early May bank holiday Monday 5th,
// spring bank holiday Monday 26th. London is on BST (UTC+1), so a deadline (London midnight) is
// 23:00Z the day before.

/** Tuesday 15 April 2025, 10:00 BST. */
export const LODGED_AT = '2025-04-15T09:00:00.000Z';
/**
 * Triage: 2 working days from Tue 15 April → Thu 17 April. No longer than the 2 days' warning,
 * it warns with one day left: the end of Wed 16 April.
 */
export const TRIAGE_TIMING: ClockTiming = {
  revision: 1,
  anchor: LODGED_AT,
  workingDays: 2,
  dueDate: '2025-04-17',
  deadline: '2025-04-17T23:00:00.000Z',
  warningAt: '2025-04-16T23:00:00.000Z',
};

/** Thursday 17 April 2025, 11:00 BST: the design's example. */
export const REFERRED_AT = '2025-04-17T10:00:00.000Z';
/**
 * 10 working days from Thu 17 April: 22, 23, 24, 25, 28, 29, 30 April, 1, 2, 6 May (18 and 21
 * April and 5 May are bank holidays) → due Tue 6 May. Warning with 2 days left: end of day 8,
 * Thu 1 May.
 */
export const RESOLUTION_TIMING: ClockTiming = {
  revision: 1,
  anchor: REFERRED_AT,
  workingDays: 10,
  dueDate: '2025-05-06',
  deadline: '2025-05-06T23:00:00.000Z',
  warningAt: '2025-05-01T23:00:00.000Z',
};

/** Wednesday 23 April 2025, 14:00 BST: the manager asks a question with 8 working days left. */
export const PAUSED_AT = '2025-04-23T13:00:00.000Z';
/**
 * The school's reply window: 10 working days from Wed 23 April: 24, 25, 28, 29, 30 April, 1, 2,
 * 6, 7, 8 May (5 May is a bank holiday) → due Thu 8 May. Warning with 2 days left: end of day 8,
 * Tue 6 May.
 */
export const SCHOOL_REPLY_TIMING: ClockTiming = {
  revision: 1,
  anchor: PAUSED_AT,
  workingDays: 10,
  dueDate: '2025-05-08',
  deadline: '2025-05-08T23:00:00.000Z',
  warningAt: '2025-05-06T23:00:00.000Z',
};
/** Thursday 24 April 2025, 11:00 BST. */
export const EXTENDED_AT = '2025-04-24T10:00:00.000Z';
export const EXTENSION_CONSENT = {
  givenBy: 'Asha Head',
  givenAt: '2025-04-24T09:00:00.000Z',
  method: 'phone',
} as const;
/** Thursday 24 April 2025, 11:00 BST: the school withdraws while the service works on it. */
export const WITHDRAWN_AT = '2025-04-24T10:00:00.000Z';
/** Monday 28 April 2025, 10:00 BST: the school's answer arrives. */
export const RESUMED_AT = '2025-04-28T09:00:00.000Z';

/** Tuesday 29 April 2025, 15:00 BST. */
export const PROPOSED_AT = '2025-04-29T14:00:00.000Z';
/**
 * 5 working days from Tue 29 April: 30 April, 1, 2, 6, 7 May → due Wed 7 May. Warning with 2 days
 * left: end of day 3, Fri 2 May.
 */
export const CONFIRMATION_TIMING: ClockTiming = {
  revision: 1,
  anchor: PROPOSED_AT,
  workingDays: 5,
  dueDate: '2025-05-07',
  deadline: '2025-05-07T23:00:00.000Z',
  warningAt: '2025-05-02T23:00:00.000Z',
};

/** Friday 2 May 2025, 11:00 BST: the school answers, before the resolution deadline. */
export const ANSWERED_AT = '2025-05-02T10:00:00.000Z';

/** Wednesday 7 May 2025, 09:00 BST: the resolution deadline's timer, a little late. */
export const LATE_TIMER_AT = '2025-05-07T08:00:00.000Z';
/**
 * A missed deadline escalates as of the deadline, however late its timer: London midnight at the
 * end of Tue 6 May, the first instant of Wed 7 May.
 */
export const ESCALATED_AT = RESOLUTION_TIMING.deadline;
/**
 * 20 working days from Wed 7 May (day 0, the deadline's London day): 8, 9, 12–16, 19–23, 27–30
 * May (26th is a bank holiday), 2–5 June → due Thu 5 June. Warning with 2 days left: end of day
 * 18, Tue 3 June.
 */
export const BOARD_TIMING: ClockTiming = {
  revision: 1,
  anchor: ESCALATED_AT,
  workingDays: 20,
  dueDate: '2025-06-05',
  deadline: '2025-06-05T23:00:00.000Z',
  warningAt: '2025-06-03T23:00:00.000Z',
};

/** Tuesday 20 May 2025, 11:00 BST. */
export const DECIDED_AT = '2025-05-20T10:00:00.000Z';
/**
 * The Board proposes a reimbursement within 5 working days of upholding: 21, 22, 23, 27, 28 May
 * (26th is a bank holiday) → due Wed 28 May. Warning with 2 days left: end of day 3, Fri 23 May.
 */
export const REIMBURSEMENT_PROPOSAL_TIMING: ClockTiming = {
  revision: 1,
  anchor: DECIDED_AT,
  workingDays: 5,
  dueDate: '2025-05-28',
  deadline: '2025-05-28T23:00:00.000Z',
  warningAt: '2025-05-23T23:00:00.000Z',
};
/** Wednesday 21 May 2025, 11:00 BST. */
export const PROPOSAL_AT = '2025-05-21T10:00:00.000Z';
export const PROPOSAL_ID = 'p-1';
/**
 * Approved or declined within 10 working days of the proposal: 22, 23, 27–30 May, 2–5 June → due
 * Thu 5 June. Warning with 2 days left: end of day 8, Tue 3 June.
 */
export const REIMBURSEMENT_APPROVAL_TIMING: ClockTiming = {
  revision: 1,
  anchor: PROPOSAL_AT,
  workingDays: 10,
  dueDate: '2025-06-05',
  deadline: '2025-06-05T23:00:00.000Z',
  warningAt: '2025-06-03T23:00:00.000Z',
};
/** Friday 23 May 2025, 11:00 BST: the second approval meets the quorum. */
export const APPROVED_AT = '2025-05-23T10:00:00.000Z';
/**
 * Paid within 20 working days of the approval: 27–30 May, 2–6, 9–13, 16–20, 23 June → due Mon 23
 * June. Warning with 2 days left: end of day 18, Thu 19 June.
 */
export const REIMBURSEMENT_PAYMENT_TIMING: ClockTiming = {
  revision: 1,
  anchor: APPROVED_AT,
  workingDays: 20,
  dueDate: '2025-06-23',
  deadline: '2025-06-23T23:00:00.000Z',
  warningAt: '2025-06-19T23:00:00.000Z',
};
/** Monday 2 June 2025, 11:00 BST. */
export const PAID_AT = '2025-06-02T10:00:00.000Z';

/** £4,800 paid under the school's music SLA; a significant failure suggests 25%, £1,200. */
export const BASIS: FeeAgreement = {
  kind: 'contract',
  id: 'SLA-2025-0042',
  feesPaidPence: 480_000,
  schoolUrn: SCHOOL_URN,
  serviceId: SERVICE,
  reimbursedPence: 0,
};
/** The basis as a reimbursement event records it. */
export const BASIS_IN_EVENTS = {
  kind: BASIS.kind,
  id: BASIS.id,
  feesPaidPence: BASIS.feesPaidPence,
};

// ---- Commands -----------------------------------------------------------------------------------

/** A builder of `type` commands: `defaults`, with whatever fields a test overrides. */
export function commandBuilder<T extends ComplaintCommandType>(
  type: T,
  defaults: ComplaintCommandMap[T],
): (overrides?: Partial<ComplaintCommandMap[T]>) => { readonly type: T } & ComplaintCommandMap[T] {
  return (overrides = {}) => ({ type, ...defaults, ...overrides });
}

/** The head's complaint about the cancelled violin lessons. */
const COMPLAINT_DETAILS: ComplaintDetails = {
  complaintId: COMPLAINT_ID,
  reference: REFERENCE,
  channel: 'web-form',
  schoolUrn: SCHOOL_URN,
  serviceId: SERVICE,
  summary: 'Peripatetic violin lessons cancelled',
  details: 'Four weeks of violin lessons were cancelled without notice.',
  standards: ['listen-and-respond'],
  contact: { name: 'Asha Head', role: 'Headteacher', email: 'head@school.example' },
  relatedContractId: BASIS.id,
  relatedBookingId: null,
  policy: DEFAULT_POLICY,
};

export const lodgeCommand = commandBuilder('LodgeComplaint', {
  actor: HEAD,
  at: LODGED_AT,
  ...COMPLAINT_DETAILS,
});

// Some free text carries stray whitespace so that the specs can see it trimmed.

export const referComplaint = commandBuilder('ReferComplaint', {
  actor: SUPPORT,
  at: REFERRED_AT,
  serviceId: null,
  note: 'Please call the head',
});

export const recordContact = commandBuilder('RecordContact', {
  actor: MANAGER,
  at: '2025-04-22T10:00:00.000Z',
  contactedAt: '2025-04-22T09:30:00.000Z',
  method: 'phone',
  note: '  Spoke to the head about the lessons  ',
});

export const requestInformation = commandBuilder('RequestInformation', {
  actor: MANAGER,
  at: PAUSED_AT,
  question: ' Which dates? ',
});

export const recordInformationReceived = commandBuilder('RecordInformationReceived', {
  actor: MANAGER,
  at: RESUMED_AT,
  summary: ' The head sent the dates ',
});

export const agreeExtension = commandBuilder('AgreeExtension', {
  actor: MANAGER,
  at: EXTENDED_AT,
  extraWorkingDays: 5,
  reason: ' Peripatetic staff off sick ',
  consent: EXTENSION_CONSENT,
});

export const proposeResolution = commandBuilder('ProposeResolution', {
  actor: MANAGER,
  at: PROPOSED_AT,
  resolution: '  Lessons rescheduled  ',
});

/** How the head agreed, by phone, to what Business Support then records for the school. */
export const SCHOOL_CONSENT = {
  givenBy: 'Asha Head',
  givenAt: '2025-05-02T09:30:00.000Z',
  method: 'phone',
} as const;

/** The head confirms through the portal: the school itself, so no consent is recorded. */
export const confirmResolution = commandBuilder('ConfirmResolution', {
  actor: HEAD,
  at: ANSWERED_AT,
  consent: null,
});

export const disputeResolution = commandBuilder('DisputeResolution', {
  actor: HEAD,
  at: ANSWERED_AT,
  reason: '  The new dates do not suit  ',
});

export const withdrawComplaint = commandBuilder('WithdrawComplaint', {
  actor: HEAD,
  at: WITHDRAWN_AT,
  reason: 'Sorted out informally',
  consent: null,
});

/** The deadline worker reporting that `clock`'s timer (of `revision`) went off at `at`. */
export const recordResolutionSent = commandBuilder('RecordResolutionSent', {
  actor: DEADLINE_WORKER,
  at: PROPOSED_AT,
  sentAt: PROPOSED_AT,
});

/** The mail intake tracing a bounce to the proposal's mail sent at PROPOSED_AT, an hour after it went. */
export const recordResolutionReturned = commandBuilder('RecordResolutionReturned', {
  actor: DEADLINE_WORKER,
  at: '2025-04-29T15:00:00.000Z',
  sentAt: PROPOSED_AT,
  status: '5.1.1',
});

export const reachDeadline = (
  clock: ClockKind,
  at: string,
  revision = 1,
  timer: TimerKind = 'deadline',
): CommandOf<'ReachDeadline'> => ({
  type: 'ReachDeadline',
  actor: DEADLINE_WORKER,
  at,
  clock,
  revision,
  timer,
});

export const recordBoardDecision = commandBuilder('RecordBoardDecision', {
  actor: BOARD_A,
  at: DECIDED_AT,
  outcome: 'upheld',
  failureLevel: 'significant',
  rationale: '  Lessons were not delivered  ',
});

export const recordReimbursementPaid = commandBuilder('RecordReimbursementPaid', {
  actor: FINANCE,
  at: PAID_AT,
  proposalId: PROPOSAL_ID,
  method: 'credit-note',
  paymentReference: ' CN-2025-0099 ',
  paidOn: '2025-06-02',
});

/** Friday 25 April 2025, 11:00 BST: Business Support moves the complaint to governor services. */
export const REROUTED_AT = '2025-04-25T10:00:00.000Z';

export const rerouteComplaint = commandBuilder('RerouteComplaint', {
  actor: SUPPORT,
  at: REROUTED_AT,
  toServiceId: OTHER_SERVICE,
  reason: 'The lessons were booked through governor services',
  relatedContractId: null,
  relatedBookingId: null,
});

/** Thursday 8 May 2025, 11:00 BST: a Board member stands aside while the Board considers it. */
export const DECLARED_AT = '2025-05-08T10:00:00.000Z';

export const declareConflictOfInterest = commandBuilder('DeclareConflictOfInterest', {
  actor: BOARD_B,
  at: DECLARED_AT,
  reason: '  My sister teaches at the school  ',
});

/** Tuesday 22 April 2025, 09:00 BST: the music service gives the complaint to a case officer. */
export const ASSIGNED_AT = '2025-04-22T08:00:00.000Z';
export const CASE_OFFICER = { id: 'u-tutor-lead', name: 'Tia Tutorlead' } as const;

export const assignCaseOfficer = commandBuilder('AssignCaseOfficer', {
  actor: MANAGER,
  at: ASSIGNED_AT,
  officerId: CASE_OFFICER.id,
  officerName: ` ${CASE_OFFICER.name} `,
});

/** Thursday 24 April 2025, 11:00 BST: the head is away; the deputy takes the complaint on. */
export const CONTACT_CHANGED_AT = '2025-04-24T10:00:00.000Z';
export const DEPUTY = {
  name: 'Dev Deputy',
  role: 'Deputy headteacher',
  email: 'deputy@school.example',
} as const;

export const changeSchoolContact = commandBuilder('ChangeSchoolContact', {
  actor: HEAD,
  at: CONTACT_CHANGED_AT,
  contact: { name: ` ${DEPUTY.name} `, role: DEPUTY.role, email: DEPUTY.email, phone: ' ' },
  consent: null,
});

// ---- Events, milestone by milestone -------------------------------------------------------------

const m = (at: string) => ({ by: MANAGER_BY, at });
const s = (at: string) => ({ by: SYSTEM_BY, at });

export const clockStarted = (clock: ClockKind, timing: ClockTiming, who: ActedBy, at: string) =>
  ({ type: 'ClockStarted', data: { clock, timing, by: who, at } }) satisfies ComplaintEvent;

export const clockStopped = (
  clock: ClockKind,
  revision: number,
  metDeadline: boolean,
  who: ActedBy,
  at: string,
) =>
  ({
    type: 'ClockStopped',
    data: { clock, revision, metDeadline, by: who, at },
  }) satisfies ComplaintEvent;

/** `clock`'s deadline was missed, recorded as of the deadline by the deadline worker. */
export const deadlineMissed = (clock: ClockKind, timing: ClockTiming) =>
  ({
    type: 'DeadlineMissed',
    data: { clock, revision: timing.revision, deadline: timing.deadline, ...s(timing.deadline) },
  }) satisfies ComplaintEvent;

export const complaintClosed = (outcome: ClosureOutcome, who: ActedBy, at: string) =>
  ({ type: 'ComplaintClosed', data: { outcome, by: who, at } }) satisfies ComplaintEvent;

/** `who` (Board member B by default) stood aside from the complaint. */
export const conflictDeclared = (who: ActedBy = BOARD_B_BY, at = DECLARED_AT) =>
  ({
    type: 'ConflictOfInterestDeclared',
    data: { reason: 'My sister teaches at the school', by: who, at },
  }) satisfies ComplaintEvent;

/**
 * Lodged by the head through the web form (by default); the triage clock runs. Another `actor`
 * lodges in their first role, and, as a council officer, is recorded by name.
 */
export function lodged({
  actor = HEAD,
  at = LODGED_AT,
  desiredOutcome = null,
  attachments = [],
  emailMessageId = null,
  filesNotKept = [],
  receivedAt = null,
  ...details
}: Partial<CommandOf<'LodgeComplaint'>> = {}): ComplaintEvent[] {
  const who = by(actor, actor.roles[0].role);
  return [
    {
      type: 'ComplaintLodged',
      data: {
        ...COMPLAINT_DETAILS,
        ...details,
        desiredOutcome,
        loggedByOfficer: who.role === 'school-staff' ? null : { name: actor.name },
        emailMessageId: details.channel === 'email' ? emailMessageId : null,
        filesNotKept,
        // Its triage clock's timing below is for a complaint received when lodged.
        receivedAt: receivedAt ?? at,
        matchedBy: null,
        by: who,
        at,
      },
    },
    clockStarted('triage', { ...TRIAGE_TIMING, anchor: at }, who, at),
    ...attachments.map((attachment) => attachmentAdded(attachment, who, at)),
  ];
}

// ---- Attachments --------------------------------------------------------------------------------

/** The head's letter from the music service, as the intake took it in. */
export const LETTER: AttachmentRef = {
  attachmentId: 'a-letter',
  name: 'Letter from the music service.pdf',
  sizeBytes: 48_213,
  mediaType: 'application/pdf',
  sha256: 'a'.repeat(64),
};
/** A photograph of the cancelled timetable. */
export const TIMETABLE: AttachmentRef = {
  attachmentId: 'a-timetable',
  name: 'Timetable.png',
  sizeBytes: 120_004,
  mediaType: 'image/png',
  sha256: 'b'.repeat(64),
};

export const attachmentAdded = (attachment: AttachmentRef, who: ActedBy, at: string) =>
  ({ type: 'AttachmentAdded', data: { ...attachment, by: who, at } }) satisfies ComplaintEvent;

/** Wednesday 23 April 2025, 10:00 BST: someone adds files to the complaint. */
export const ATTACHED_AT = '2025-04-23T09:00:00.000Z';

export const addAttachments = commandBuilder('AddAttachments', {
  actor: HEAD,
  at: ATTACHED_AT,
  attachments: [LETTER],
});

/** Referred to the music service on Thu 17 April 2025; the 10-day resolution clock runs. */
export function referred(
  at = REFERRED_AT,
  timing: ClockTiming = RESOLUTION_TIMING,
  history: ComplaintEvent[] = lodged(),
): ComplaintEvent[] {
  return [
    ...history,
    { type: 'ComplaintReferred', data: { serviceId: SERVICE, note: null, by: SUPPORT_BY, at } },
    clockStopped('triage', 1, true, SUPPORT_BY, at),
    clockStarted('resolution', timing, SUPPORT_BY, at),
  ];
}

/**
 * The manager asked the school a question (by default on Wed 23 April): the resolution clock is
 * paused with the working days it had left, and the school's reply clock runs (`replyTiming`).
 */
export function informationRequested(
  history: ComplaintEvent[] = referred(),
  at = PAUSED_AT,
  remainingWorkingDays = 8,
  replyTiming: ClockTiming = SCHOOL_REPLY_TIMING,
): ComplaintEvent[] {
  return [
    ...history,
    { type: 'InformationRequested', data: { question: 'Which dates?', ...m(at) } },
    {
      type: 'ClockPaused',
      data: { clock: 'resolution', revision: 2, remainingWorkingDays, ...m(at) },
    },
    clockStarted('school-reply', replyTiming, MANAGER_BY, at),
  ];
}

/** The service proposed a resolution on Tue 29 April; the school has until Wed 7 May. */
export function resolutionProposed(history: ComplaintEvent[] = referred()): ComplaintEvent[] {
  return [
    ...history,
    { type: 'ResolutionProposed', data: { resolution: 'Lessons rescheduled', ...m(PROPOSED_AT) } },
    clockStopped('resolution', 1, true, MANAGER_BY, PROPOSED_AT),
    clockStarted('school-confirmation', CONFIRMATION_TIMING, MANAGER_BY, PROPOSED_AT),
  ];
}
/**
 * The resolution deadline was missed: its timer ran a little late, and everything it set off is
 * dated at the deadline. The Board's clock runs from Wed 7 May.
 */
export function escalated(history: ComplaintEvent[] = referred()): ComplaintEvent[] {
  const at = ESCALATED_AT;
  return [
    ...history,
    deadlineMissed('resolution', RESOLUTION_TIMING),
    clockStopped('resolution', 1, false, SYSTEM_BY, at),
    { type: 'ComplaintEscalated', data: { reason: 'resolution-deadline-missed', ...s(at) } },
    clockStarted('board-decision', BOARD_TIMING, SYSTEM_BY, at),
  ];
}
export function boardDecided(
  outcome: 'upheld' | 'partly-upheld' = 'upheld',
  failureLevel: FailureLevel = 'significant',
  history: ComplaintEvent[] = escalated(),
): ComplaintEvent[] {
  return [
    ...history,
    {
      type: 'BoardDecisionRecorded',
      data: {
        outcome,
        failureLevel,
        rationale: 'Lessons were not delivered',
        members: [BOARD_A_BY.id],
        by: BOARD_A_BY,
        at: DECIDED_AT,
      },
    },
    clockStopped('board-decision', 1, true, BOARD_A_BY, DECIDED_AT),
    clockStarted('reimbursement-proposal', REIMBURSEMENT_PROPOSAL_TIMING, BOARD_A_BY, DECIDED_AT),
  ];
}

/**
 * Board member A proposes the schedule's 25% of £4,800: £1,200. The proposal clock stops in time
 * and the approval clock runs.
 */
export function reimbursementProposed(
  history: ComplaintEvent[] = boardDecided(),
  amountPence = 120_000,
): ComplaintEvent[] {
  return [
    ...history,
    {
      type: 'ReimbursementProposed',
      data: {
        proposalId: PROPOSAL_ID,
        amountPence,
        suggestedPence: 120_000,
        schedulePercent: 25,
        basis: BASIS_IN_EVENTS,
        overrideReason: amountPence === 120_000 ? null : 'Partial delivery',
        by: BOARD_A_BY,
        at: PROPOSAL_AT,
      },
    },
    clockStopped('reimbursement-proposal', 1, true, BOARD_A_BY, PROPOSAL_AT),
    clockStarted('reimbursement-approval', REIMBURSEMENT_APPROVAL_TIMING, BOARD_A_BY, PROPOSAL_AT),
  ];
}

export const approvalGiven = (who: ActedBy, at = '2025-05-22T10:00:00.000Z') =>
  ({
    type: 'ReimbursementApprovalGiven',
    data: { proposalId: PROPOSAL_ID, by: who, at },
  }) satisfies ComplaintEvent;

/** B and C approve A's proposal: the default quorum of 2. The payment clock runs. */
export function reimbursementApproved(
  history: ComplaintEvent[] = reimbursementProposed(),
): ComplaintEvent[] {
  const at = APPROVED_AT;
  return [
    ...history,
    approvalGiven(BOARD_B_BY),
    approvalGiven(BOARD_C_BY, at),
    {
      type: 'ReimbursementApproved',
      data: {
        proposalId: PROPOSAL_ID,
        amountPence: 120_000,
        basis: BASIS_IN_EVENTS,
        approvers: [BOARD_B.id, BOARD_C.id],
        by: BOARD_C_BY,
        at,
      },
    },
    clockStopped('reimbursement-approval', 1, true, BOARD_C_BY, at),
    clockStarted('reimbursement-payment', REIMBURSEMENT_PAYMENT_TIMING, BOARD_C_BY, at),
  ];
}

/** The school withdraws: `clock` stops in time and the complaint closes. */
export const withdrawal = (
  clock: ClockKind,
  at = WITHDRAWN_AT,
  reason = 'Sorted out informally',
): ComplaintEvent[] => [
  { type: 'ComplaintWithdrawn', data: { reason, consent: null, by: HEAD_BY, at } },
  clockStopped(clock, 1, true, HEAD_BY, at),
  complaintClosed('withdrawn', HEAD_BY, at),
];

/**
 * The school withdrew the complaint: by default while the service was working on it (on Thu 24
 * April). After any other history the withdrawal is decided, so that it stops exactly the clocks
 * that history left open, an hour after its last event if that was later than Thu 24 April.
 */
export function withdrawn(history?: ComplaintEvent[]): ComplaintEvent[] {
  if (history === undefined) return [...referred(), ...withdrawal('resolution')];
  const last = Math.max(...history.map((event) => Date.parse(event.data.at)));
  const at =
    last < Date.parse(WITHDRAWN_AT) ? WITHDRAWN_AT : new Date(last + 60 * 60_000).toISOString();
  return andThen(history, withdrawComplaint({ at }));
}
