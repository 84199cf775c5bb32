import { type ComplaintEvent, type ContactPerson, type EventOf, isBefore } from '@sg/complaints';
import { deterministicUuid } from '@sg/directory';
import { type Instant, type WorkingDayCalendar } from '@sg/working-days';
import {
  type Audience,
  type ComplaintFacts,
  type ProposalToSend,
  type Recipient,
} from './audience';
import { SUPPORT_ASKED, WARNING_OF_CLOCK } from './messages-of-a-clock';
import { mayBeTurnedOff } from './mail-choices';
import { type MessageWriter } from './message-writer';
import {
  type Notification,
  type NotificationKind,
  RESOLUTION_PROPOSED_FOR_SCHOOL,
} from './notification';
import { returnedMailReason } from './returned-mail-reason';
import { nextFacts } from './complaint-facts';

/**
 * The proposed resolution for a contact it was not sent to: the school's time to answer counts
 * from this sending (its ResolutionSentToSchool), so the date it names does too.
 */
function proposalTo(contact: ContactPerson, proposal: ProposalToSend, sending: Sending): Draft {
  return {
    kind: RESOLUTION_PROPOSED_FOR_SCHOOL,
    to: contact.email ? [{ name: contact.name, email: contact.email }] : [],
    says: {
      contactName: contact.name,
      resolution: proposal.resolution,
      dueDate: sending.calendar.addWorkingDays(sending.sendAfter, proposal.workingDays).dueDate,
    },
  };
}

/** One kind of message to some people, with what its template says beyond the complaint itself. */
interface Draft {
  readonly kind: NotificationKind;
  readonly to: readonly Recipient[];
  readonly says?: Readonly<Record<string, unknown>>;
  /** The school's email the message answers, so its mail client files the two together. */
  readonly inReplyTo?: string | null;
  /**
   * What the message is one of, when not its event: the files of one upload are an event each,
   * and one message tells of them all.
   */
  readonly oneFor?: string;
}

/** The school's contact, when the complaint has an email address for them. */
const schoolContact = (complaint: ComplaintFacts): Recipient[] =>
  complaint.contact.email ? [{ name: complaint.contact.name, email: complaint.contact.email }] : [];

const toSchool = (
  complaint: ComplaintFacts,
  kind: NotificationKind,
  says?: Draft['says'],
): Draft[] => {
  const to = schoolContact(complaint);
  return to.length > 0 ? [{ kind, to, says }] : [];
};

/**
 * Whether the complaint has reached its service. One stored before referral was recorded counts
 * as referred if it names a service, as every message to managers then assumed.
 */
const isReferred = (complaint: ComplaintFacts) =>
  complaint.referred ?? complaint.serviceId !== null;

/**
 * Who works the complaint: the managers of its service once it is theirs. Its case officer is one
 * of them while they hold the service; one who no longer does (moved on, disabled) may no longer
 * read the complaint, so hears nothing more of it.
 */
const serviceTeam = (complaint: ComplaintFacts, audience: Audience): Recipient[] =>
  isReferred(complaint) && complaint.serviceId ? audience.managersOf(complaint.serviceId) : [];

/**
 * The Board members who may act on the complaint: not those who stood aside from it, who manage
 * its service, work at the school complaining, or lodged or handled it, whom the domain will not
 * let decide it or approve its reimbursement (see conflictOfInterest).
 */
function boardToAct(complaint: ComplaintFacts, audience: Audience): Recipient[] {
  const conflicted = new Set([
    ...(complaint.recused ?? []),
    ...(complaint.handlers ?? []),
    ...(complaint.lodgedBy ? [complaint.lodgedBy] : []),
    ...(complaint.serviceId ? audience.managersOf(complaint.serviceId) : []).flatMap((manager) =>
      manager.personId ? [manager.personId] : [],
    ),
    ...audience.boardMembersAtSchool(complaint.schoolUrn),
  ]);
  return audience
    .boardMembers()
    .filter((member) => !member.personId || !conflicted.has(member.personId));
}

/** A Board member's name, to say whose proposal others are asked to support. */
const memberName = (audience: Audience, personId: string | undefined): string | null =>
  (personId && audience.boardMembers().find((member) => member.personId === personId)?.name) ||
  null;

/**
 * When too few Board members may act on the complaint to settle it (the others manage its service,
 * lodged or handled it, or stood aside): deciding takes the decision quorum, and a reimbursement
 * its proposer and the approval quorum besides. Nobody can fix that within the engine, so the
 * chairs and Business Support are told, to find members or have the policy changed.
 */
function quorumShortfall(complaint: ComplaintFacts, members: readonly Recipient[]) {
  const { decisionQuorum, approvalQuorum } = complaint;
  if (decisionQuorum === undefined || approvalQuorum === undefined) return null;
  const eligible = members.length;
  return eligible < Math.max(decisionQuorum, approvalQuorum + 1)
    ? { eligible, decisionQuorum, approvalQuorum }
    : null;
}

type Shortfall = NonNullable<ReturnType<typeof quorumShortfall>>;

/**
 * The shortfall told to `members` (those who may still act, unless another message of the event
 * says it to them), the chairs and Business Support, each who has no other message of the event.
 */
const quorumShort = (short: Shortfall, audience: Audience, members: readonly Recipient[]) => [
  {
    kind: 'board-quorum-short-for-staff' as const,
    to: [...members, ...audience.boardChairs(), ...audience.businessSupport()],
    says: short,
  },
];

/**
 * The chairs answer for a Board that is late: those who may judge the complaint; with none such,
 * every member who may. When no member may, every chair is told, to find members who can.
 */
function chairsToAct(complaint: ComplaintFacts, audience: Audience): Recipient[] {
  const eligible = boardToAct(complaint, audience);
  const chairs = audience.boardChairs();
  const eligibleChairs = chairs.filter((chair) =>
    eligible.some((member) => member.personId === chair.personId),
  );
  if (eligibleChairs.length > 0) return eligibleChairs;
  return eligible.length > 0 ? eligible : chairs;
}

const referenceIn = (text: string) => /^SG-\d{4}-\d{6}$/.test(text.trim());

/** When the message goes: a date counted from its sending is counted from then. */
interface Sending {
  readonly calendar: WorkingDayCalendar;
  readonly sendAfter: string;
}

function draftsFor(
  event: ComplaintEvent & { readonly id: string; readonly correlationId?: string },
  complaint: ComplaintFacts,
  audience: Audience,
  sending: Sending,
): Draft[] {
  switch (event.type) {
    case 'ClockStarted':
      return clockStarted(event, complaint, audience, sending);
    case 'ClockResumed': {
      const step = complaint.pending;
      if (event.data.clock !== 'resolution') return [];
      const dueDate = event.data.timing.dueDate;
      // The school's window ran out: both hear it, with the date the service now works to.
      if (step?.type === 'InformationRequestLapsed')
        return [
          ...toSchool(complaint, 'school-reply-lapsed-for-school', { dueDate }),
          {
            kind: 'school-reply-lapsed-for-service',
            to: serviceTeam(complaint, audience),
            says: { dueDate },
          },
        ];
      if (step?.type !== 'InformationReceived') return [];
      // Counted from an answer recorded late, the time may have run out already: the escalation
      // that follows is what they hear, not a date that has passed.
      if (!isBefore(event.data.at, event.data.timing.deadline)) return [];
      return [
        ...toSchool(complaint, 'information-received-for-school', { dueDate }),
        {
          kind: 'information-received-for-service',
          to: serviceTeam(complaint, audience),
          says: { answer: step.summary, dueDate },
        },
      ];
    }
    case 'ClockExtended': {
      const step = complaint.pending;
      if (event.data.clock !== 'resolution' || step?.type !== 'ExtensionAgreed') return [];
      // A clock paused for the school's answer keeps its days; they count once it runs again.
      const says = {
        extraWorkingDays: step.extraWorkingDays,
        reason: step.reason,
        dueDate: complaint.resolutionDueDate === null ? null : event.data.timing.dueDate,
      };
      return [
        ...toSchool(complaint, 'extension-for-school', says),
        { kind: 'extension-for-service', to: serviceTeam(complaint, audience), says },
      ];
    }
    case 'ComplaintRerouted':
      // Before referral a reroute only changes the service named; its managers hear on referral.
      return isReferred(complaint) ? rerouted(event, complaint, audience) : [];
    case 'CaseOfficerAssigned': {
      const team = serviceTeam(complaint, audience);
      const officer = team.find((manager) => manager.personId === event.data.officerId);
      // The officer it was given to before need not work on it any more, and is told so.
      const previous =
        complaint.caseOfficerId && complaint.caseOfficerId !== event.data.officerId
          ? team.find((manager) => manager.personId === complaint.caseOfficerId)
          : undefined;
      const drafts: Draft[] = [];
      if (officer)
        drafts.push({
          kind: 'assigned-to-officer',
          to: [officer],
          says: { dueDate: complaint.resolutionDueDate ?? null },
        });
      if (previous)
        drafts.push({
          kind: 'unassigned-from-officer',
          to: [previous],
          says: { newOfficerName: event.data.officerName },
        });
      return drafts;
    }
    case 'SchoolContactChanged': {
      // The new contact hears what they now answer for; the one replaced, that mail stops. A
      // proposal the school was never sent goes to a new contact who has an address in place of
      // the note: its window counts from then (ResolutionSentToSchool).
      const now = event.data.contact;
      const says = { newContactName: now.name, previousContactName: complaint.contact.name };
      const to = now.email ? [{ name: now.name, email: now.email }] : [];
      const unsent = complaint.unsentProposal ?? null;
      const toNewContact: Draft = unsent
        ? proposalTo(now, unsent, sending)
        : { kind: 'contact-changed-for-school', to, says: { ...says, contactName: now.name } };
      return [toNewContact, ...toSchool(complaint, 'contact-replaced-for-school', says)];
    }
    case 'MessageSent': {
      const says = { message: event.data.text };
      if (event.data.from === 'council') return toSchool(complaint, 'message-for-school', says);
      return isReferred(complaint)
        ? [{ kind: 'message-for-service', to: serviceTeam(complaint, audience), says }]
        : [{ kind: 'message-for-support', to: audience.businessSupport(), says }];
    }
    case 'ResolutionConfirmed':
      return [
        {
          kind: 'resolution-confirmed-for-service',
          to: serviceTeam(complaint, audience),
          says: { deemed: event.data.deemed },
        },
      ];
    case 'ResolutionMailReturned': {
      // The service reaches the school another way; Business Support records a new contact. A
      // contact recorded while the mail was on its way (a bounce can take days) is sent it now.
      const returned = complaint.sentProposal ?? null;
      const bounced = returned?.sentTo ?? complaint.contact;
      const now = complaint.contact;
      const resend = returned && now.email && now.email !== bounced.email ? returned : null;
      const toStaff: Draft = {
        kind: 'resolution-returned-for-staff',
        to: [...serviceTeam(complaint, audience), ...audience.businessSupport()],
        says: {
          contactName: bounced.name,
          reason: returnedMailReason(event.data.status),
          resentTo: resend ? now.name : null,
          dueDate: complaint.confirmationDueDate ?? null,
        },
      };
      return resend ? [proposalTo(now, resend, sending), toStaff] : [toStaff];
    }
    case 'DeemedAcceptanceSetAside':
      // The school was told its silence was taken as acceptance; its answer had come in time.
      return toSchool(complaint, 'acceptance-set-aside-for-school', {
        receivedAt: event.data.receivedAt,
      });
    case 'QuestionMailReturned':
      // The school was not asked: the service and Business Support reach it another way.
      return [
        {
          kind: 'question-returned-for-staff',
          to: [...serviceTeam(complaint, audience), ...audience.businessSupport()],
          says: {
            contactName: complaint.contact.name,
            reason: returnedMailReason(event.data.status),
          },
        },
      ];
    case 'ResolutionNeverReachedSchool':
      return [
        {
          kind: 'resolution-never-reached-school-for-service',
          to: serviceTeam(complaint, audience),
          says: { noAddress: !complaint.contact.email },
        },
      ];
    case 'RerouteAsked':
      return [
        {
          kind: 'reroute-asked-for-support',
          to: audience.businessSupport(),
          says: {
            serviceName: complaint.serviceId ? audience.serviceName(complaint.serviceId) : '',
            reason: event.data.reason,
            dueDate: complaint.resolutionDueDate ?? null,
          },
        },
      ];
    case 'RerouteDeclined':
      return [
        {
          kind: 'reroute-declined-for-service',
          to: serviceTeam(complaint, audience),
          says: { reason: event.data.reason, dueDate: complaint.resolutionDueDate ?? null },
        },
      ];
    case 'ConflictOfInterestDeclared': {
      const after = nextFacts(complaint.complaintId, complaint, event) ?? complaint;
      const members = boardToAct(after, audience);
      // Once a reimbursement is approved only finance's payment is left: nothing for the Board.
      const short = complaint.reimbursementApproved ? null : quorumShortfall(after, members);
      // What they put to the Board falls with them (see evolve): those asked to support it hear,
      // and of a shortfall in the same message (each person is sent one message an event).
      // Only those who were sent the request: one still held is withdrawn unsent.
      const fell: Draft[] =
        complaint.supportAskedBy === event.data.by.id
          ? [
              {
                kind: 'support-request-withdrawn-for-board',
                to: members.filter((member) =>
                  audience.wasSent(complaint.complaintId, SUPPORT_ASKED, member.email),
                ),
                says: {
                  memberName: memberName(audience, event.data.by.id),
                  // Facts kept before what was asked was: closing, once the Board had decided.
                  what:
                    complaint.supportAskedFor ?? (complaint.boardOutcome ? 'closing' : 'decision'),
                  short,
                },
              },
            ]
          : [];
      // A proposal of theirs awaiting approval lapses in the same append, and its message to the
      // members says the shortfall too: each member is sent one message.
      const lapses = complaint.proposalAwaitingApprovalBy === event.data.by.id;
      return short ? [...fell, ...quorumShort(short, audience, lapses ? [] : members)] : fell;
    }
    case 'BoardDecisionProposed':
      // Under a quorum of more than one, the members who may act are asked for their support.
      return [
        {
          kind: 'decision-support-asked-for-board',
          to: boardToAct(complaint, audience),
          says: {
            proposedBy: memberName(audience, event.data.by.id),
            outcome: event.data.outcome,
            failureLevel: event.data.failureLevel,
            rationale: event.data.rationale,
            quorum: complaint.decisionQuorum ?? null,
            dueDate: complaint.boardDueDate ?? null,
            // The decision awaiting support that this one replaces, by whom it was put.
            replaces:
              complaint.supportAskedFor === 'decision' && complaint.supportAskedBy
                ? (memberName(audience, complaint.supportAskedBy) ?? 'another member')
                : null,
          },
        },
      ];
    case 'ReimbursementWaiverProposed':
      return [
        {
          kind: 'waiver-support-asked-for-board',
          to: boardToAct(complaint, audience),
          says: {
            proposedBy: memberName(audience, event.data.by.id),
            reason: event.data.reason,
            quorum: complaint.decisionQuorum ?? null,
            dueDate: complaint.boardDueDate ?? null,
          },
        },
      ];
    case 'BoardDecisionRecorded':
      // An upheld complaint's message waits for the date the Board must settle reimbursement by.
      return event.data.outcome === 'not-upheld'
        ? boardDecision(complaint, audience, {
            outcome: event.data.outcome,
            failureLevel: null,
            rationale: event.data.rationale,
            dueDate: null,
          })
        : [];
    case 'ReimbursementPaid': {
      const says = {
        amountPence: event.data.amountPence,
        method: event.data.method,
        paymentReference: event.data.paymentReference,
        paidOn: event.data.paidOn,
      };
      // The fees are the service's: it hears that the complaint closed, and what it cost.
      return [
        ...toSchool(complaint, 'reimbursement-paid-for-school', says),
        { kind: 'reimbursement-paid-for-service', to: serviceTeam(complaint, audience), says },
      ];
    }
    case 'ComplaintWithdrawn': {
      const says = {
        reason: event.data.reason,
        byTheSchool: event.data.by.role === 'school-staff',
      };
      return [
        ...toSchool(complaint, 'withdrawn-for-school', says),
        { kind: 'withdrawn-for-service', to: serviceTeam(complaint, audience), says },
      ];
    }
    case 'ComplaintRejected':
      return toSchool(complaint, 'rejected-for-school', { reason: event.data.reason });
    case 'ComplaintMarkedDuplicate':
      return toSchool(complaint, 'duplicate-for-school', {
        duplicateOf: referenceIn(event.data.duplicateOf) ? event.data.duplicateOf.trim() : null,
        reason: event.data.reason,
      });
    case 'ComplaintReclassified': {
      // The school is told the service will deal with it as a request: the service is sent it.
      const serviceName = complaint.serviceId ? audience.serviceName(complaint.serviceId) : null;
      const says = { reason: event.data.reason, serviceName };
      const managers = complaint.serviceId ? audience.managersOf(complaint.serviceId) : [];
      return [
        ...toSchool(complaint, 'reclassified-for-school', says),
        { kind: 'reclassified-for-service', to: managers, says },
      ];
    }
    case 'AttachmentAdded':
      // The service working on it hears of the evidence the school sends, once an upload; before
      // it is referred, Business Support sees the files as it triages. A reply by email with files
      // is told as the reply too.
      return event.data.by.role === 'school-staff' && isReferred(complaint)
        ? [
            {
              kind: 'files-added-for-service',
              to: serviceTeam(complaint, audience),
              says: { name: event.data.name },
              // One command's files share its time; a client's correlation id may span several.
              oneFor: `upload\0${event.correlationId ?? event.id}\0${event.data.at}`,
            },
          ]
        : [];
    case 'FilesNotKept':
      // The school is told of the files it sent; the council's staff see them on the complaint.
      return event.data.by.role === 'school-staff'
        ? toSchool(complaint, 'files-not-kept-for-school', { filesNotKept: event.data.files })
        : [];
    case 'ComplaintClosed':
      return closed(event, complaint, audience);
    case 'DeadlineWarningIssued':
      return warning(event, complaint, audience);
    case 'DeadlineMissed':
      return missed(event, complaint, audience);
    default:
      return [];
  }
}

/**
 * A complaint moved to another service once referred: the new service is told where it came from,
 * the school which service now has it and by when, and the old service that it is no longer
 * theirs (its held messages of the complaint are withdrawn: see messagesEndedBy). Someone managing
 * both services hears only that it is now theirs. Moved after the service's warning went, to the
 * service it was with, the deadline is as near for the new one, which is warned too: it may have
 * turned off news of referrals, but never warnings.
 */
function rerouted(
  event: EventOf<'ComplaintRerouted'>,
  complaint: ComplaintFacts,
  audience: Audience,
): Draft[] {
  const { fromServiceId, toServiceId, reason } = event.data;
  const dueDate = complaint.resolutionDueDate ?? null;
  const paused = dueDate === null;
  const fromServiceName = fromServiceId ? audience.serviceName(fromServiceId) : null;
  const toServiceName = audience.serviceName(toServiceId);
  return [
    {
      kind: 'referred-to-service',
      to: audience.managersOf(toServiceId),
      says: { rerouted: true, fromServiceName, reason, dueDate, paused, note: null },
    },
    ...toSchool(complaint, 'rerouted-for-school', { toServiceName, dueDate }),
    ...(dueDate !== null && complaint.resolutionWarnedFor === dueDate
      ? [
          {
            kind: WARNING_OF_CLOCK.resolution,
            to: audience.managersOf(toServiceId),
            says: { dueDate },
          },
        ]
      : []),
    ...(fromServiceId
      ? [
          {
            kind: 'moved-from-service' as const,
            to: audience.managersOf(fromServiceId),
            says: { fromServiceName, toServiceName, reason },
          },
        ]
      : []),
  ];
}

/**
 * A clock that starts with a step gives the date that step's message promises: the school's
 * acknowledgement the triage date, a referral the date to resolve by, a question the date to
 * answer by. The step itself is in `complaint.pending`, kept from the event before.
 */
function clockStarted(
  event: EventOf<'ClockStarted'>,
  complaint: ComplaintFacts,
  audience: Audience,
  { calendar, sendAfter }: Sending,
): Draft[] {
  const dueDate = event.data.timing.dueDate;
  const step = complaint.pending;
  switch (event.data.clock) {
    case 'triage': {
      // Logged after its triage date had passed (received long before, by phone say): no date
      // that is already gone is given as a promise, nor as what Business Support must meet.
      const late =
        complaint.loggedAt !== undefined &&
        !isBefore(complaint.loggedAt, event.data.timing.deadline);
      return [
        ...toSchool(complaint, 'acknowledgement-for-school', {
          dueDate,
          late,
          filesNotKept: complaint.filesNotKept ?? [],
        }).map((draft) => ({
          ...draft,
          inReplyTo: complaint.emailMessageId ?? null,
        })),
        {
          kind: 'lodged-for-support',
          // Not the officer who lodged it from its email: it is theirs already.
          to: audience
            .businessSupport()
            .filter((officer) => !officer.personId || officer.personId !== complaint.matchedBy),
          says: { dueDate, late, channel: complaint.channel ?? null },
        },
      ];
    }
    case 'resolution':
      if (step?.type === 'ComplaintReferred')
        return [
          ...toSchool(complaint, 'referred-for-school', {
            dueDate,
            serviceName: complaint.serviceId ? audience.serviceName(complaint.serviceId) : null,
          }),
          {
            kind: 'referred-to-service',
            to: serviceTeam(complaint, audience),
            says: {
              dueDate,
              rerouted: false,
              fromServiceName: null,
              reason: null,
              note: step.note ?? null,
              paused: false,
            },
          },
        ];
      // The school's earlier dates went with the proposal: this gives the one that now stands.
      if (step?.type === 'ResolutionDisputed')
        return [
          ...toSchool(complaint, 'resolution-disputed-for-school', {
            dueDate,
            unclear: step.unclear,
          }),
          {
            kind: 'resolution-disputed-for-service',
            to: serviceTeam(complaint, audience),
            says: { dueDate, reason: step.reason, unclear: step.unclear },
          },
        ];
      return [];
    case 'school-reply':
      return step?.type === 'InformationRequested'
        ? toSchool(complaint, 'question-for-school', { dueDate, question: step.question })
        : [];
    case 'school-confirmation':
      // The school's window starts again when the proposal is sent (ResolutionSentToSchool): a
      // proposal made in the evening or at a weekend goes, and its window runs, from the next
      // working morning, and the date it gives is counted from then.
      return step?.type === 'ResolutionProposed'
        ? toSchool(complaint, RESOLUTION_PROPOSED_FOR_SCHOOL, {
            dueDate: calendar.addWorkingDays(sendAfter, event.data.timing.workingDays).dueDate,
            resolution: step.resolution,
          })
        : [];
    case 'board-decision': {
      // Everyone hears of an escalation once the Board's clock has started, with its date.
      if (step?.type !== 'ComplaintEscalated') return [];
      const members = boardToAct(complaint, audience);
      const short = quorumShortfall(complaint, members);
      const says = { reason: step.reason, unclear: step.unclearAnswer === true, dueDate };
      return [
        { kind: 'escalated-to-board', to: members, says: { ...says, short } },
        ...(short ? quorumShort(short, audience, members) : []),
        { kind: 'escalation-for-service', to: serviceTeam(complaint, audience), says },
        ...toSchool(complaint, 'escalation-for-school', says),
      ];
    }
    case 'reimbursement-proposal':
      if (step?.type === 'BoardDecisionRecorded')
        return [
          ...boardDecision(complaint, audience, {
            outcome: step.outcome,
            failureLevel: step.failureLevel,
            rationale: step.rationale,
            dueDate,
          }),
          // The members who may act propose the sum, or close it without one, by this date.
          {
            kind: 'board-decision-for-board',
            to: boardToAct(complaint, audience),
            says: { outcome: step.outcome, failureLevel: step.failureLevel, dueDate },
          },
        ];
      // The proposal no longer stands: the Board proposes again, or closes without one.
      if (step?.type === 'ReimbursementDeclined' || step?.type === 'ReimbursementProposalLapsed') {
        const members = boardToAct(complaint, audience);
        return [
          {
            kind: 'reimbursement-declined-for-board',
            to: members,
            says: {
              amountPence: complaint.proposedPence ?? null,
              lapsed: step.type === 'ReimbursementProposalLapsed',
              declinedBy:
                step.type === 'ReimbursementDeclined' ? memberName(audience, step.by) : null,
              reason: step.type === 'ReimbursementDeclined' ? (step.reason ?? null) : null,
              dueDate,
              short:
                step.type === 'ReimbursementProposalLapsed'
                  ? quorumShortfall(complaint, members)
                  : null,
            },
          },
        ];
      }
      return [];
    case 'reimbursement-approval':
      return step?.type === 'ReimbursementProposed'
        ? [
            {
              kind: 'reimbursement-proposed-for-board',
              to: boardToAct(complaint, audience),
              says: {
                dueDate,
                amountPence: step.amountPence,
                proposedBy: memberName(audience, event.data.by.id),
              },
            },
          ]
        : [];
    case 'reimbursement-payment':
      return step?.type === 'ReimbursementApproved'
        ? [
            {
              kind: 'reimbursement-approved-for-finance',
              to: audience.finance(),
              says: { dueDate, amountPence: step.amountPence, basis: step.basis },
            },
            ...toSchool(complaint, 'reimbursement-approved-for-school', {
              dueDate,
              amountPence: step.amountPence,
              basis: step.basis,
            }),
          ]
        : [];
    default:
      return [];
  }
}

function boardDecision(
  complaint: ComplaintFacts,
  audience: Audience,
  says: Readonly<Record<string, unknown>>,
): Draft[] {
  return [
    ...toSchool(complaint, 'board-decision-for-school', says),
    { kind: 'board-decision-for-service', to: serviceTeam(complaint, audience), says },
  ];
}

/**
 * The closing message, for the outcomes no other message of the same append already tells: a
 * withdrawal, a rejection, a duplicate, a reclassification, a decision not to uphold and a payment
 * each say the complaint is closed, so the school is not written to twice about one act.
 */
function closed(
  event: EventOf<'ComplaintClosed'>,
  complaint: ComplaintFacts,
  audience: Audience,
): Draft[] {
  const step = complaint.pending;
  switch (event.data.outcome) {
    case 'resolved':
      return toSchool(complaint, 'closed-for-school', {
        outcome: 'resolved',
        deemed: step?.type === 'ResolutionConfirmed' && step.deemed,
        reason: null,
      });
    case 'upheld-without-reimbursement': {
      // The decision's own mail, if it was still held, is withdrawn (see messagesEndedBy): this
      // one then gives what it said. One that went already is not said again.
      const decisionSent = schoolContact(complaint).some((to) =>
        audience.wasSent(complaint.complaintId, ['board-decision-for-school'], to.email),
      );
      const says = {
        outcome: 'upheld-without-reimbursement',
        deemed: false,
        reason: step?.type === 'ReimbursementWaived' ? step.reason : null,
        partly: complaint.boardOutcome === 'partly-upheld',
        decisionReasons: decisionSent ? null : (complaint.boardRationale ?? null),
        failureLevel: decisionSent ? null : (complaint.boardFailureLevel ?? null),
      };
      return [
        ...toSchool(complaint, 'closed-for-school', says),
        { kind: 'closed-for-service', to: serviceTeam(complaint, audience), says },
      ];
    }
    default:
      return [];
  }
}

function warning(
  event: EventOf<'DeadlineWarningIssued'>,
  complaint: ComplaintFacts,
  audience: Audience,
): Draft[] {
  const kind = WARNING_OF_CLOCK[event.data.clock];
  const says = { dueDate: event.data.dueDate };
  switch (event.data.clock) {
    case 'triage':
      return [{ kind, to: audience.businessSupport(), says }];
    case 'resolution':
      return [{ kind, to: serviceTeam(complaint, audience), says }];
    case 'school-reply':
      return toSchool(complaint, kind, says);
    case 'school-confirmation':
      // A school with no address is reminded by the service, which told it the resolution: its
      // silence will not close the complaint, which comes back to the service unanswered.
      if (schoolContact(complaint).length === 0)
        return [
          {
            kind: 'school-confirmation-warning-for-service',
            to: serviceTeam(complaint, audience),
            says,
          },
        ];
      // Not a reminder of a proposal whose mail came back: the contact never had it, and the
      // reminder would come back too. Staff were told of the return, and a new contact is sent it.
      return complaint.unsentProposal ? [] : toSchool(complaint, kind, says);
    case 'reimbursement-payment':
      return [{ kind, to: audience.finance(), says }];
    default:
      return [{ kind, to: boardToAct(complaint, audience), says }];
  }
}

function missed(
  event: EventOf<'DeadlineMissed'>,
  complaint: ComplaintFacts,
  audience: Audience,
): Draft[] {
  switch (event.data.clock) {
    case 'triage':
      return [{ kind: 'triage-deadline-missed', to: audience.businessSupport() }];
    case 'board-decision':
      return [{ kind: 'board-decision-deadline-missed', to: chairsToAct(complaint, audience) }];
    case 'reimbursement-proposal':
    case 'reimbursement-approval':
      return [
        { kind: `${event.data.clock}-deadline-missed`, to: chairsToAct(complaint, audience) },
      ];
    case 'reimbursement-payment':
      return [{ kind: 'reimbursement-payment-deadline-missed', to: audience.finance() }];
    default:
      return [];
  }
}

/** The clock run a message is planned with: the one its event starts or moves, or warns of. */
function clockRevisionOf(event: ComplaintEvent): number | null {
  if (event.type === 'DeadlineWarningIssued') return event.data.revision;
  return 'timing' in event.data ? event.data.timing.revision : null;
}

/**
 * When a message to people raised at `at` goes: then, in working hours, or else when they are next
 * at work. A step timed from the sending (the school's days to answer a proposal) counts from it.
 */
export const sentToPeopleAt = (calendar: WorkingDayCalendar, at: Instant): Date =>
  calendar.nextWorkingMoment(at);

/**
 * The messages a complaint event calls for, on the complaint as it was just before the event (a
 * step's message is planned on the clock event after it: see PendingStep), written from their
 * templates, each addressed to one
 * person once (the first message the event has for them) and held until the next working moment
 * after the event: the escalation happens at the deadline, the people hear of it when they are
 * at work. Nobody is told of their own act, and staff are not sent what they turned off.
 */
export function planNotifications(
  event: ComplaintEvent & { readonly id: string; readonly correlationId?: string },
  complaint: ComplaintFacts,
  audience: Audience,
  calendar: WorkingDayCalendar,
  writer: MessageWriter,
): Notification[] {
  const raisedAt = new Date(event.data.at).toISOString();
  const sendAfter = sentToPeopleAt(calendar, raisedAt).toISOString();
  const actor = event.data.by.id;
  const link = writer.complaintLink(complaint.complaintId);
  const about = {
    reference: complaint.reference,
    schoolName: audience.schoolName(complaint.schoolUrn) ?? `school URN ${complaint.schoolUrn}`,
    summary: complaint.summary,
    contactName: complaint.contact.name,
  };
  const told = new Set<string>();
  return draftsFor(event, complaint, audience, { calendar, sendAfter }).flatMap((draft) => {
    const to = draft.to.filter((recipient) => {
      const key = recipient.email.toLowerCase();
      if (told.has(key)) return false;
      if (recipient.personId !== undefined) {
        if (recipient.personId === actor) return false;
        if (
          mayBeTurnedOff(draft.kind) &&
          audience.mailTurnedOff(recipient.personId).includes(draft.kind)
        )
          return false;
      }
      told.add(key);
      return true;
    });
    if (to.length === 0) return [];
    const message = writer.write(draft.kind, link, { ...about, ...draft.says });
    return to.map((recipient) => ({
      id: deterministicUuid(
        'notification',
        draft.oneFor ?? event.id,
        draft.kind,
        recipient.email.toLowerCase(),
      ),
      complaintId: complaint.complaintId,
      kind: draft.kind,
      to: { name: recipient.name, email: recipient.email },
      ...message,
      raisedAt,
      sendAfter,
      inReplyTo: draft.inReplyTo ?? null,
      clockRevision: clockRevisionOf(event),
      correlationId: event.correlationId ?? null,
      causationId: event.id,
    }));
  });
}
