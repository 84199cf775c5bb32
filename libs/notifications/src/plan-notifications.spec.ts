import { WHAT_MAY_BE_SENT } from '@sg/attachments';
import {
  type Actor,
  type ClockKind,
  type ComplaintCommand,
  type ComplaintEvent,
  DEADLINE_WORKER,
  decide,
  DEFAULT_POLICY,
  foldComplaint,
  type RoleGrant,
} from '@sg/complaints';
import { WorkingDayCalendar } from '@sg/working-days';
import { type Audience, type ComplaintFacts, type Recipient } from './audience';
import { nextFacts } from './complaint-facts';
import { longDate, MessageWriter } from './message-writer';
import { messagesEndedBy } from './messages-of-a-clock';
import { type Notification, RESOLUTION_PROPOSED_FOR_SCHOOL } from './notification';
import { planNotifications } from './plan-notifications';

const calendar = new WorkingDayCalendar();
const writer = new MessageWriter('https://complaints.county.example/');
const system = { id: 'deadline-worker', role: 'system' } as const;

const COMPLAINT_ID = 'c-1';
const LINK = 'https://complaints.county.example/complaints/c-1';
const REFERENCE = 'SG-2025-000042';
const SCHOOL = '119300';
const EARLIER = 'SG-2025-000041';
const HEAD_EMAIL = 'head@brookside.example';

/** The people the planner writes to, with the ids their acts and choices are known by. */
const PEOPLE: readonly (Recipient & { readonly personId: string })[] = [
  { personId: 'p-support-1', name: 'Sam Support', email: 'support-1@county.example' },
  { personId: 'p-support-2', name: 'Sol Support', email: 'support-2@county.example' },
  { personId: 'p-hr-manager', name: 'Hal Manager', email: 'hr-manager@county.example' },
  { personId: 'p-hr-deputy', name: 'Hed Deputy', email: 'hr-deputy@county.example' },
  { personId: 'p-officer', name: 'Olu Officer', email: 'officer@county.example' },
  { personId: 'p-chair', name: 'Ada Chair', email: 'chair@county.example' },
  { personId: 'p-member', name: 'Ben Board', email: 'member@county.example' },
  { personId: 'p-member-2', name: 'Cal Board', email: 'Member-2@county.example' },
  { personId: 'p-finance', name: 'Fin Ance', email: 'finance-1@county.example' },
];
const recipient = (personId: string): Recipient => {
  const found = PEOPLE.find((person) => person.personId === personId)!;
  return { personId, name: found.name, email: found.email };
};

/** `boardStaff`: a Board member who is also on the complaining school's staff. */
function audienceWith(
  turnedOff: Record<string, readonly string[]> = {},
  boardStaff: string | null = null,
): Audience {
  return {
    businessSupport: () => ['p-support-1', 'p-support-2'].map(recipient),
    managersOf: (serviceId) =>
      serviceId === 'schools-hr'
        ? ['p-hr-manager', 'p-hr-deputy'].map(recipient)
        : serviceId === 'music-service'
          ? [{ personId: 'p-music', name: 'Mo Music', email: 'music@county.example' }]
          : [],
    boardMembers: () => ['p-chair', 'p-member', 'p-member-2'].map(recipient),
    boardChairs: () => [recipient('p-chair')],
    boardMembersAtSchool: (urn) => (urn === SCHOOL && boardStaff ? [boardStaff] : []),
    // The planner's messages count as sent here, unless a test holds them back.
    wasSent: () => true,
    finance: () => [recipient('p-finance')],
    schoolName: (urn) => (urn === SCHOOL ? 'Brookside Primary School' : null),
    serviceName: (serviceId) =>
      ({ 'schools-hr': 'Schools HR', 'music-service': 'Music Service' })[serviceId] ?? serviceId,
    mailTurnedOff: (personId) => turnedOff[personId] ?? [],
  };
}
const audience = audienceWith();

const actor = (id: string, ...roles: RoleGrant[]): Actor => ({ id, name: id, roles });
const HEAD = actor('p-head', { role: 'school-staff', schoolUrn: SCHOOL });
const SUPPORT = actor('p-support-1', { role: 'business-support' });
const MANAGER = actor('p-hr-manager', { role: 'service-manager', serviceIds: ['schools-hr'] });
const CHAIR = actor('p-chair', { role: 'board-member', chair: true });
const MEMBER = actor('p-member', { role: 'board-member', chair: false });
const MEMBER_2 = actor('p-member-2', { role: 'board-member', chair: false });
const FINANCE = actor('p-finance', { role: 'finance' });

const CONSENT = {
  givenBy: 'Jane Head',
  givenAt: '2025-06-03T09:00:00.000Z',
  method: 'phone',
} as const;

/**
 * A complaint's life as the engine records it: each command decided by the real decider, each of
 * its events planned on the facts before it and then folded into them, as the reactor does.
 */
function story(
  contact: { name: string; email?: string } = { name: 'Jane Head', email: HEAD_EMAIL },
  planAudience: Audience = audience,
) {
  let history: ComplaintEvent[] = [];
  let facts: ComplaintFacts | null = null;
  let count = 0;
  const all: Notification[] = [];
  const record = (events: readonly ComplaintEvent[]): Notification[] => {
    history = [...history, ...events];
    const planned = events.flatMap((event) => {
      count += 1;
      const before = facts;
      facts = nextFacts(COMPLAINT_ID, facts, event) ?? facts;
      return before
        ? planNotifications(
            { ...event, id: `event-${count}` },
            before,
            planAudience,
            calendar,
            writer,
          )
        : [];
    });
    all.push(...planned);
    return planned;
  };
  // The one complaint a duplicate here names: an earlier one of the same school.
  const complaintNamed = (named: string) =>
    named === EARLIER ? { complaintId: 'c-earlier', reference: EARLIER, schoolUrn: SCHOOL } : null;
  const act = (command: ComplaintCommand) =>
    record(decide(command, foldComplaint(history), { calendar, complaintNamed }));
  const clock = (kind: ClockKind) => {
    const state = foldComplaint(history);
    return state.exists ? state.clocks[kind]! : null;
  };
  const timerOf = (kind: ClockKind, timer: 'deadline' | 'warning') => {
    const running = clock(kind)!;
    return act({
      type: 'ReachDeadline',
      actor: DEADLINE_WORKER,
      at: timer === 'deadline' ? running.timing.deadline : running.timing.warningAt!,
      clock: kind,
      revision: running.timing.revision,
      timer,
    });
  };
  return {
    all,
    act,
    record,
    facts: () => facts!,
    clock,
    lodge: (
      by: Actor = HEAD,
      channel: 'web-form' | 'email' | 'phone' = 'web-form',
      policy = DEFAULT_POLICY,
      matchedBy: Actor | null = null,
    ) =>
      act({
        type: 'LodgeComplaint',
        actor: by,
        at: '2025-06-02T09:00:00.000Z',
        complaintId: COMPLAINT_ID,
        reference: REFERENCE,
        channel,
        schoolUrn: SCHOOL,
        serviceId: 'schools-hr',
        summary: 'No reply about a grievance',
        details: 'We raised a grievance in March and have heard nothing.',
        standards: ['listen-and-respond'],
        contact,
        relatedContractId: 'C-1',
        relatedBookingId: null,
        policy,
        emailMessageId: '<grievance@brookside.example>',
        matchedBy: matchedBy && { id: matchedBy.id, role: 'business-support' },
      }),
    refer: (note: string | null = null) =>
      act({
        type: 'ReferComplaint',
        actor: SUPPORT,
        at: '2025-06-03T09:00:00.000Z',
        serviceId: null,
        note,
      }),
    ask: (question = 'Which member of staff raised the grievance?') =>
      act({ type: 'RequestInformation', actor: MANAGER, at: '2025-06-04T09:00:00.000Z', question }),
    answer: () =>
      act({
        type: 'RecordInformationReceived',
        actor: HEAD,
        at: '2025-06-06T09:00:00.000Z',
        summary: 'It was our deputy head, Mr Patel.',
      }),
    /** The service writes to the school. */
    serviceWrites: (text: string) =>
      act({
        type: 'SendMessage',
        actor: MANAGER,
        at: '2025-06-05T09:00:00.000Z',
        messageId: 'm-2',
        text,
      }),
    /** The school names a new contact itself, or tells Business Support, which records it. */
    changeContact: (
      contact: { name: string; role?: string; email?: string; phone?: string },
      actor: Actor = HEAD,
      at = '2025-06-04T09:00:00.000Z',
    ) =>
      act({
        type: 'ChangeSchoolContact',
        actor,
        at,
        contact,
        consent: actor === HEAD ? null : CONSENT,
      }),
    propose: (at = '2025-06-09T09:00:00.000Z') =>
      act({
        type: 'ProposeResolution',
        actor: MANAGER,
        at,
        resolution: 'An HR adviser will meet Mr Patel this week.',
      }),
    /** The outbox reports the proposal's mail sent at `sentAt`. */
    proposalSent: (sentAt = '2025-06-09T09:05:00.000Z') =>
      act({ type: 'RecordResolutionSent', actor: DEADLINE_WORKER, at: sentAt, sentAt }),
    /** The intake traces a bounce of the proposal's mail sent at `sentAt`. */
    proposalReturned: (at: string, sentAt: string, status: string) =>
      act({ type: 'RecordResolutionReturned', actor: DEADLINE_WORKER, at, sentAt, status }),
    /** Runs the clock's timer of `kind` as the deadline worker would, at the deadline. */
    deadline: (kind: ClockKind) => timerOf(kind, 'deadline'),
    /** Runs its warning timer, at the warning. */
    warning: (kind: ClockKind) => timerOf(kind, 'warning'),
    /** Referred, left to pass its deadline, escalated: the Board's to decide. */
    escalate() {
      this.lodge();
      this.refer();
      return this.deadline('resolution');
    },
    uphold(outcome: 'upheld' | 'partly-upheld' = 'upheld') {
      this.escalate();
      return act({
        type: 'RecordBoardDecision',
        actor: CHAIR,
        at: '2025-06-20T09:00:00.000Z',
        outcome,
        failureLevel: 'significant',
        rationale: 'The service did not answer the school for three months.',
      });
    },
    /** The chair proposes £500 against the school's HR contract, on Monday 23 June 2025. */
    proposeSum() {
      return act({
        type: 'ProposeReimbursement',
        actor: CHAIR,
        at: '2025-06-23T09:00:00.000Z',
        proposalId: 'proposal-1',
        amountPence: 50_000,
        basis: {
          kind: 'contract',
          id: 'C-1',
          feesPaidPence: 200_000,
          schoolUrn: SCHOOL,
          serviceId: 'schools-hr',
          reimbursedPence: 0,
        },
        overrideReason: null,
      });
    },
    proposeReimbursement() {
      this.uphold();
      return this.proposeSum();
    },
    approve() {
      this.proposeReimbursement();
      act({
        type: 'ApproveReimbursement',
        actor: MEMBER,
        at: '2025-06-24T09:00:00.000Z',
        proposalId: 'proposal-1',
      });
      return act({
        type: 'ApproveReimbursement',
        actor: MEMBER_2,
        at: '2025-06-24T10:00:00.000Z',
        proposalId: 'proposal-1',
      });
    },
  };
}

const who = (notifications: readonly Notification[]) =>
  notifications.map((n) => [n.kind, n.to.email]);

/** Hand-made events for the planner alone, on a complaint referred to schools-hr. */
const complaint: ComplaintFacts = {
  complaintId: COMPLAINT_ID,
  reference: REFERENCE,
  schoolUrn: SCHOOL,
  serviceId: 'schools-hr',
  summary: 'No reply about a grievance',
  contact: { name: 'Jane Head', email: HEAD_EMAIL },
  referred: true,
};

const plan = (event: ComplaintEvent, facts = complaint, planAudience = audience) =>
  planNotifications({ ...event, id: 'event-1' }, facts, planAudience, calendar, writer);

describe('planNotifications: the school', () => {
  it('given the school adds files once its complaint is with the service, the service hears once an upload, whoever else adds them', () => {
    const s = story();
    s.lodge();
    const file = (name: string, by: Actor = HEAD): ComplaintEvent => ({
      type: 'AttachmentAdded',
      data: {
        attachmentId: `a-${name}`,
        name,
        sizeBytes: 10,
        mediaType: 'application/pdf',
        sha256: 'a'.repeat(64),
        by: { id: by.id, role: by.roles[0].role },
        at: '2025-06-05T09:00:00.000Z',
      },
    });
    const upload = (facts: ComplaintFacts, names: string[], by: Actor = HEAD) =>
      names.flatMap((name, i) =>
        planNotifications(
          { ...file(name, by), id: `event-${name}-${i}`, correlationId: `upload-${names[0]}` },
          facts,
          audience,
          calendar,
          writer,
        ),
      );
    // Before it is referred, Business Support sees them as it triages.
    expect(upload(s.facts(), ['Minutes.pdf'])).toEqual([]);
    s.refer();
    const told = upload(s.facts(), ['Minutes.pdf', 'Letter.pdf']);
    expect(told.map((n) => n.to.email)).toEqual([
      'hr-manager@county.example',
      'hr-deputy@county.example',
      'hr-manager@county.example',
      'hr-deputy@county.example',
    ]);
    // One message to each: the outbox keeps one of each id.
    expect(new Set(told.map((n) => n.id)).size).toBe(2);
    expect(told[0].subject).toBe(`${REFERENCE}: the school has added files`);
    expect(told[0].text).toContain('The school has added Minutes.pdf to the complaint');
    // The council's own files are not news to the service.
    expect(upload(s.facts(), ['Notes.pdf'], SUPPORT)).toEqual([]);
  });

  it('given a school emails its complaint, the acknowledgement answers that email; lodged otherwise, it answers none', () => {
    const [byEmail] = story().lodge(HEAD, 'email');
    expect(byEmail).toMatchObject({
      kind: 'acknowledgement-for-school',
      inReplyTo: '<grievance@brookside.example>',
    });
    const [byForm] = story().lodge(HEAD, 'web-form');
    expect(byForm).toMatchObject({ kind: 'acknowledgement-for-school', inReplyTo: null });
  });

  it('given a school lodges a complaint, its contact is acknowledged with the reference and the date it will be passed on by', () => {
    const notifications = story().lodge();
    const [acknowledgement] = notifications.filter((n) => n.to.email === HEAD_EMAIL);
    expect(acknowledgement).toMatchObject({
      kind: 'acknowledgement-for-school',
      subject: 'Your complaint SG-2025-000042 has been received',
      raisedAt: '2025-06-02T09:00:00.000Z',
      sendAfter: '2025-06-02T09:00:00.000Z',
    });
    expect(acknowledgement.text).toMatch(/^Dear Jane Head,/);
    // Two working days from Monday 2 June.
    expect(acknowledgement.text).toContain('by Wednesday 4 June 2025');
    expect(acknowledgement.text).toContain(`Your reference is ${REFERENCE}.`);
  });

  it('given a complaint logged after its triage date had passed, nobody is given that date as one still to meet', () => {
    const s = story();
    // Rung through on Monday 2 June, logged by Business Support on Friday 6 June.
    const notifications = s.act({
      type: 'LodgeComplaint',
      actor: SUPPORT,
      at: '2025-06-06T09:00:00.000Z',
      receivedAt: '2025-06-02T09:00:00.000Z',
      complaintId: COMPLAINT_ID,
      reference: REFERENCE,
      channel: 'phone',
      schoolUrn: SCHOOL,
      serviceId: 'schools-hr',
      summary: 'No reply about a grievance',
      details: 'We raised a grievance in March and have heard nothing.',
      standards: ['listen-and-respond'],
      contact: { name: 'Jane Head', email: HEAD_EMAIL },
      relatedContractId: 'C-1',
      relatedBookingId: null,
      policy: DEFAULT_POLICY,
    });
    const acknowledgement = notifications.find((n) => n.kind === 'acknowledgement-for-school')!;
    expect(acknowledgement.text).toContain(
      'Business Support will pass your complaint to the service concerned now.',
    );
    expect(acknowledgement.text).not.toContain('Wednesday 4 June');
    const [toSupport] = notifications.filter((n) => n.kind === 'lodged-for-support');
    expect(toSupport?.subject ?? '').toContain('new complaint to triage now, its date has passed');
    // Logged in time, the date is given as ever.
    const inTime = story().lodge();
    expect(inTime.find((n) => n.kind === 'lodged-for-support')!.subject).toContain(
      'new complaint to triage by Wednesday 4 June 2025',
    );
  });

  it('given files sent with the complaint were not kept, the acknowledgement names them and why, and how to send them again', () => {
    const acknowledgementFor = (reason: string) =>
      story()
        .act({
          type: 'LodgeComplaint',
          actor: HEAD,
          at: '2025-06-02T09:00:00.000Z',
          complaintId: COMPLAINT_ID,
          reference: REFERENCE,
          channel: 'email',
          schoolUrn: SCHOOL,
          serviceId: 'schools-hr',
          summary: 'No reply about a grievance',
          details: 'We raised a grievance in March and have heard nothing.',
          standards: [],
          contact: { name: 'Jane Head', email: HEAD_EMAIL },
          relatedContractId: null,
          relatedBookingId: null,
          policy: DEFAULT_POLICY,
          filesNotKept: [{ name: 'setup.exe', reason }],
        })
        .find((n) => n.to.email === HEAD_EMAIL)!;
    const acknowledgement = acknowledgementFor('A program is not a kind of file accepted here');
    expect(acknowledgement.text).toContain('We could not keep this file from your email:');
    expect(acknowledgement.text).toContain(
      '- setup.exe: A program is not a kind of file accepted here',
    );
    expect(acknowledgement.text).toContain('reply to this email with it');
    // What is taken, as the attachment rules say it: text and OpenDocument files too.
    expect(acknowledgement.text.replace(/\s+/g, ' ')).toContain(`We can take ${WHAT_MAY_BE_SENT}.`);
    expect(WHAT_MAY_BE_SENT).toContain('plain text (.txt or .csv)');
    // A reason that gives the list already is not followed by it again.
    const listed = acknowledgementFor(
      `setup.exe is not a kind of file accepted here: send ${WHAT_MAY_BE_SENT}`,
    ).text.replace(/\s+/g, ' ');
    expect(listed.split(WHAT_MAY_BE_SENT)).toHaveLength(2);
    const [plain] = story()
      .lodge()
      .filter((n) => n.to.email === HEAD_EMAIL);
    expect(plain.text).not.toContain('could not keep');
  });

  it('given a contact known only by an address (an email with no display name), the school is not greeted by it', () => {
    const [acknowledgement] = story({ name: HEAD_EMAIL, email: HEAD_EMAIL })
      .lodge(HEAD, 'email')
      .filter((n) => n.to.email === HEAD_EMAIL);
    expect(acknowledgement.text).toMatch(/^Hello,/);
    expect(acknowledgement.text).not.toContain(`Dear ${HEAD_EMAIL}`);
  });

  it('given the complaint is referred, the school hears which date the service must resolve it by', () => {
    const s = story();
    s.lodge();
    const notifications = s.refer();
    expect(who(notifications)).toEqual([
      ['referred-for-school', HEAD_EMAIL],
      ['referred-to-service', 'hr-manager@county.example'],
      ['referred-to-service', 'hr-deputy@county.example'],
    ]);
    // Ten working days from Tuesday 3 June.
    expect(notifications[0].text).toContain('must resolve it by Tuesday 17 June 2025');
    // Held for the morning, it may go after a question paused the clock: it says what that does.
    expect(notifications[0].text).toContain(
      'If it asks you a question, its time stops until you answer, and we will give you the new date.',
    );
    expect(notifications[0].subject).toBe(
      `Your complaint ${REFERENCE} has been passed to Schools HR`,
    );
    expect(notifications[0].text).toContain(') to Schools HR.');
    expect(notifications[1].subject).toBe(
      'SG-2025-000042: referred to your service, resolve by Tuesday 17 June 2025',
    );
    expect(notifications[1].text).not.toContain('note');
  });

  it('given Business Support refers it with a note, the service is given the note, the school is not', () => {
    const s = story();
    s.lodge();
    const notifications = s.refer('The head prefers a call after 3pm.');
    const [forSchool, forService] = notifications;
    expect(forService.text).toContain('Business Support’s note for you:');
    expect(forService.text).toContain('The head prefers a call after 3pm.');
    expect(forSchool.text).not.toContain('after 3pm');
  });

  it('given the service asks a question, the school is sent the question and the date to answer by, and nobody else', () => {
    const s = story();
    s.lodge();
    s.refer();
    const notifications = s.ask();
    expect(who(notifications)).toEqual([['question-for-school', HEAD_EMAIL]]);
    expect(notifications[0].text).toContain('Which member of staff raised the grievance?');
    expect(notifications[0].text).toContain('Please answer by Wednesday 18 June 2025');
  });

  it('given the school answers, the school is told the service’s clock runs again, and the service is sent the answer', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.ask();
    const notifications = s.answer();
    expect(who(notifications)).toEqual([
      ['information-received-for-school', HEAD_EMAIL],
      ['information-received-for-service', 'hr-manager@county.example'],
      ['information-received-for-service', 'hr-deputy@county.example'],
    ]);
    expect(notifications[0].text).toContain("The service's deadline is running again");
    // Paused on Wednesday 4 June with 9 working days left; resumed Friday 6 June.
    expect(notifications[0].text).toContain('by Thursday 19 June 2025');
    expect(notifications[1].text).toContain('It was our deputy head, Mr Patel.');
  });

  it('given a resolution is proposed, the school is sent it, the date it is taken as accepted, and how to answer by reply', () => {
    const s = story();
    s.lodge();
    s.refer();
    const notifications = s.propose();
    expect(who(notifications)).toEqual([[RESOLUTION_PROPOSED_FOR_SCHOOL, HEAD_EMAIL]]);
    const [proposal] = notifications;
    expect(proposal.subject).toContain(REFERENCE);
    expect(proposal.text).toContain('An HR adviser will meet Mr Patel this week.');
    expect(proposal.text).toContain('reply to this email with "resolved", or with "not resolved"');
    // Five working days from Monday 9 June.
    expect(proposal.text).toContain('by Monday 16 June 2025, we will take it');
  });

  it('given a resolution is proposed at a weekend, the date it is taken as accepted counts from the Monday it is sent', () => {
    const s = story();
    s.lodge();
    s.refer();
    const [proposal] = s.propose('2025-06-14T10:00:00.000Z');
    expect(proposal.sendAfter).toBe('2025-06-16T07:00:00.000Z');
    // Five working days from Monday 16 June, when it goes and the window starts again.
    expect(proposal.text).toContain('by Monday 23 June 2025, we will take it');
  });

  it('given the school’s window starts again once the proposal was sent, the proposal is not sent twice', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.propose();
    const restarted = plan(
      {
        type: 'ClockStarted',
        data: {
          clock: 'school-confirmation',
          timing: {
            revision: 2,
            anchor: '2025-06-10T07:00:00.000Z',
            workingDays: 5,
            dueDate: '2025-06-17',
            deadline: '2025-06-17T23:00:00.000Z',
            warningAt: '2025-06-13T23:00:00.000Z',
          },
          by: system,
          at: '2025-06-10T07:00:00.000Z',
        },
      },
      s.facts(),
    );
    expect(restarted).toEqual([]);
  });

  it('given the school does not answer a proposal in time, it is told its complaint is closed as resolved', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.propose();
    // What the deadline worker records once the school's window has closed in silence.
    const at = '2025-06-16T23:00:00.000Z';
    const notifications = s.record([
      { type: 'ResolutionConfirmed', data: { deemed: true, consent: null, by: system, at } },
      {
        type: 'ClockStopped',
        data: { clock: 'school-confirmation', revision: 1, metDeadline: true, by: system, at },
      },
      { type: 'ComplaintClosed', data: { outcome: 'resolved', by: system, at } },
    ]);
    expect(who(notifications)).toEqual([
      ['resolution-confirmed-for-service', 'hr-manager@county.example'],
      ['resolution-confirmed-for-service', 'hr-deputy@county.example'],
      ['closed-for-school', HEAD_EMAIL],
    ]);
    expect(notifications[2].text).toContain('We did not hear from you by the date we gave');
    // And what to do if it was not resolved after all.
    expect(notifications[2].text).toContain(
      'If the problem has not been put right, make a new complaint',
    );
    expect(notifications[0].text).toContain('taken as accepted');
  });

  it('given more time is agreed, the school and the service hear the new date', () => {
    const s = story();
    s.lodge();
    s.refer();
    const notifications = s.act({
      type: 'AgreeExtension',
      actor: MANAGER,
      at: '2025-06-05T09:00:00.000Z',
      extraWorkingDays: 3,
      reason: 'The HR adviser is away until next week.',
      consent: CONSENT,
    });
    expect(who(notifications)).toEqual([
      ['extension-for-school', HEAD_EMAIL],
      // The manager who agreed it is not told of their own act.
      ['extension-for-service', 'hr-deputy@county.example'],
    ]);
    expect(notifications[0].text).toContain('3 more working days');
    expect(notifications[0].text).toContain('by Friday 20 June 2025');
    expect(notifications[1].subject).toBe('SG-2025-000042: 3 more working days agreed');
  });

  it('given more time is agreed while the service waits for the school, no date is promised yet', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.ask();
    const [toSchool] = s.act({
      type: 'AgreeExtension',
      actor: HEAD,
      at: '2025-06-05T09:00:00.000Z',
      extraWorkingDays: 1,
      reason: 'We need to find the letter.',
      consent: null,
    });
    expect(toSchool.text).toContain('1 more working day to resolve');
    expect(toSchool.text).toContain('counts from when the service has your answer');
  });

  it('given the council writes to the school, the school is sent its words', () => {
    const s = story();
    s.lodge();
    s.refer();
    const notifications = s.act({
      type: 'SendMessage',
      actor: MANAGER,
      at: '2025-06-04T09:00:00.000Z',
      messageId: 'm-1',
      text: 'We are looking into this and will call you tomorrow.',
    });
    expect(who(notifications)).toEqual([['message-for-school', HEAD_EMAIL]]);
    expect(notifications[0].text).toContain('We are looking into this and will call you tomorrow.');
  });

  it('given the Board upholds the complaint, the school hears so, its reasons, and by when reimbursement is settled', () => {
    const notifications = story().uphold();
    expect(who(notifications)).toEqual([
      ['board-decision-for-school', HEAD_EMAIL],
      ['board-decision-for-service', 'hr-manager@county.example'],
      ['board-decision-for-service', 'hr-deputy@county.example'],
      // The other members who may act, to propose the sum by then.
      ['board-decision-for-board', 'member@county.example'],
      ['board-decision-for-board', 'Member-2@county.example'],
    ]);
    expect(notifications[0].text).toContain('The Board has upheld your complaint');
    expect(notifications[0].text).toContain('finding a significant failure');
    expect(notifications[0].text).toContain('did not answer the school for three months');
    // Five working days from Friday 20 June: the Board's aim, approval and payment come after.
    expect(notifications[0].text).toContain('it aims to settle a sum by Friday 27 June 2025');
    expect(notifications[1].text).toContain('finding a significant failure');
    expect(notifications[3].subject).toBe(
      'SG-2025-000042: decided, a reimbursement to propose by Friday 27 June 2025',
    );
    expect(notifications[3].text).toContain(
      "The Board should propose a reimbursement of the school's fees, or close the complaint without one, by the end of Friday 27 June 2025.",
    );
  });

  it('given the Board does not uphold it, the school and the service hear it is closed, once', () => {
    const s = story();
    s.escalate();
    const notifications = s.act({
      type: 'RecordBoardDecision',
      actor: CHAIR,
      at: '2025-06-20T09:00:00.000Z',
      outcome: 'not-upheld',
      failureLevel: null,
      rationale: 'The service answered within the time the contract allows.',
    });
    expect(who(notifications)).toEqual([
      ['board-decision-for-school', HEAD_EMAIL],
      ['board-decision-for-service', 'hr-manager@county.example'],
      ['board-decision-for-service', 'hr-deputy@county.example'],
    ]);
    expect(notifications[0].text).toContain('decided not to uphold');
    expect(notifications[0].text).toContain('Your complaint is now closed.');
  });

  it('given a reimbursement is approved, the school hears the amount in pounds and when it will be paid', () => {
    const notifications = story().approve();
    const toSchool = notifications.find((n) => n.to.email === HEAD_EMAIL)!;
    expect(toSchool.kind).toBe('reimbursement-approved-for-school');
    expect(toSchool.subject).toBe('Your complaint SG-2025-000042: £500.00 to be reimbursed');
    // Twenty working days from Tuesday 24 June.
    expect(toSchool.text).toContain('We will pay it by Tuesday 22 July 2025');
    // Against the contract its fees were paid under, as the school's finance office files it.
    expect(toSchool.text).toMatch(/£500\.00 of your fees under contract \S+ for your complaint/);
  });

  it('given the reimbursement is paid, the school is sent the payment reference, the service what it cost, and no second message that it closed', () => {
    const s = story();
    s.approve();
    const notifications = s.act({
      type: 'RecordReimbursementPaid',
      actor: FINANCE,
      at: '2025-07-01T09:00:00.000Z',
      proposalId: 'proposal-1',
      method: 'bank-payment',
      paymentReference: 'BACS-778812',
      paidOn: '2025-07-01',
    });
    expect(who(notifications)).toEqual([
      ['reimbursement-paid-for-school', HEAD_EMAIL],
      ['reimbursement-paid-for-service', 'hr-manager@county.example'],
      ['reimbursement-paid-for-service', 'hr-deputy@county.example'],
    ]);
    expect(notifications[0].text).toContain('The payment reference is BACS-778812.');
    expect(notifications[0].text).toContain('by bank payment on Tuesday 1 July 2025');
    expect(notifications[0].text).toContain('Your complaint is now closed.');
    expect(notifications[1].subject).toBe('SG-2025-000042: £500.00 reimbursed to the school');
    expect(notifications[1].text).toContain(
      'Finance has paid the school £500.00 of its fees for this complaint by bank payment on Tuesday 1 July 2025, payment reference BACS-778812.',
    );
  });

  it('given the school withdraws, it and the service are told once each that it is closed', () => {
    const s = story();
    s.lodge();
    s.refer();
    const notifications = s.act({
      type: 'WithdrawComplaint',
      actor: HEAD,
      at: '2025-06-04T09:00:00.000Z',
      reason: 'Sorted out with the adviser directly.',
      consent: null,
    });
    expect(who(notifications)).toEqual([
      ['withdrawn-for-school', HEAD_EMAIL],
      ['withdrawn-for-service', 'hr-manager@county.example'],
      ['withdrawn-for-service', 'hr-deputy@county.example'],
    ]);
    // Whoever at the school withdrew it, which its contact may not have been.
    expect(notifications[0].text).toContain('has been withdrawn by your school');
    expect(notifications[0].text).not.toContain('You have withdrawn');
    expect(notifications[0].text).toContain('Sorted out with the adviser directly.');
  });

  it.each([
    [
      'rejected as out of scope',
      'RejectAsOutOfScope',
      { reason: 'It is about a school trip run by another council.' },
      'rejected-for-school',
      'another council',
    ],
    [
      'marked a duplicate',
      'MarkAsDuplicate',
      { duplicateOf: EARLIER, reason: null },
      'duplicate-for-school',
      'complaint SG-2025-000041',
    ],
    [
      'reclassified as a service request',
      'ReclassifyAsServiceRequest',
      { reason: 'The school asks for a new adviser.' },
      'reclassified-for-school',
      'The school asks for a new adviser.',
    ],
  ] as const)(
    'given triage closes the complaint as %s, the school is told why, once (and the service of a request)',
    (_, type, fields, kind, says) => {
      const s = story();
      s.lodge();
      const notifications = s.act({
        type,
        actor: SUPPORT,
        at: '2025-06-03T09:00:00.000Z',
        ...fields,
      } as ComplaintCommand);
      const reclassified = kind === 'reclassified-for-school';
      // A request goes to the service the school named, which the school is told deals with it.
      expect(who(notifications)).toEqual([
        [kind, HEAD_EMAIL],
        ...(reclassified
          ? [
              ['reclassified-for-service', 'hr-manager@county.example'],
              ['reclassified-for-service', 'hr-deputy@county.example'],
            ]
          : []),
      ]);
      expect(notifications[0].subject).toContain(REFERENCE);
      expect(notifications[0].text).toContain(says);
      if (reclassified) {
        expect(notifications[0].text).toContain('passed it to Schools HR');
        expect(notifications[1].text).toContain('The school asks for a new adviser.');
        expect(notifications[1].text).toContain('Please contact Jane Head at the school');
      }
    },
  );

  it('given files the school sent with a reply were refused, the school alone is told which and why; files staff sent refused tell no one', () => {
    const s = story();
    s.lodge();
    s.refer();
    const refused = [{ name: 'tool.exe', reason: 'Programs cannot be kept' }];
    const notifications = s.act({
      type: 'AddAttachments',
      actor: HEAD,
      at: '2025-06-03T09:00:00.000Z',
      attachments: [],
      filesNotKept: refused,
    });
    expect(who(notifications)).toEqual([['files-not-kept-for-school', HEAD_EMAIL]]);
    expect(notifications[0].subject).toBe(
      `Your complaint ${REFERENCE}: we could not keep a file you sent`,
    );
    expect(notifications[0].text).toContain('- tool.exe: Programs cannot be kept');
    expect(notifications[0].text).toContain('reply to this email with it');
    expect(
      s.act({
        type: 'AddAttachments',
        actor: SUPPORT,
        at: '2025-06-03T10:00:00.000Z',
        attachments: [],
        filesNotKept: refused,
      }),
    ).toEqual([]);
  });

  it('given the Board waives reimbursement, the school and the service hear it is closed, and why', () => {
    const s = story();
    s.uphold();
    const notifications = s.act({
      type: 'CloseWithoutReimbursement',
      actor: CHAIR,
      at: '2025-06-23T09:00:00.000Z',
      reason: 'The school has already been credited for the lost sessions.',
    });
    expect(who(notifications)).toEqual([
      ['closed-for-school', HEAD_EMAIL],
      ['closed-for-service', 'hr-manager@county.example'],
      ['closed-for-service', 'hr-deputy@county.example'],
    ]);
    expect(notifications[0].text).toContain(
      "The Board's reasons for not reimbursing your fees:\nThe school has already been credited for the lost sessions.",
    );
    expect(notifications[0].text).toContain('The Board upheld your complaint');
    // The decision's own mail went: what it said is not said again.
    expect(notifications[0].text).not.toContain("The Board's reasons for its decision");
    expect(notifications[0].text).not.toContain('significant failure');
    // Had it not gone yet, it is withdrawn, and this one says what it would have.
    const held = story(undefined, { ...audience, wasSent: () => false });
    held.uphold();
    const [closing] = held.act({
      type: 'CloseWithoutReimbursement',
      actor: CHAIR,
      at: '2025-06-23T09:00:00.000Z',
      reason: 'The school has already been credited for the lost sessions.',
    });
    expect(closing.text).toContain(
      'The Board upheld your complaint (No reply about a grievance), finding a significant failure, but decided not to reimburse any of your fees.',
    );
    expect(closing.text).toContain(
      "The Board's reasons for its decision:\nThe service did not answer the school for three months.",
    );
  });

  it('given the Board partly upheld it and waives reimbursement, the closing messages say partly upheld', () => {
    const s = story();
    s.uphold('partly-upheld');
    const notifications = s.act({
      type: 'CloseWithoutReimbursement',
      actor: CHAIR,
      at: '2025-06-23T09:00:00.000Z',
      reason: 'The school has already been credited for the lost sessions.',
    });
    expect(notifications[0].text).toContain('The Board partly upheld your complaint');
    expect(notifications[1].text).toContain('The Board partly upheld this complaint');
  });

  it('is not written to when it gave no email address', () => {
    const s = story({ name: 'By phone' });
    expect(s.lodge().map((n) => n.kind)).toEqual(['lodged-for-support', 'lodged-for-support']);
  });
});

describe('planNotifications: the council’s staff', () => {
  it('given a complaint is lodged by email, Business Support is told there is a new one to triage, by when', () => {
    const notifications = story().lodge(HEAD, 'email');
    const toSupport = notifications.filter((n) => n.kind === 'lodged-for-support');
    expect(toSupport.map((n) => n.to.email)).toEqual([
      'support-1@county.example',
      'support-2@county.example',
    ]);
    expect(toSupport[0].subject).toBe(
      'SG-2025-000042: new complaint to triage by Wednesday 4 June 2025',
    );
    expect(toSupport[0].text).toContain('A school has made a new complaint by email.');
  });

  it('given an officer lodges a school’s email they matched to it, that officer is not told of it, the others are', () => {
    const notifications = story().lodge(HEAD, 'email', DEFAULT_POLICY, SUPPORT);
    expect(who(notifications.filter((n) => n.kind === 'lodged-for-support'))).toEqual([
      ['lodged-for-support', 'support-2@county.example'],
    ]);
  });

  it('given Business Support records a complaint from a phone call, the officer who did is not told of it', () => {
    const notifications = story().lodge(SUPPORT, 'phone');
    expect(who(notifications.filter((n) => n.kind === 'lodged-for-support'))).toEqual([
      ['lodged-for-support', 'support-2@county.example'],
    ]);
  });

  /** Schools HR with Olu, one of its staff, among those who hold it. */
  const withOfficer = (officerHoldsService: boolean): Audience => ({
    ...audience,
    managersOf: (serviceId) => [
      ...audience.managersOf(serviceId),
      ...(serviceId === 'schools-hr' && officerHoldsService ? [recipient('p-officer')] : []),
    ],
  });

  it('given a case officer is assigned, the officer is told, and from then on hears what the managers hear', () => {
    const s = story(undefined, withOfficer(true));
    s.lodge();
    s.refer();
    const assigned = s.act({
      type: 'AssignCaseOfficer',
      actor: MANAGER,
      at: '2025-06-04T09:00:00.000Z',
      officerId: 'p-officer',
      officerName: 'Olu Officer',
    });
    expect(who(assigned)).toEqual([['assigned-to-officer', 'officer@county.example']]);
    expect(assigned[0].text).toContain('resolved by the end of Tuesday 17 June 2025');
    // Given to someone else, the officer hears it is theirs no more; the manager who took it
    // over hears nothing of their own act.
    const taken = s.act({
      type: 'AssignCaseOfficer',
      actor: MANAGER,
      at: '2025-06-04T10:00:00.000Z',
      officerId: MANAGER.id,
      officerName: 'Harry Lord',
    });
    expect(who(taken)).toEqual([['unassigned-from-officer', 'officer@county.example']]);
    expect(taken[0].subject).toContain('now assigned to Harry Lord');
    s.act({
      type: 'AssignCaseOfficer',
      actor: MANAGER,
      at: '2025-06-04T11:00:00.000Z',
      officerId: 'p-officer',
      officerName: 'Olu Officer',
    });
    const message = s.act({
      type: 'SendMessage',
      actor: HEAD,
      at: '2025-06-05T09:00:00.000Z',
      messageId: 'm-2',
      text: 'Mr Patel is free on Thursday.',
    });
    expect(who(message)).toEqual([
      ['message-for-service', 'hr-manager@county.example'],
      ['message-for-service', 'hr-deputy@county.example'],
      ['message-for-service', 'officer@county.example'],
    ]);
    expect(message[0].text).toContain('Mr Patel is free on Thursday.');
  });

  it('given the school names a new contact, they are told, the one replaced is told mail stops, and every later message goes to the new contact', () => {
    const s = story();
    s.lodge();
    s.refer();
    const changed = s.changeContact(
      {
        name: 'Dev Deputy',
        role: 'Deputy headteacher',
        email: 'deputy@brookside.example',
      },
      HEAD,
      '2025-06-04T09:00:00.000Z',
    );
    expect(who(changed)).toEqual([
      ['contact-changed-for-school', 'deputy@brookside.example'],
      ['contact-replaced-for-school', HEAD_EMAIL],
    ]);
    expect(changed[0].subject).toBe(`Complaint ${REFERENCE}: you are now the school’s contact`);
    expect(changed[0].text).toContain('Dear Dev Deputy,');
    expect(changed[0].text).toContain('write to you about it from now on, instead of');
    expect(changed[1].subject).toBe(`Your complaint ${REFERENCE}: we now write to Dev Deputy`);
    const message = s.serviceWrites('Could we visit on Thursday?');
    expect(who(message)).toEqual([['message-for-school', 'deputy@brookside.example']]);
    expect(message[0].text).toContain('Dear Dev Deputy,');
  });

  it('given the new contact has no email address, only the one replaced hears of it, and the school is then sent nothing', () => {
    const s = story();
    s.lodge();
    s.refer();
    const changed = s.changeContact(
      { name: 'Bea Bursar', phone: '01772 123456' },
      SUPPORT,
      '2025-06-04T09:00:00.000Z',
    );
    expect(who(changed)).toEqual([['contact-replaced-for-school', HEAD_EMAIL]]);
    const message = s.serviceWrites('Could we visit on Thursday?');
    expect(who(message)).toEqual([]);
  });

  it('given a proposal the school was never sent (its contact had no address), a new contact with one is sent it, counted from then; one already sent is not sent again', () => {
    const s = story({ name: 'Jane Head' });
    s.lodge(SUPPORT, 'phone');
    s.refer();
    expect(who(s.propose())).toEqual([]);
    const changed = s.changeContact(
      { name: 'Dev Deputy', email: 'deputy@brookside.example' },
      SUPPORT,
      '2025-06-10T09:00:00.000Z',
    );
    // One message an event to a person: the proposal, which is what they must answer.
    expect(who(changed)).toEqual([[RESOLUTION_PROPOSED_FOR_SCHOOL, 'deputy@brookside.example']]);
    const proposal = changed[0];
    expect(proposal.text).toContain('Dear Dev Deputy,');
    expect(proposal.text).toContain('An HR adviser will meet Mr Patel this week.');
    // Sent on Tuesday 10 June, 10:00 BST: five working days to answer, to Tuesday 17 June.
    expect(proposal.text).toContain('by Tuesday 17 June 2025');

    const sent = story();
    sent.lodge();
    sent.refer();
    expect(who(sent.propose())).toEqual([[RESOLUTION_PROPOSED_FOR_SCHOOL, HEAD_EMAIL]]);
    sent.proposalSent();
    const later = sent.changeContact(
      { name: 'Dev Deputy', email: 'deputy@brookside.example' },
      HEAD,
      '2025-06-10T09:00:00.000Z',
    );
    expect(who(later).map(([kind]) => kind)).not.toContain(RESOLUTION_PROPOSED_FOR_SCHOOL);
  });

  it("given the proposal's mail came back undelivered, the service and Business Support hear why and by when, and a new contact is sent the proposal", () => {
    const s = story();
    s.lodge();
    s.refer();
    s.propose();
    s.proposalSent();
    const returned = s.proposalReturned(
      '2025-06-09T09:06:00.000Z',
      '2025-06-09T09:05:00.000Z',
      '5.1.1',
    );
    expect(who(returned)).toEqual([
      ['resolution-returned-for-staff', 'hr-manager@county.example'],
      ['resolution-returned-for-staff', 'hr-deputy@county.example'],
      ['resolution-returned-for-staff', 'support-1@county.example'],
      ['resolution-returned-for-staff', 'support-2@county.example'],
    ]);
    expect(returned[0].subject).toBe(
      `${REFERENCE}: the school did not get the proposed resolution`,
    );
    expect(returned[0].text).toContain(
      'The email to Jane Head with the service’s proposed resolution came back undelivered: the address does not exist.',
    );
    // Sent Monday 9 June, 10:05 BST: five working days, to the end of Monday 16 June.
    expect(returned[0].text).toContain('has not answered by Monday 16 June 2025');
    // Nor is the dead address reminded of a proposal it never had.
    expect(s.warning('school-confirmation')).toEqual([]);

    const changed = s.changeContact(
      { name: 'Dev Deputy', email: 'deputy@brookside.example' },
      SUPPORT,
      '2025-06-10T09:00:00.000Z',
    );
    expect(who(changed)).toEqual([
      [RESOLUTION_PROPOSED_FOR_SCHOOL, 'deputy@brookside.example'],
      ['contact-replaced-for-school', HEAD_EMAIL],
    ]);
    expect(changed[0].text).toContain('An HR adviser will meet Mr Patel this week.');
  });

  it('given a new contact was recorded while the bounce was on its way, the proposal goes to them, and staff hear whose mail came back', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.propose();
    s.proposalSent();
    s.changeContact(
      { name: 'Dev Deputy', email: 'deputy@brookside.example' },
      SUPPORT,
      '2025-06-10T09:00:00.000Z',
    );
    // The outbox's second attempt at the same sending, whose first it could not record.
    const returned = s.proposalReturned(
      '2025-06-11T09:00:00.000Z',
      '2025-06-09T09:06:00.000Z',
      '5.1.10',
    );
    expect(who(returned)).toEqual([
      [RESOLUTION_PROPOSED_FOR_SCHOOL, 'deputy@brookside.example'],
      ['resolution-returned-for-staff', 'hr-manager@county.example'],
      ['resolution-returned-for-staff', 'hr-deputy@county.example'],
      ['resolution-returned-for-staff', 'support-1@county.example'],
      ['resolution-returned-for-staff', 'support-2@county.example'],
    ]);
    expect(returned[0].text).toContain('Dear Dev Deputy,');
    expect(returned[0].text).toContain('An HR adviser will meet Mr Patel this week.');
    expect(returned[1].text).toContain(
      'The email to Jane Head with the service’s proposed resolution came back undelivered: the address does not exist.',
    );
    expect(returned[1].text).toContain('It has now been emailed to Dev Deputy');
    expect(returned[1].text).not.toContain('Please contact the school another way');
  });

  it('given the case officer no longer holds the service (moved on, or disabled), they hear nothing more of the complaint, the school’s words least of all', () => {
    let holds = true;
    const s = story(undefined, {
      ...withOfficer(true),
      managersOf: (serviceId) => withOfficer(holds).managersOf(serviceId),
    });
    s.lodge();
    s.refer();
    s.act({
      type: 'AssignCaseOfficer',
      actor: MANAGER,
      at: '2025-06-04T09:00:00.000Z',
      officerId: 'p-officer',
      officerName: 'Olu Officer',
    });
    holds = false;
    const message = s.act({
      type: 'SendMessage',
      actor: HEAD,
      at: '2025-06-05T09:00:00.000Z',
      messageId: 'm-2',
      text: 'Here are the staff members’ National Insurance numbers.',
    });
    expect(who(message)).toEqual([
      ['message-for-service', 'hr-manager@county.example'],
      ['message-for-service', 'hr-deputy@county.example'],
    ]);
  });

  it('given the school writes before referral, Business Support is sent it, not the service', () => {
    const s = story();
    s.lodge();
    const notifications = s.act({
      type: 'SendMessage',
      actor: HEAD,
      at: '2025-06-02T10:00:00.000Z',
      messageId: 'm-3',
      text: 'We forgot to say: this is urgent.',
    });
    expect(who(notifications)).toEqual([
      ['message-for-support', 'support-1@county.example'],
      ['message-for-support', 'support-2@county.example'],
    ]);
  });

  it('given the school disputes a resolution in time, the service hears why and the date it must now resolve by, and the school that date', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.propose();
    const notifications = s.act({
      type: 'DisputeResolution',
      actor: HEAD,
      at: '2025-06-10T09:00:00.000Z',
      reason: 'A meeting does not answer the grievance.',
    });
    expect(who(notifications)).toEqual([
      ['resolution-disputed-for-school', HEAD_EMAIL],
      ['resolution-disputed-for-service', 'hr-manager@county.example'],
      ['resolution-disputed-for-service', 'hr-deputy@county.example'],
    ]);
    const [school, service] = notifications;
    expect(service.text).toContain('A meeting does not answer the grievance.');
    expect(service.text).toContain('by the end of Tuesday 17 June 2025');
    expect(school.subject).toBe(
      'Your complaint SG-2025-000042: back with the service, to resolve by Tuesday 17 June 2025',
    );
    expect(school.text).toContain('the service must now resolve it by Tuesday 17 June 2025');
    expect(school.text).toContain(
      "Your school told us the service's proposed resolution of your complaint (No reply about a grievance) does not resolve it.",
    );
  });

  it('given the school replies by email without saying whether it is resolved, it is told the proposal was not taken as accepted, not that it said no', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.propose();
    const [school, service] = s.act({
      type: 'ReplyFromSchool',
      actor: HEAD,
      at: '2025-06-10T09:00:00.000Z',
      messageId: 'reply-1',
      text: 'Could you call me about this on Monday?',
    });
    expect(school.kind).toBe('resolution-disputed-for-school');
    expect(school.text).toContain(
      "Your school replied to the service's proposed resolution of your complaint (No reply about a grievance) without saying that it resolves it, so we have not taken it as accepted.",
    );
    expect(school.text).not.toContain('You told us');
    // Nor is the service told the school said no.
    expect(service.text).toContain(
      'The school replied to your proposed resolution without saying that it resolves the complaint',
    );
    expect(service.text).toContain('Could you call me about this on Monday?');
    expect(service.text).not.toContain('has not accepted your proposed resolution');
  });

  it('given the school replies without saying whether it is resolved after the service’s deadline, nobody is told it disputed', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.propose('2025-06-16T09:00:00.000Z');
    const notifications = s.act({
      type: 'ReplyFromSchool',
      actor: HEAD,
      at: '2025-06-18T09:00:00.000Z',
      messageId: 'reply-1',
      text: 'Could you call me about this on Monday?',
    });
    const kinds = notifications.map((n) => n.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'escalated-to-board',
        'escalation-for-service',
        'escalation-for-school',
      ]),
    );
    for (const notification of notifications) {
      expect(notification.text).not.toMatch(/disputed|You told us/);
      if (notification.kind !== 'escalation-for-school')
        expect(notification.text).toContain(
          'the school replied to the proposed resolution after the deadline had passed, without saying that it resolves the complaint',
        );
    }
    expect(notifications.find((n) => n.kind === 'escalation-for-school')!.text).toContain(
      'without saying that it resolves it, so we have not taken it as accepted',
    );
  });

  it('given the school disputes a resolution after the service’s deadline, it is told the complaint has gone to the Board, not a date', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.propose('2025-06-16T09:00:00.000Z');
    const notifications = s.act({
      type: 'DisputeResolution',
      actor: HEAD,
      at: '2025-06-18T09:00:00.000Z',
      reason: 'A meeting does not answer the grievance.',
    });
    const toSchool = notifications.filter((n) => n.to.email === HEAD_EMAIL);
    expect(toSchool.map((n) => n.kind)).toEqual(['escalation-for-school']);
    expect(toSchool[0].text).toContain('It has been passed to the Board');
  });

  it('given the school was never sent the proposal when its window closed, the service hears it must reach the school another way', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.propose();
    const notifications = s.deadline('school-confirmation');
    expect(who(notifications)).toEqual(
      expect.arrayContaining([
        ['resolution-never-reached-school-for-service', 'hr-manager@county.example'],
        ['resolution-never-reached-school-for-service', 'hr-deputy@county.example'],
      ]),
    );
    const told = notifications.find(
      (notification) => notification.kind === 'resolution-never-reached-school-for-service',
    )!;
    expect(told.subject).toContain(REFERENCE);
    expect(told.text).toContain('contact the school another way');
    expect(told.text).toContain('could not be sent to the school');
    // A school with no address was never going to be sent it: the service is told so.
    const byPhone = story({ name: 'Bea Bursar' });
    byPhone.lodge();
    byPhone.refer();
    byPhone.propose();
    const noAddress = byPhone
      .deadline('school-confirmation')
      .find((n) => n.kind === 'resolution-never-reached-school-for-service')!;
    expect(noAddress.text).toContain("The school's contact has no email address");
    expect(noAddress.text).toContain('ask Business Support to record its answer');
    expect(noAddress.text).not.toContain('could not be sent');
    // Before the window closes the service, not the school it cannot write to, is reminded.
    const reminded = story({ name: 'Bea Bursar' });
    reminded.lodge();
    reminded.refer();
    reminded.propose();
    const warned = reminded.warning('school-confirmation');
    expect(who(warned)).toEqual([
      ['school-confirmation-warning-for-service', 'hr-manager@county.example'],
      ['school-confirmation-warning-for-service', 'hr-deputy@county.example'],
    ]);
    expect(warned[0].text).toContain('have Business Support record its answer by the end of');
  });

  it('given the school confirms the resolution, the service hears it is closed', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.propose();
    const notifications = s.act({
      type: 'ConfirmResolution',
      actor: HEAD,
      at: '2025-06-10T09:00:00.000Z',
      consent: null,
    });
    expect(who(notifications)).toEqual([
      ['resolution-confirmed-for-service', 'hr-manager@county.example'],
      ['resolution-confirmed-for-service', 'hr-deputy@county.example'],
      ['closed-for-school', HEAD_EMAIL],
    ]);
    expect(notifications[2].text).toContain(
      'Your school has confirmed that your complaint (No reply about a grievance) is resolved.',
    );
  });

  it('given a complaint is rerouted after referral, the new service is told where from, the school which service has it and by when, and the old service that it is no longer theirs; before referral, nobody', () => {
    const reroute = (s: ReturnType<typeof story>) =>
      s.act({
        type: 'RerouteComplaint',
        actor: SUPPORT,
        at: '2025-06-04T09:00:00.000Z',
        toServiceId: 'music-service',
        reason: 'It is about peripatetic music lessons.',
        relatedContractId: null,
        relatedBookingId: null,
      });
    const referred = story();
    referred.lodge();
    referred.refer();
    const before = referred.facts();
    const notifications = reroute(referred);
    expect(who(notifications)).toEqual([
      ['referred-to-service', 'music@county.example'],
      ['rerouted-for-school', HEAD_EMAIL],
      ['moved-from-service', 'hr-manager@county.example'],
      ['moved-from-service', 'hr-deputy@county.example'],
    ]);
    const [toNew, toSchool, toOld] = notifications;
    expect(toNew.subject).toBe(
      'SG-2025-000042: moved to your service, resolve by Tuesday 17 June 2025',
    );
    expect(toNew.text).toContain('moved this complaint to your service from Schools HR:');
    expect(toNew.text).toContain('peripatetic music lessons');
    expect(toSchool.subject).toBe('Your complaint SG-2025-000042 is now with Music Service');
    expect(toSchool.text).toContain('Music Service must still resolve it by Tuesday 17 June 2025');
    expect(toSchool.text).toContain(LINK);
    expect(toOld.subject).toBe('SG-2025-000042: moved from your service to Music Service');
    expect(toOld.text).toContain('peripatetic music lessons');
    // They may no longer open it: no link they would be refused at.
    expect(toOld.text).not.toContain(LINK);
    expect(toOld.html).not.toContain('/complaints/');
    // What the old service and the school were still to be sent of it, and only that, is withdrawn.
    const ended = messagesEndedBy(
      {
        type: 'ComplaintRerouted',
        data: {
          fromServiceId: 'schools-hr',
          toServiceId: 'music-service',
          reason: 'x',
          related: null,
          by: { id: SUPPORT.id, role: 'business-support' },
          at: '2025-06-04T09:00:00.000Z',
        },
      },
      before,
      audience,
    );
    expect(ended?.to).toEqual([
      'hr-manager@county.example',
      'hr-deputy@county.example',
      'music@county.example',
      HEAD_EMAIL,
    ]);
    expect(ended?.kinds).toEqual(
      expect.arrayContaining([
        'referred-to-service',
        'assigned-to-officer',
        'resolution-warning',
        'referred-for-school',
      ]),
    );
    expect(ended?.kinds).not.toContain('question-for-school');
    const lodged = story();
    lodged.lodge();
    expect(
      messagesEndedBy(
        {
          type: 'ComplaintRerouted',
          data: {
            fromServiceId: 'schools-hr',
            toServiceId: 'music-service',
            reason: 'x',
            related: null,
            by: { id: SUPPORT.id, role: 'business-support' },
            at: '2025-06-02T10:00:00.000Z',
          },
        },
        lodged.facts(),
        audience,
      ),
    ).toBeNull();
    expect(reroute(lodged)).toEqual([]);
  });

  it('given a complaint is rerouted after its service was warned, the new service is warned too, and moved back, the first is no longer told it moved away', () => {
    const s = story(undefined, audienceWith({ 'p-music': ['referred-to-service'] }));
    s.lodge();
    s.refer();
    const resolution = s.clock('resolution')!;
    s.act({
      type: 'ReachDeadline',
      actor: DEADLINE_WORKER,
      at: resolution.timing.warningAt!,
      clock: 'resolution',
      revision: resolution.timing.revision,
      timer: 'warning',
    });
    const moveTo = (toServiceId: string, at: string) =>
      s.act({
        type: 'RerouteComplaint',
        actor: SUPPORT,
        at,
        toServiceId,
        reason: 'It is about peripatetic music lessons.',
        relatedContractId: null,
        relatedBookingId: null,
      });
    // A question answered at once: the clock runs on to the same date, already warned of.
    s.act({
      type: 'RequestInformation',
      actor: MANAGER,
      at: '2025-06-16T08:00:00.000Z',
      question: 'Which member of staff?',
    });
    s.act({
      type: 'RecordInformationReceived',
      actor: HEAD,
      at: '2025-06-16T08:02:00.000Z',
      summary: 'Mr Patel.',
    });
    expect(s.clock('resolution')!.timing.dueDate).toBe(resolution.timing.dueDate);
    // Music turned off news of referrals: the warning reaches it all the same.
    const moved = moveTo('music-service', '2025-06-16T09:00:00.000Z');
    expect(who(moved)).toContainEqual(['resolution-warning', 'music@county.example']);
    expect(moved.find((n) => n.kind === 'resolution-warning')!.subject).toContain(
      'Tuesday 17 June 2025',
    );
    const before = s.facts();
    const back = {
      type: 'ComplaintRerouted' as const,
      data: {
        fromServiceId: 'music-service',
        toServiceId: 'schools-hr',
        reason: 'Back to HR after all',
        related: null,
        by: { id: SUPPORT.id, role: 'business-support' as const },
        at: '2025-06-16T10:00:00.000Z',
      },
    };
    const ended = messagesEndedBy(back, before, audience);
    expect(ended?.kinds).toContain('moved-from-service');
    expect(ended?.to).toEqual(
      expect.arrayContaining(['hr-manager@county.example', 'hr-deputy@county.example']),
    );
  });

  it('given a complaint is rerouted while the school is asked a question, the school is told the service’s deadline waits for its answer', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.ask();
    const told = s.act({
      type: 'RerouteComplaint',
      actor: SUPPORT,
      at: '2025-06-05T09:00:00.000Z',
      toServiceId: 'music-service',
      reason: 'It is about peripatetic music lessons.',
      relatedContractId: null,
      relatedBookingId: null,
    });
    const toSchool = told.find((n) => n.kind === 'rerouted-for-school')!;
    expect(toSchool.text).toContain('paused while it waits for your answer');
    expect(toSchool.text).not.toMatch(/resolve it by \w+day/);
  });

  it('given a Board member who manages the complaint’s service, they are not asked to act on it for the Board', () => {
    const managingMember: Audience = {
      ...audience,
      // Ben Board also manages the HR service: the domain will not let him decide this complaint.
      managersOf: (serviceId) =>
        serviceId === 'schools-hr'
          ? [...audience.managersOf(serviceId), recipient('p-member')]
          : audience.managersOf(serviceId),
    };
    const s = story(undefined, managingMember);
    s.uphold();
    const notifications = s.proposeSum();
    expect(who(notifications)).toEqual([
      ['reimbursement-proposed-for-board', 'Member-2@county.example'],
    ]);
  });

  it('given a Board member logged the complaint for the school, they are not asked to decide it', () => {
    const s = story();
    s.lodge(MEMBER, 'phone');
    s.refer();
    const escalated = s.deadline('resolution');
    const toBoard = who(escalated.filter((n) => n.kind === 'escalated-to-board'));
    expect(toBoard.length).toBeGreaterThan(0);
    expect(toBoard.map(([, email]) => email)).not.toContain('member@county.example');
  });

  it('given a reimbursement is proposed, the other Board members are asked to approve it, not the proposer nor one who stood aside', () => {
    const s = story();
    s.uphold();
    s.act({
      type: 'DeclareConflictOfInterest',
      actor: MEMBER_2,
      at: '2025-06-23T08:00:00.000Z',
      reason: 'My partner works for the HR service.',
    });
    const notifications = s.proposeSum();
    expect(who(notifications)).toEqual([
      ['reimbursement-proposed-for-board', 'member@county.example'],
    ]);
    // Ten working days from Monday 23 June.
    expect(notifications[0].subject).toBe(
      'SG-2025-000042: reimbursement of £500.00 to approve by Monday 7 July 2025',
    );
  });

  it('given a reimbursement is approved, finance is asked to pay the amount against its contract, by when', () => {
    const notifications = story().approve();
    const toFinance = notifications.filter((n) => n.kind === 'reimbursement-approved-for-finance');
    expect(who(toFinance)).toEqual([
      ['reimbursement-approved-for-finance', 'finance-1@county.example'],
    ]);
    expect(toFinance[0].text).toContain('£500.00 of its fees under contract C-1');
    expect(toFinance[0].text).toContain('by the end of Tuesday 22 July 2025');
  });

  it('given a person turned a kind off, they are not sent it while others still are', () => {
    const s = story(undefined, audienceWith({ 'p-hr-manager': ['referred-to-service'] }));
    s.lodge();
    expect(who(s.refer())).toEqual([
      ['referred-for-school', HEAD_EMAIL],
      ['referred-to-service', 'hr-deputy@county.example'],
    ]);
  });

  it('given a person turned off a deadline warning, it reaches them anyway: someone must act in time', () => {
    const notifications = plan(
      {
        type: 'DeadlineWarningIssued',
        data: {
          clock: 'resolution',
          revision: 1,
          dueDate: '2025-06-17',
          deadline: '2025-06-17T23:00:00.000Z',
          by: system,
          at: '2025-06-13T23:00:00.000Z',
        },
      },
      complaint,
      audienceWith({ 'p-hr-manager': ['resolution-warning'] }),
    );
    expect(who(notifications)).toEqual([
      ['resolution-warning', 'hr-manager@county.example'],
      ['resolution-warning', 'hr-deputy@county.example'],
    ]);
  });
});

describe('planNotifications: the Board deciding together', () => {
  /** Escalated under a policy whose Board decisions need two members. */
  function escalatedUnderQuorumOfTwo() {
    const s = story();
    s.lodge(HEAD, 'web-form', { ...DEFAULT_POLICY, decisionQuorum: 2 });
    s.refer();
    s.deadline('resolution');
    return s;
  }
  const decide = (actor: Actor, at: string) =>
    ({
      type: 'RecordBoardDecision',
      actor,
      at,
      outcome: 'upheld',
      failureLevel: 'significant',
      rationale: 'The service did not answer the school for three months.',
    }) as const;
  const closeWithoutReimbursement = (actor: Actor, at: string) =>
    ({ type: 'CloseWithoutReimbursement', actor, at, reason: 'An apology is enough.' }) as const;

  it('given a decision put by one member under a quorum of two, the other members who may act are asked to support it, by the Board’s date', () => {
    const s = escalatedUnderQuorumOfTwo();
    const asked = s.act(decide(CHAIR, '2025-06-20T09:00:00.000Z'));
    expect(who(asked)).toEqual([
      ['decision-support-asked-for-board', 'member@county.example'],
      ['decision-support-asked-for-board', 'Member-2@county.example'],
    ]);
    expect(asked[0].subject).toBe('SG-2025-000042: a Board decision awaits your support');
    expect(asked[0].text).toContain(
      'Ada Chair proposes that the Board upholds this complaint, finding a significant failure.',
    );
    expect(asked[0].text).toContain('The service did not answer the school for three months.');
    expect(asked[0].text).toContain(
      'The decision is recorded once 2 members, its proposer included, support it.',
    );
    // Each in a paragraph of its own.
    expect(asked[0].text).toMatch(
      /replaces it\.\n\nThe Board should decide by .*\n\nOpen the complaint:/,
    );
    // The date the escalation gave the Board.
    const byDate = /The Board should decide by the end of [^.]+\./;
    const escalation = s.all.find((n) => n.kind === 'escalated-to-board')!;
    expect(asked[0].text.match(byDate)![0]).toBe(escalation.text.match(byDate)![0]);
  });

  it('given a different decision put in place of one awaiting support, the others are asked again, told it replaces the first, and the first request still held is withdrawn', () => {
    const s = escalatedUnderQuorumOfTwo();
    s.act(decide(CHAIR, '2025-06-20T09:00:00.000Z'));
    const before = s.facts();
    const replacing: ComplaintEvent = {
      type: 'BoardDecisionProposed',
      data: {
        outcome: 'not-upheld',
        failureLevel: null,
        rationale: 'The service did what its contract asks.',
        by: { id: MEMBER.id, role: 'board-member' },
        at: '2025-06-20T10:00:00.000Z',
      },
    };
    expect(messagesEndedBy(replacing, before)?.kinds).toEqual(['decision-support-asked-for-board']);
    const asked = s.act({
      type: 'RecordBoardDecision',
      actor: MEMBER,
      at: '2025-06-20T10:00:00.000Z',
      outcome: 'not-upheld',
      failureLevel: null,
      rationale: 'The service did what its contract asks.',
    });
    expect(who(asked)).toEqual([
      ['decision-support-asked-for-board', 'chair@county.example'],
      ['decision-support-asked-for-board', 'Member-2@county.example'],
    ]);
    expect(asked[0].text).toContain(
      'It replaces the decision Ada Chair proposed, and the support that had.',
    );
    const first = s.all.find((n) => n.kind === 'decision-support-asked-for-board')!;
    expect(first.text).not.toContain('It replaces');
  });

  it('given a member has stood aside, they are not asked; once the decision is recorded, nobody is asked again', () => {
    const s = escalatedUnderQuorumOfTwo();
    s.act({
      type: 'DeclareConflictOfInterest',
      actor: MEMBER_2,
      at: '2025-06-19T09:00:00.000Z',
      reason: 'My sister teaches there.',
    });
    expect(who(s.act(decide(CHAIR, '2025-06-20T09:00:00.000Z')))).toEqual([
      ['decision-support-asked-for-board', 'member@county.example'],
    ]);
    const recorded = s.act(decide(MEMBER, '2025-06-20T10:00:00.000Z'));
    expect(recorded.map((n) => n.kind)).not.toContain('decision-support-asked-for-board');
  });

  it('given closing without a reimbursement put by one member, the others are asked to support it with the proposer’s reasons', () => {
    const s = escalatedUnderQuorumOfTwo();
    s.act(decide(CHAIR, '2025-06-20T09:00:00.000Z'));
    s.act(decide(MEMBER, '2025-06-20T10:00:00.000Z'));
    const asked = s.act(closeWithoutReimbursement(MEMBER, '2025-06-23T09:00:00.000Z'));
    expect(who(asked)).toEqual([
      ['waiver-support-asked-for-board', 'chair@county.example'],
      ['waiver-support-asked-for-board', 'Member-2@county.example'],
    ]);
    expect(asked[0].subject).toBe(
      'SG-2025-000042: closing without a reimbursement awaits your support',
    );
    expect(asked[0].text).toContain(
      'Ben Board proposes closing this upheld complaint without reimbursing the school.',
    );
    expect(asked[0].text).toContain('An apology is enough.');
    expect(asked[0].text).toContain(
      'It is closed once 2 members, its proposer included, support it.',
    );
    expect(asked[0].text).toMatch(/replaces it\.\n\nThe Board should propose/);
    expect(asked[0].text).toMatch(/by the end of \w+ \d+ \w+ 2025\./);
    const closed = s.act(closeWithoutReimbursement(MEMBER_2, '2025-06-23T10:00:00.000Z'));
    expect(closed.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['closed-for-school', 'closed-for-service']),
    );
  });

  it('given a proposal declined, the Board is told who declined it, why, and the date to propose again by; the decliner is not', () => {
    const s = story();
    s.proposeReimbursement();
    const told = s.act({
      type: 'DeclineReimbursement',
      actor: MEMBER,
      at: '2025-06-24T09:00:00.000Z',
      proposalId: 'proposal-1',
      reason: 'Too little for three months.',
    });
    expect(who(told)).toEqual([
      ['reimbursement-declined-for-board', 'chair@county.example'],
      ['reimbursement-declined-for-board', 'Member-2@county.example'],
    ]);
    expect(told[0].text).toContain(
      'Ben Board declined the proposed reimbursement of £500.00:\n\nToo little for three months.',
    );
    expect(told[0].text).toMatch(
      /three months\.\n\nThe Board should propose a reimbursement again, or close the complaint without one, by the end of \w+ \d+ July 2025\./,
    );
  });

  it('given a reimbursement proposed, the others are asked to approve it and told who proposed it', () => {
    const asked = story().proposeReimbursement();
    expect(who(asked)).toEqual([
      ['reimbursement-proposed-for-board', 'member@county.example'],
      ['reimbursement-proposed-for-board', 'Member-2@county.example'],
    ]);
    expect(asked[0].text).toContain('Ada Chair has proposed reimbursing the school £500.00');
  });

  it('given the proposer stands aside, the others are told the proposal no longer stands', () => {
    const s = story();
    s.proposeReimbursement();
    const told = s.act({
      type: 'DeclareConflictOfInterest',
      actor: CHAIR,
      at: '2025-06-24T09:00:00.000Z',
      reason: 'I found I know the head.',
    });
    expect(who(told.filter((n) => n.kind === 'reimbursement-declined-for-board'))).toEqual([
      ['reimbursement-declined-for-board', 'member@county.example'],
      ['reimbursement-declined-for-board', 'Member-2@county.example'],
    ]);
    // One message each: the lapse, saying too that two members are now too few to approve one.
    const toMember = told.filter((n) => n.to.email === 'member@county.example');
    expect(toMember.map((n) => n.kind)).toEqual(['reimbursement-declined-for-board']);
    expect(toMember[0].text).toContain('Only 2 Board members may act on it');
    const withdrawn = told.find((n) => n.kind === 'reimbursement-declined-for-board')!;
    expect(withdrawn.subject).toMatch(/reimbursement proposal withdrawn, to propose again by/);
    expect(withdrawn.text).toContain(
      'The proposed reimbursement of £500.00 no longer stands: the member who proposed it has stood aside from this complaint.',
    );
  });
});

describe('planNotifications: an acceptance set aside', () => {
  it('given the school’s "not resolved" reached the council in time but was filed after its silence was taken as acceptance, the school is told its complaint is open again', () => {
    const told = plan({
      type: 'DeemedAcceptanceSetAside',
      data: {
        receivedAt: '2025-05-07T15:00:00.000Z',
        by: { id: 'p-head', role: 'school-staff' },
        at: '2025-05-08T09:00:00.000Z',
      },
    });
    expect(who(told)).toEqual([['acceptance-set-aside-for-school', HEAD_EMAIL]]);
    expect(told[0].subject).toBe('Your complaint SG-2025-000042 is open again');
    expect(told[0].text).toContain(
      'your reply reached us on Wednesday 7 May 2025, in time, and was filed late.',
    );
  });
});

describe('planNotifications: an acceptance set aside, in a complaint’s life', () => {
  it('given the "not resolved" filed late sends the complaint back to the service, the school is told so and the date the service must now resolve by', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.propose();
    s.proposalSent();
    s.deadline('school-confirmation');
    const told = s.act({
      type: 'ReplyFromSchool',
      actor: HEAD,
      at: '2025-06-17T00:30:00.000Z',
      messageId: 'reply-1',
      text: 'Not resolved: nobody has met Mr Patel.',
      receivedAt: '2025-06-16T15:00:00.000Z',
    });
    expect(told.filter((n) => n.to.email === HEAD_EMAIL).map((n) => n.kind)).toEqual([
      'acceptance-set-aside-for-school',
      'resolution-disputed-for-school',
    ]);
    expect(told.find((n) => n.kind === 'resolution-disputed-for-school')?.text).toContain(
      'the service must now resolve it by Tuesday 17 June 2025',
    );
  });
});

describe('what a set-aside and a member standing aside withdraw of the mail still held', () => {
  it('given the deemed acceptance is set aside, every mail it planned (it closed nothing after all) is withdrawn', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.propose();
    s.proposalSent();
    const planned = s.deadline('school-confirmation').map((n) => n.kind);
    expect(planned).toContain('resolution-confirmed-for-service');
    const ended = messagesEndedBy({
      type: 'DeemedAcceptanceSetAside',
      data: {
        receivedAt: '2025-06-16T15:00:00.000Z',
        by: { id: 'p-head', role: 'school-staff' },
        at: '2025-06-17T00:30:00.000Z',
      },
    })!;
    for (const kind of planned) expect(ended.kinds).toContain(kind);
  });

  it('given the member who asked for support stands aside, the requests still held are withdrawn; another member standing aside withdraws none', () => {
    const s = story();
    s.lodge(HEAD, 'web-form', { ...DEFAULT_POLICY, decisionQuorum: 2 });
    s.refer();
    s.deadline('resolution');
    s.act({
      type: 'RecordBoardDecision',
      actor: MEMBER,
      at: '2025-06-20T18:00:00.000Z',
      outcome: 'upheld',
      failureLevel: 'significant',
      rationale: 'No answer for three months.',
    });
    const standsAside = (member: Actor): ComplaintEvent => ({
      type: 'ConflictOfInterestDeclared',
      data: {
        reason: 'I know the head.',
        by: { id: member.id, role: 'board-member' },
        at: '2025-06-20T19:00:00.000Z',
      },
    });
    expect(messagesEndedBy(standsAside(MEMBER), s.facts())?.kinds).toEqual([
      'decision-support-asked-for-board',
      'waiver-support-asked-for-board',
    ]);
    expect(messagesEndedBy(standsAside(MEMBER_2), s.facts())).toBeNull();
    const beforeAside = s.facts();
    // Those already sent it are told it no longer stands.
    const told = s.act({
      type: 'DeclareConflictOfInterest',
      actor: MEMBER,
      at: '2025-06-20T19:00:00.000Z',
      reason: 'I know the head.',
    });
    const withdrawn = told.filter((n) => n.kind === 'support-request-withdrawn-for-board');
    expect(who(withdrawn)).toEqual([
      ['support-request-withdrawn-for-board', 'chair@county.example'],
      ['support-request-withdrawn-for-board', 'Member-2@county.example'],
    ]);
    expect(withdrawn[0].subject).toBe(
      'SG-2025-000042: the decision you were asked to support no longer stands',
    );
    expect(withdrawn[0].text).toContain(
      'Ben Board has stood aside from this complaint, so the decision they proposed no longer stands, with any support it had.',
    );
    // Had the request been held (asked in the evening) and withdrawn unsent, nobody would be told
    // it no longer stands; and the note is withdrawn in its turn once the Board decides.
    const sentAnyway = plan(standsAside(MEMBER), beforeAside).filter(
      (n) => n.kind === 'support-request-withdrawn-for-board',
    );
    expect(sentAnyway).toHaveLength(2);
    const unsent = plan(standsAside(MEMBER), beforeAside, {
      ...audience,
      wasSent: () => false,
    }).filter((n) => n.kind === 'support-request-withdrawn-for-board');
    expect(unsent).toEqual([]);
    const decided: ComplaintEvent = {
      type: 'ClockStopped',
      data: {
        clock: 'board-decision',
        revision: 1,
        metDeadline: true,
        by: { id: CHAIR.id, role: 'board-member' },
        at: '2025-06-21T10:00:00.000Z',
      },
    };
    expect(messagesEndedBy(decided)?.kinds).toContain('support-request-withdrawn-for-board');
    // Two left, too few for a reimbursement under the default approval quorum: said in the same
    // message, and to Business Support in one of their own.
    expect(withdrawn[0].text).toContain('Only 2 Board members may act on it');
    expect(who(told.filter((n) => n.kind === 'board-quorum-short-for-staff'))).toEqual([
      ['board-quorum-short-for-staff', 'support-1@county.example'],
      ['board-quorum-short-for-staff', 'support-2@county.example'],
    ]);
  });
});

describe('planNotifications: a Board too small to settle a complaint', () => {
  it('given a three-member Board under the default policy, one member standing aside leaves two, too few for a reimbursement (its proposer and two approvers): the chair and Business Support are told', () => {
    const s = story();
    s.escalate();
    const told = s.act({
      type: 'DeclareConflictOfInterest',
      actor: MEMBER_2,
      at: '2025-06-19T09:00:00.000Z',
      reason: 'My sister teaches there.',
    });
    // The members still able to act, the chair, and Business Support.
    expect(who(told)).toEqual([
      ['board-quorum-short-for-staff', 'chair@county.example'],
      ['board-quorum-short-for-staff', 'member@county.example'],
      ['board-quorum-short-for-staff', 'support-1@county.example'],
      ['board-quorum-short-for-staff', 'support-2@county.example'],
    ]);
    expect(told[0].subject).toBe('SG-2025-000042: too few Board members can act on it');
    expect(told[0].text).toContain('Only 2 Board members may act on this complaint');
    expect(told[0].text).toContain(
      'A decision needs 1, and a reimbursement needs the member who proposes it and 2 more to approve it. Until more members can act, or the council changes its policy, the Board can decide this complaint, or close it without a reimbursement, but cannot approve a reimbursement on it.',
    );
  });

  it('given too few left even to decide (a quorum of three, one of three aside), Business Support is told the Board cannot decide it', () => {
    const s = story();
    s.lodge(HEAD, 'web-form', { ...DEFAULT_POLICY, decisionQuorum: 3 });
    s.refer();
    s.deadline('resolution');
    const told = s.act({
      type: 'DeclareConflictOfInterest',
      actor: MEMBER_2,
      at: '2025-06-19T09:00:00.000Z',
      reason: 'My sister teaches there.',
    });
    const toSupport = told.find((n) => n.to.email === 'support-1@county.example')!;
    expect(toSupport.text).toContain('the Board cannot decide this complaint.');
  });

  it('given a reimbursement approved, a member standing aside tells nobody: only its payment is left', () => {
    const s = story();
    s.approve();
    const told = s.act({
      type: 'DeclareConflictOfInterest',
      actor: MEMBER_2,
      at: '2025-06-25T09:00:00.000Z',
      reason: 'My sister teaches there.',
    });
    expect(told.map((n) => n.kind)).not.toContain('board-quorum-short-for-staff');
  });

  it('given enough members, nobody is told: at escalation with all three free, and under a quorum of one with one aside', () => {
    const s = story();
    const escalated = s.escalate();
    expect(escalated.map((n) => n.kind)).not.toContain('board-quorum-short-for-staff');
    const lenient = story();
    lenient.lodge(HEAD, 'web-form', { ...DEFAULT_POLICY, approvalQuorum: 1 });
    lenient.refer();
    lenient.deadline('resolution');
    const aside = lenient.act({
      type: 'DeclareConflictOfInterest',
      actor: MEMBER_2,
      at: '2025-06-19T09:00:00.000Z',
      reason: 'My sister teaches there.',
    });
    expect(aside).toEqual([]);
  });

  it('given a Board member on the complaining school’s staff, they are not asked to act, and count as not able to', () => {
    const s = story(undefined, audienceWith({}, 'p-member-2'));
    const escalated = s.escalate();
    expect(who(escalated.filter((n) => n.kind === 'escalated-to-board'))).toEqual([
      ['escalated-to-board', 'chair@county.example'],
      ['escalated-to-board', 'member@county.example'],
    ]);
    expect(escalated.find((n) => n.kind === 'escalated-to-board')!.text).toContain(
      'Only 2 Board members may act on it',
    );
  });

  it('given a Board already too small when the complaint reaches it, the escalation says so at once', () => {
    const twoMembers: Audience = {
      ...audience,
      boardMembers: () => ['p-chair', 'p-member'].map(recipient),
    };
    const s = story(undefined, twoMembers);
    const escalated = s.escalate();
    // The members who may act read it in the escalation; Business Support in a message of its own.
    expect(who(escalated.filter((n) => n.kind === 'board-quorum-short-for-staff'))).toEqual([
      ['board-quorum-short-for-staff', 'support-1@county.example'],
      ['board-quorum-short-for-staff', 'support-2@county.example'],
    ]);
    const toChair = escalated.find((n) => n.kind === 'escalated-to-board')!;
    expect(toChair.to.email).toBe('chair@county.example');
    expect(toChair.text).toContain(
      'Only 2 Board members may act on it, fewer than the Board needs: a decision needs 1, and a reimbursement needs the member who proposes it and 2 more to approve it, so the Board can decide it, or close it without a reimbursement, but cannot approve one.',
    );
    const full = story().escalate();
    expect(full.find((n) => n.kind === 'escalated-to-board')!.text).not.toContain('Only');
  });
});

describe('planNotifications: every message', () => {
  /** A complaint taken through every step there is a message for, with notes on the way. */
  function wholeStory(contact?: { name: string; email?: string }) {
    const s = story(contact);
    s.lodge();
    s.refer();
    const note = (at: string) =>
      s.act({
        type: 'AddInternalNote',
        actor: MANAGER,
        at,
        noteId: `note-${at}`,
        text: 'INTERNAL: the adviser was off sick and nobody covered.',
      });
    expect(note('2025-06-03T10:00:00.000Z')).toEqual([]);
    s.act({
      type: 'AssignCaseOfficer',
      actor: MANAGER,
      at: '2025-06-03T11:00:00.000Z',
      officerId: 'p-officer',
      officerName: 'Olu Officer',
    });
    s.ask();
    s.answer();
    note('2025-06-06T10:00:00.000Z');
    s.propose();
    s.act({
      type: 'DisputeResolution',
      actor: HEAD,
      at: '2025-06-10T09:00:00.000Z',
      reason: 'A meeting does not answer it.',
    });
    s.deadline('resolution');
    s.act({
      type: 'RecordBoardDecision',
      actor: CHAIR,
      at: '2025-06-20T09:00:00.000Z',
      outcome: 'partly-upheld',
      failureLevel: 'minor',
      rationale: 'Slow, but the service did reply in the end.',
    });
    note('2025-06-20T10:00:00.000Z');
    s.act({
      type: 'ProposeReimbursement',
      actor: CHAIR,
      at: '2025-06-23T09:00:00.000Z',
      proposalId: 'proposal-1',
      amountPence: 20_000,
      basis: {
        kind: 'contract',
        id: 'C-1',
        feesPaidPence: 200_000,
        schoolUrn: SCHOOL,
        serviceId: 'schools-hr',
        reimbursedPence: 0,
      },
      overrideReason: null,
    });
    for (const member of [MEMBER, MEMBER_2])
      s.act({
        type: 'ApproveReimbursement',
        actor: member,
        at: '2025-06-24T09:00:00.000Z',
        proposalId: 'proposal-1',
      });
    s.act({
      type: 'RecordReimbursementPaid',
      actor: FINANCE,
      at: '2025-07-01T09:00:00.000Z',
      proposalId: 'proposal-1',
      method: 'credit-note',
      paymentReference: 'CN-1',
      paidOn: '2025-07-01',
    });
    return s.all;
  }

  it('names the complaint’s reference in every subject and links its page once, as an anchor in the HTML', () => {
    const all = wholeStory();
    expect(new Set(all.map((n) => n.kind)).size).toBeGreaterThan(15);
    for (const n of all) {
      expect(n.subject).toContain(REFERENCE);
      expect(n.text.split(LINK)).toHaveLength(2);
      expect(n.html).toContain(`<a href="${LINK}" style="color: #1d70b8;">${LINK}</a>`);
      expect(n.html).toContain(`<title>${n.subject.replace(/'/g, '&#39;')}</title>`);
    }
  });

  it('sets the link apart from what happened, after a blank line, however the message ends', () => {
    const escaped = LINK.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    for (const n of wholeStory()) expect(n.text).toMatch(new RegExp(`\\n\\n[^\\n]+\\n${escaped}`));
  });

  it('greets the school’s contact in a paragraph of its own, in the text and in the HTML', () => {
    const toSchool = wholeStory().filter((n) => n.to.email === HEAD_EMAIL);
    expect(toSchool.length).toBeGreaterThan(5);
    for (const n of toSchool) {
      expect(n.text).toMatch(/^Dear Jane Head,\n\n\S/);
      expect(n.html).toMatch(/>Dear Jane Head,<\/p>/);
    }
  });

  it('never carries an internal note, in its text or its HTML', () => {
    for (const n of wholeStory()) {
      expect(n.text).not.toContain('INTERNAL');
      expect(n.html).not.toContain('INTERNAL');
    }
  });

  it('escapes what a school wrote in the HTML, and leaves the plain text as written, without entities', () => {
    const s = story({ name: 'Jo O’Brien & Co', email: HEAD_EMAIL });
    s.lodge();
    s.refer();
    const [toService] = s.act({
      type: 'SendMessage',
      actor: HEAD,
      at: '2025-06-04T09:00:00.000Z',
      messageId: 'm-4',
      text: '<script>alert("owned")</script> Smith & Sons said "no"',
    });
    expect(toService.text).toContain('<script>alert("owned")</script> Smith & Sons said "no"');
    expect(toService.html).not.toContain('<script>');
    expect(toService.html).toContain(
      '&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; Smith &amp; Sons said &quot;no&quot;',
    );
    const [toSchool] = s.act({
      type: 'SendMessage',
      actor: MANAGER,
      at: '2025-06-04T10:00:00.000Z',
      messageId: 'm-5',
      text: 'Thanks & noted.',
    });
    expect(toSchool.text).toMatch(/^Dear Jo O’Brien & Co,/);
    expect(toSchool.text).not.toMatch(/&(amp|lt|gt|quot|#\d+);/);
    expect(toSchool.html).toContain('Dear Jo O’Brien &amp; Co,');
  });

  it('keeps the school’s words on their own lines in the HTML', () => {
    const s = story();
    s.lodge();
    s.refer();
    const [question] = s.ask('First line\nSecond line');
    expect(question.html).toContain('<p style="margin: 0 0 20px 0;">First line<br>Second line</p>');
  });
});

describe('planNotifications: deadlines and escalations', () => {
  /** An escalation and the Board's clock it starts, as planned: everyone hears with the clock. */
  const escalation = (
    reason: 'resolution-deadline-missed' | 'resolution-disputed-after-deadline',
    facts = complaint,
    planAudience = audience,
  ) => {
    const escalated: ComplaintEvent = {
      type: 'ComplaintEscalated',
      data: { reason, by: system, at: '2025-05-09T23:00:00.000Z' },
    };
    const boardClock: ComplaintEvent = {
      type: 'ClockStarted',
      data: {
        clock: 'board-decision',
        timing: {
          revision: 1,
          anchor: '2025-05-09T23:00:00.000Z',
          workingDays: 20,
          dueDate: '2025-06-09',
          deadline: '2025-06-09T23:00:00.000Z',
          warningAt: '2025-06-05T23:00:00.000Z',
        },
        by: system,
        at: '2025-05-09T23:00:00.000Z',
      },
    };
    return [
      ...plan(escalated, facts, planAudience),
      ...plan(boardClock, nextFacts(COMPLAINT_ID, facts, escalated) ?? facts, planAudience),
    ];
  };

  it('an escalation at Friday midnight reaches the Board (with its date to decide by), the manager and the school on Monday at 08:00', () => {
    // The Board's clock starts in the same append, and every message waits for it.
    const notifications = escalation('resolution-deadline-missed');
    expect(who(notifications)).toEqual([
      ['escalated-to-board', 'chair@county.example'],
      ['escalated-to-board', 'member@county.example'],
      ['escalated-to-board', 'Member-2@county.example'],
      ['escalation-for-service', 'hr-manager@county.example'],
      ['escalation-for-service', 'hr-deputy@county.example'],
      ['escalation-for-school', HEAD_EMAIL],
    ]);
    expect(notifications[0].text).toContain(
      'The Board should decide by the end of Monday 9 June 2025.',
    );
    // The service and the school are told the Board's date too.
    expect(notifications[3].text).toContain('by the end of Monday 9 June 2025');
    // The Board's date is for its decision: what it may then reimburse has dates of its own.
    expect(notifications[5].text).toContain(
      'which will decide on it by the end of Monday 9 June 2025',
    );
    expect(notifications[5].text).not.toContain('reimbursement of your fees by');
    // Monday 12 May 2025 08:00 BST.
    expect(new Set(notifications.map((n) => n.sendAfter))).toEqual(
      new Set(['2025-05-12T07:00:00.000Z']),
    );
    expect(notifications[0].raisedAt).toBe('2025-05-09T23:00:00.000Z');
    expect(notifications[0].text).toContain(
      'Complaint SG-2025-000042 from Brookside Primary School: No reply about a grievance',
    );
    expect(notifications[5].text).toMatch(/^Dear Jane Head,/);
  });

  it('gives each message an id of its event, kind and recipient, so planning twice adds nothing', () => {
    const event: ComplaintEvent = {
      type: 'DeadlineMissed',
      data: {
        clock: 'triage',
        revision: 1,
        deadline: '2025-05-06T23:00:00.000Z',
        by: system,
        at: '2025-05-06T23:00:00.000Z',
      },
    };
    const first = plan(event).map((n) => n.id);
    expect(plan(event).map((n) => n.id)).toEqual(first);
    expect(new Set(first).size).toBe(2);
  });

  it('writes to each person once an event, whatever else they are', () => {
    const both: Audience = {
      ...audience,
      managersOf: () => [recipient('p-chair')],
    };
    const notifications = escalation('resolution-deadline-missed', complaint, both);
    expect(notifications.filter((n) => n.to.email === 'chair@county.example')).toHaveLength(1);
  });

  it('sends the warning of each clock to the people who must act on it, during working hours at once', () => {
    const warning = (clock: 'triage' | 'resolution' | 'board-decision') =>
      plan({
        type: 'DeadlineWarningIssued',
        data: {
          clock,
          revision: 1,
          dueDate: '2025-05-06',
          deadline: '2025-05-06T23:00:00.000Z',
          by: system,
          at: '2025-05-02T10:30:00.000Z',
        },
      });
    expect(warning('triage').map((n) => n.to.email)).toEqual([
      'support-1@county.example',
      'support-2@county.example',
    ]);
    const [resolution] = warning('resolution');
    expect(resolution).toMatchObject({
      kind: 'resolution-warning',
      to: { email: 'hr-manager@county.example' },
      subject: 'SG-2025-000042: resolve by Tuesday 6 May 2025',
      sendAfter: '2025-05-02T10:30:00.000Z',
    });
    expect(warning('board-decision').map((n) => n.kind)).toEqual([
      'board-decision-warning',
      'board-decision-warning',
      'board-decision-warning',
    ]);
  });

  it('tells the Board chair when the Board misses its own deadline', () => {
    const notifications = plan({
      type: 'DeadlineMissed',
      data: {
        clock: 'board-decision',
        revision: 1,
        deadline: '2025-06-03T23:00:00.000Z',
        by: system,
        at: '2025-06-03T23:00:00.000Z',
      },
    });
    expect(who(notifications)).toEqual([
      ['board-decision-deadline-missed', 'chair@county.example'],
    ]);
  });

  it('writes to the school only when it gave an email address, and names an unknown school by URN', () => {
    const notifications = escalation('resolution-disputed-after-deadline', {
      ...complaint,
      schoolUrn: '999999',
      contact: { name: 'By phone' },
    });
    expect(notifications.map((n) => n.kind)).not.toContain('escalation-for-school');
    expect(notifications[0].text).toContain('from school URN 999999');
    expect(notifications[0].text).toContain(
      'the school disputed the resolution after the deadline',
    );
  });

  it('plans nothing for events people are not told of here', () => {
    expect(
      plan({
        type: 'ClockStopped',
        data: {
          clock: 'resolution',
          revision: 1,
          metDeadline: true,
          by: system,
          at: '2025-05-02T10:00:00.000Z',
        },
      }),
    ).toEqual([]);
  });

  it('tells the school and the service when the school’s reply window lapses, with the date the service now works to', () => {
    const s = story();
    s.lodge();
    s.refer();
    s.ask();
    const notifications = s.deadline('school-reply');
    expect(who(notifications)).toEqual([
      ['school-reply-lapsed-for-school', HEAD_EMAIL],
      ['school-reply-lapsed-for-service', 'hr-manager@county.example'],
      ['school-reply-lapsed-for-service', 'hr-deputy@county.example'],
    ]);
    expect(notifications[0].text).toMatch(/carrying on without your answer/);
    const resumed = s.clock('resolution')!;
    expect(resumed.status).toBe('running');
    const dueDate = longDate(resumed.timing.dueDate);
    for (const mail of notifications) expect(mail.text).toContain(`by the end of ${dueDate}`);
  });

  it.each([
    ['school-reply', 'school-reply-warning', [HEAD_EMAIL]],
    ['school-confirmation', 'school-confirmation-warning', [HEAD_EMAIL]],
    [
      'reimbursement-proposal',
      'reimbursement-proposal-warning',
      ['chair@county.example', 'member@county.example', 'Member-2@county.example'],
    ],
    [
      'reimbursement-approval',
      'reimbursement-approval-warning',
      ['chair@county.example', 'member@county.example', 'Member-2@county.example'],
    ],
    ['reimbursement-payment', 'reimbursement-payment-warning', ['finance-1@county.example']],
  ] as const)('warns whoever must act before the %s deadline', (clock, kind, to) => {
    const notifications = plan({
      type: 'DeadlineWarningIssued',
      data: {
        clock,
        revision: 1,
        dueDate: '2025-05-21',
        deadline: '2025-05-21T23:00:00.000Z',
        by: system,
        at: '2025-05-19T23:00:00.000Z',
      },
    });
    expect(who(notifications)).toEqual(to.map((email) => [kind, email]));
    expect(notifications[0].text).toContain('Wednesday 21 May 2025');
  });

  it.each([
    ['reimbursement-proposal', ['chair@county.example']],
    ['reimbursement-approval', ['chair@county.example']],
    ['reimbursement-payment', ['finance-1@county.example']],
  ] as const)('tells who must act when the %s deadline is missed', (clock, to) => {
    const notifications = plan({
      type: 'DeadlineMissed',
      data: {
        clock,
        revision: 1,
        deadline: '2025-05-21T23:00:00.000Z',
        by: system,
        at: '2025-05-21T23:00:00.000Z',
      },
    });
    expect(who(notifications)).toEqual(to.map((email) => [`${clock}-deadline-missed`, email]));
  });

  it('tells the members who may act when the only chair stood aside, and the chair when none may', () => {
    const missed = (facts: typeof complaint) =>
      who(
        plan(
          {
            type: 'DeadlineMissed',
            data: {
              clock: 'reimbursement-proposal',
              revision: 1,
              deadline: '2025-05-21T23:00:00.000Z',
              by: system,
              at: '2025-05-21T23:00:00.000Z',
            },
          },
          facts,
        ),
      ).map(([, email]) => email);
    expect(missed({ ...complaint, recused: ['p-chair'] })).toEqual([
      'member@county.example',
      'Member-2@county.example',
    ]);
    const everyone = audience.boardMembers().flatMap((member) => member.personId ?? []);
    expect(missed({ ...complaint, recused: everyone })).toEqual(['chair@county.example']);
  });
});

describe('the templates’ paragraphs', () => {
  it.each([true, false])(
    'keep the dispute (unclear: %s) and the new date in paragraphs of their own',
    (unclear) => {
      const message = writer.write('resolution-disputed-for-school', 'https://x.example/c/1', {
        reference: REFERENCE,
        summary: 'Late advice',
        contactName: 'Jane Head',
        unclear,
        dueDate: '2025-06-04',
      });
      expect(message.text).toMatch(/back with it\.\n\nUnder our service guarantee/);
      expect(message.html).toMatch(/back with it\.<\/p>\s*<p[^>]*>Under our service guarantee/);
    },
  );
});
