import { decide } from '../decide';
import { type ComplaintCommand } from '../commands';
import { type ComplaintEvent } from '../events';
import { type OpenComplaint } from '../state';
import {
  ANSWERED_AT,
  reachDeadline,
  recordResolutionSent,
  proposeResolution,
  BOARD_A,
  commandBuilder,
  escalated,
  HEAD,
  HEAD_BY,
  informationRequested,
  lodged,
  MANAGER,
  OTHER_HEAD,
  referred,
  resolutionProposed,
  SUPPORT,
  withdrawn,
} from '../testing/fixtures';
import { andThen, context, fold, given, itConflicts, itForbids } from '../testing/given-when-then';
import { resolutionAnswerIn } from './school-reply';

const replyFromSchool = commandBuilder('ReplyFromSchool', {
  actor: HEAD,
  at: ANSWERED_AT,
  messageId: 'mail-1',
  text: 'We have the dates now: 3, 10 and 17 March.',
});

/** What the same history decides for the command a person would have chosen on the page. */
const decidedAs = (history: ComplaintEvent[], command: ComplaintCommand) =>
  decide(command, fold(history), context);

describe('ReplyFromSchool', () => {
  it('while the service waits for the school, the reply is the answer: the clock runs again', () => {
    const history = informationRequested();
    const reply = replyFromSchool();
    given(...history)
      .when(reply)
      .then(
        ...decidedAs(history, {
          type: 'RecordInformationReceived',
          actor: HEAD,
          at: ANSWERED_AT,
          summary: reply.text,
        }),
      );
    given(...history)
      .when(reply)
      .thenMatch(
        { type: 'InformationReceived', data: { summary: reply.text } },
        { type: 'ClockStopped', data: { clock: 'school-reply' } },
        { type: 'ClockResumed', data: { clock: 'resolution' } },
      );
  });

  it('while the service waits for the school, an email replying to the question’s mail, or to the service’s message since, is the answer; a new email, or one replying to another mail or an earlier question, is a message', () => {
    const history = informationRequested();
    const state = fold(history);
    const askedAt = state.exists ? state.clocks['school-reply']!.timing.anchor : '';
    const after = new Date(Date.parse(askedAt) + 60_000).toISOString();
    const before = new Date(Date.parse(askedAt) - 86_400_000).toISOString();
    for (const mail of ['question', 'message'] as const)
      given(...history)
        .when(replyFromSchool({ answering: { mail, sentAt: after } }))
        .thenMatch(
          { type: 'InformationReceived' },
          { type: 'ClockStopped', data: { clock: 'school-reply' } },
          { type: 'ClockResumed', data: { clock: 'resolution' } },
        );
    for (const answering of [
      { mail: 'other', sentAt: after },
      { mail: 'question', sentAt: before },
      'no-mail-of-ours',
    ] as const) {
      const reply = replyFromSchool({ answering, text: 'Thanks for letting me know.' });
      given(...history)
        .when(reply)
        .thenMatch({ type: 'MessageSent', data: { text: reply.text } });
    }
  });

  it('an answer that waited to be filed counts from when it came: the service gets no days for the wait', () => {
    const history = informationRequested();
    // It came on Friday 2 May; Business Support filed it on Wednesday 7 May.
    const filedLate = replyFromSchool({ at: '2025-05-07T09:00:00.000Z', receivedAt: ANSWERED_AT });
    const asItCame = given(...history)
      .when(replyFromSchool())
      .events();
    given(...history)
      .when(filedLate)
      .then(
        {
          type: 'InformationReceived',
          data: {
            summary: filedLate.text,
            receivedAt: ANSWERED_AT,
            by: asItCame[0].data.by,
            at: '2025-05-07T09:00:00.000Z',
          },
        },
        ...asItCame.slice(1),
      );
    // One received "later" than it was filed is taken as filed.
    given(...history)
      .when(replyFromSchool({ receivedAt: '2025-05-09T09:00:00.000Z' }))
      .then(...asItCame);
    // One written before the question was asked (a chaser that waited to be filed) is a message.
    const asked = (fold(history) as OpenComplaint).clocks['school-reply']!.timing.anchor;
    given(...history)
      .when(replyFromSchool({ receivedAt: new Date(Date.parse(asked) - 60_000).toISOString() }))
      .thenMatch({ type: 'MessageSent' });
  });

  it('an answer that came in time but was filed after the window lapsed is the answer: the service’s time counts from it', () => {
    // The window closed at the end of Thu 8 May; the answer came on Fri 2 May and waited in the
    // matching queue until Tue 13 May. After the lapse, the service had until Wed 21 May.
    const lapsed = andThen(
      informationRequested(),
      reachDeadline('school-reply', '2025-05-09T07:00:00.000Z'),
    );
    const filedAt = '2025-05-13T09:00:00.000Z';
    given(...lapsed)
      .when(replyFromSchool({ at: filedAt, receivedAt: ANSWERED_AT }))
      .thenMatch(
        { type: 'InformationReceived', data: { receivedAt: ANSWERED_AT, at: filedAt } },
        { type: 'ClockResumed', data: { clock: 'resolution', timing: { anchor: ANSWERED_AT } } },
      );
    // One that came after the window closed, or before the question, is a message.
    for (const receivedAt of ['2025-05-09T07:00:00.000Z', '2025-04-23T12:00:00.000Z'])
      given(...lapsed)
        .when(replyFromSchool({ at: filedAt, receivedAt }))
        .thenMatch({ type: 'MessageSent' });
  });

  it('"Not resolved" on a proposed resolution is the school\'s dispute, its words the reason', () => {
    const history = resolutionProposed();
    const reply = replyFromSchool({ text: 'Not resolved.\nThe lessons were not rescheduled.' });
    given(...history)
      .when(reply)
      .then(
        ...decidedAs(history, {
          type: 'DisputeResolution',
          actor: HEAD,
          at: ANSWERED_AT,
          reason: reply.text,
        }),
      );
  });

  it('"Resolved" on a proposed resolution keeps the words as a message and confirms it', () => {
    const history = resolutionProposed();
    given(...history)
      .when(replyFromSchool({ text: 'RESOLVED - thank you for sorting it out' }))
      .thenMatch(
        { type: 'MessageSent', data: { from: 'school', messageId: 'mail-1' } },
        { type: 'ResolutionConfirmed', data: { deemed: false, consent: null } },
        { type: 'ClockStopped', data: { clock: 'school-confirmation' } },
        { type: 'ComplaintClosed', data: { outcome: 'resolved' } },
      );
  });

  it('"Resolved" from a sender nobody can vouch for, filed by Business Support, is a message: it confirms nothing', () => {
    const history = resolutionProposed();
    given(...history)
      .when(replyFromSchool({ text: 'Resolved, thanks.', unverifiedSender: true }))
      .thenMatch({ type: 'MessageSent', data: { from: 'school', messageId: 'mail-1' } });
    // Its "not resolved" keeps the complaint open, as the school's own would.
    const disputed = decide(
      replyFromSchool({ text: 'Not resolved.', unverifiedSender: true }),
      fold(history),
      context,
    );
    expect(disputed.map((event) => event.type)).toContain('ResolutionDisputed');
    // Nor does its answer to the service's question start the service's clock again.
    given(...informationRequested())
      .when(replyFromSchool({ unverifiedSender: true }))
      .thenMatch({ type: 'MessageSent', data: { from: 'school', messageId: 'mail-1' } });
  });

  it('anything else on a proposed resolution is no acceptance: the school was heard, and the service takes it back with its words', () => {
    // The mail promised to close the complaint only if the council did not hear from the school.
    // Only one of them says it is not resolved: the others are marked as saying neither, so the
    // school is not told it said what it did not.
    for (const [text, unclear] of [
      ['Could you call me about this on Monday?', true],
      [
        "I'm afraid this is not resolved: only two of the six lessons have been rescheduled.",
        false,
      ],
      ['Thank you for your email. I am out of the office until Monday 4 January.', true],
      ['Resolved, but the invoice is still wrong', true],
    ] as const) {
      const history = resolutionProposed();
      given(...history)
        .when(replyFromSchool({ text }))
        .then(
          ...decidedAs(history, {
            type: 'DisputeResolution',
            actor: HEAD,
            at: ANSWERED_AT,
            reason: text,
            ...(unclear ? { unclear } : {}),
          }),
        );
      expect(
        given(...history)
          .when(replyFromSchool({ text }))
          .events()[0].data,
      ).toEqual(
        unclear
          ? expect.objectContaining({ unclear: true })
          : expect.not.objectContaining({ unclear: true }),
      );
    }
  });

  it('a reply received before what it would answer was asked (filed late) is a message: it neither answers the question nor the proposal', () => {
    const early = (at: string) =>
      replyFromSchool({
        at: '2025-05-05T09:00:00.000Z',
        receivedAt: at,
        text: 'Not resolved yet - we are still waiting to hear from anyone.',
      });
    // The proposal was made on 29 April; this was written on 25 April.
    given(...resolutionProposed())
      .when(early('2025-04-25T10:00:00.000Z'))
      .thenMatch({ type: 'MessageSent', data: { from: 'school' } });
    const asked = informationRequested();
    const askedAt = (fold(asked) as OpenComplaint).clocks['school-reply']!.timing.anchor;
    given(...asked)
      .when(early(new Date(Date.parse(askedAt) - 3_600_000).toISOString()))
      .thenMatch({ type: 'MessageSent', data: { from: 'school' } });
    // Received after it was asked, it answers as ever.
    given(...resolutionProposed())
      .when(early('2025-04-30T10:00:00.000Z'))
      .thenMatch(
        { type: 'ResolutionDisputed' },
        { type: 'ClockStopped', data: { clock: 'school-confirmation' } },
        { type: 'ComplaintReopened' },
        { type: 'ClockStarted', data: { clock: 'resolution' } },
      );
  });

  it('in any other open state the reply is a message from the school', () => {
    for (const history of [lodged(), referred(), escalated()]) {
      // After lodged()'s triage deadline, whose miss is recorded first.
      expect(
        given(...history)
          .when(replyFromSchool())
          .events()
          .at(-1),
      ).toMatchObject({
        type: 'MessageSent',
        data: { from: 'school', text: replyFromSchool().text, messageId: 'mail-1' },
      });
    }
  });

  itForbids(
    '%s may not reply as the school',
    informationRequested(),
    (actor) => replyFromSchool({ actor }),
    {
      "another school's staff": OTHER_HEAD,
      'the service manager': MANAGER,
      'Business Support': SUPPORT,
      'a Board member': BOARD_A,
    },
  );

  itConflicts(
    'is refused on a closed complaint (%s), so the mail can be matched by a person instead',
    { withdrawn: withdrawn(referred()) },
    replyFromSchool(),
    'COMPLAINT_CLOSED',
  );

  describe('filed after the school’s window closed and its silence was taken as acceptance', () => {
    /** Wed 7 May ended without an answer on file; the complaint closed as resolved. */
    const deemedAccepted = () => {
      const sent = andThen(resolutionProposed(), recordResolutionSent());
      const { timing } = (fold(sent) as OpenComplaint).clocks['school-confirmation']!;
      return andThen(sent, reachDeadline('school-confirmation', timing.deadline, timing.revision));
    };
    /** Thursday 8 May 2025, 10:00 BST: Business Support files the waiting reply. */
    const FILED_AT = '2025-05-08T09:00:00.000Z';
    /** Wednesday 7 May 2025, 16:00 BST: when the reply reached the council. */
    const IN_TIME = '2025-05-07T15:00:00.000Z';
    const notResolved = (receivedAt: string | undefined) =>
      replyFromSchool({
        at: FILED_AT,
        receivedAt,
        text: 'Not resolved.\nThe lessons were never rescheduled.',
      });

    it('a "not resolved" received before the window closed sets the acceptance aside and is the dispute it was: past the service’s deadline, to the Board', () => {
      const history = deemedAccepted();
      expect(fold(history)).toMatchObject({
        status: 'closed',
        deemedAcceptedAt: (fold(history) as OpenComplaint).clocks['school-confirmation']!.timing
          .deadline,
      });
      given(...history)
        .when(notResolved(IN_TIME))
        .thenMatch(
          { type: 'DeemedAcceptanceSetAside', data: { receivedAt: IN_TIME, at: FILED_AT } },
          {
            type: 'ResolutionDisputed',
            data: { reason: 'Not resolved.\nThe lessons were never rescheduled.' },
          },
          { type: 'ComplaintEscalated', data: { reason: 'resolution-disputed-after-deadline' } },
          { type: 'ClockStarted', data: { clock: 'board-decision' } },
        );
      const after = andThen(history, notResolved(IN_TIME));
      expect(fold(after)).toMatchObject({
        status: 'escalated',
        closure: null,
        deemedAcceptedAt: null,
      });
    });

    it('received after the window closed, or with no time of receipt, it is refused as before: the complaint is closed', () => {
      for (const receivedAt of [
        (fold(deemedAccepted()) as OpenComplaint).deemedAcceptedAt!,
        FILED_AT,
        undefined,
      ])
        given(...deemedAccepted())
          .when(notResolved(receivedAt))
          .thenFails('COMPLAINT_CLOSED', 'conflict');
    });

    it('received in time saying plainly "resolved", it sets nothing aside; anything else received in time does', () => {
      given(...deemedAccepted())
        .when(replyFromSchool({ at: FILED_AT, receivedAt: IN_TIME, text: 'Resolved, thank you.' }))
        .thenFails('COMPLAINT_CLOSED', 'conflict');
      given(...deemedAccepted())
        .when(
          replyFromSchool({
            at: FILED_AT,
            receivedAt: IN_TIME,
            text: 'Could you call me on Monday?',
          }),
        )
        .thenMatch(
          { type: 'DeemedAcceptanceSetAside', data: { receivedAt: IN_TIME } },
          { type: 'ResolutionDisputed', data: { reason: 'Could you call me on Monday?' } },
          { type: 'ComplaintEscalated', data: { reason: 'resolution-disputed-after-deadline' } },
          { type: 'ClockStarted', data: { clock: 'board-decision' } },
        );
    });

    it('an answer received before this proposal was made (while the service worked, or to an earlier proposal) sets nothing aside', () => {
      // Friday 25 April: the service was still working on it; the proposal came on 29 April.
      given(...deemedAccepted())
        .when(notResolved('2025-04-25T10:00:00.000Z'))
        .thenFails('COMPLAINT_CLOSED', 'conflict');
      // A first proposal on 22 April, disputed on 23 April; a second on 29 April, taken as
      // accepted; a copy of the 23 April answer, from another address, filed on 8 May.
      const first = andThen(referred(), proposeResolution({ at: '2025-04-22T09:00:00.000Z' }));
      const disputed = andThen(
        first,
        replyFromSchool({ at: '2025-04-23T09:00:00.000Z', text: 'Not resolved.' }),
      );
      const second = andThen(
        andThen(disputed, proposeResolution({ at: '2025-04-29T14:00:00.000Z' })),
        recordResolutionSent(),
      );
      const { timing } = (fold(second) as OpenComplaint).clocks['school-confirmation']!;
      const deemed = andThen(
        second,
        reachDeadline('school-confirmation', timing.deadline, timing.revision),
      );
      given(...deemed)
        .when(notResolved('2025-04-23T08:00:00.000Z'))
        .thenFails('COMPLAINT_CLOSED', 'conflict');
    });

    it('a school that confirmed it (not silence) is not reopened by a later reply dated earlier', () => {
      const confirmed = andThen(
        resolutionProposed(),
        replyFromSchool({ at: '2025-05-06T09:00:00.000Z', text: 'Resolved, thank you.' }),
      );
      given(...confirmed)
        .when(notResolved(IN_TIME))
        .thenFails('COMPLAINT_CLOSED', 'conflict');
    });

    itForbids(
      '%s may not set the acceptance aside for the school',
      deemedAccepted(),
      (actor) => ({ ...notResolved(IN_TIME), actor }),
      { "another school's staff": OTHER_HEAD, 'Business Support': SUPPORT },
    );
  });

  it('an empty reply is refused, naming the text', () => {
    given(...referred())
      .when(replyFromSchool({ text: '   ' }))
      .thenFails('FIELD_REQUIRED');
  });
});

describe('SendMessage by the school on its page', () => {
  const sendMessage = commandBuilder('SendMessage', {
    actor: HEAD,
    at: ANSWERED_AT,
    messageId: 'page-1',
    text: 'Could you call me on Monday to talk this through?',
  });

  it('while a proposed resolution waits for its answer, is read as its email would be', () => {
    const history = resolutionProposed();
    for (const text of ['Could you call me on Monday?', 'Resolved, thank you.', 'Not resolved.'])
      given(...history)
        .when(sendMessage({ text }))
        .then(
          ...decidedAs(history, {
            type: 'ReplyFromSchool',
            actor: HEAD,
            at: ANSWERED_AT,
            messageId: 'page-1',
            text,
          }),
        );
    given(...history)
      .when(sendMessage())
      .thenMatch(
        { type: 'ResolutionDisputed', data: { unclear: true } },
        { type: 'ClockStopped', data: { clock: 'school-confirmation' } },
        { type: 'ComplaintReopened' },
        { type: 'ClockStarted', data: { clock: 'resolution' } },
      );
  });

  it('while the service waits for its answer to a question, is that answer: the clock runs again', () => {
    const history = informationRequested();
    given(...history)
      .when(sendMessage({ text: 'It was on 3 November at 10am.' }))
      .then(
        ...decidedAs(history, {
          type: 'ReplyFromSchool',
          actor: HEAD,
          at: ANSWERED_AT,
          messageId: 'page-1',
          text: 'It was on 3 November at 10am.',
        }),
      );
    given(...history)
      .when(sendMessage({ text: 'It was on 3 November at 10am.' }))
      .thenMatch(
        { type: 'InformationReceived', data: { summary: 'It was on 3 November at 10am.' } },
        { type: 'ClockStopped', data: { clock: 'school-reply' } },
        { type: 'ClockResumed', data: { clock: 'resolution' } },
      );
    // The council writing meanwhile is a message: only the school's answer moves the clock.
    given(...history)
      .when(sendMessage({ actor: MANAGER }))
      .thenMatch({ type: 'MessageSent', data: { from: 'council' } });
  });

  it('is not sent twice: the same words from the same person within ten minutes are refused', () => {
    const sent = {
      type: 'MessageSent' as const,
      data: {
        messageId: 'page-0',
        from: 'school' as const,
        text: 'Could you call me on Monday to talk this through?',
        by: HEAD_BY,
        at: '2025-04-22T09:55:00.000Z',
      },
    };
    given(...referred(), sent)
      .when(
        sendMessage({
          at: '2025-04-22T10:00:00.000Z',
          text: ' Could you call me on Monday to talk this through? ',
        }),
      )
      .thenFails('MESSAGE_ALREADY_SENT', 'conflict');
    // Other words, another person, or the same words later: each is a message.
    given(...referred(), sent)
      .when(sendMessage({ at: '2025-04-22T10:00:00.000Z', text: 'And on Tuesday?' }))
      .thenMatch({ type: 'MessageSent' });
    given(...referred(), sent)
      .when(sendMessage({ at: '2025-04-22T10:00:00.000Z', actor: MANAGER }))
      .thenMatch({ type: 'MessageSent', data: { from: 'council' } });
    given(...referred(), sent)
      .when(sendMessage({ at: '2025-04-22T10:05:00.000Z' }))
      .thenMatch({ type: 'MessageSent' });
    // The school's answer to a question, sent again as a message, is its words too.
    const answered = {
      type: 'InformationReceived' as const,
      data: { summary: 'It was on 3 November at 10am.', by: HEAD_BY, at: ANSWERED_AT },
    };
    given(...informationRequested(), answered)
      .when(sendMessage({ text: 'It was on 3 November at 10am.' }))
      .thenFails('MESSAGE_ALREADY_SENT', 'conflict');
    // Nor its dispute of a proposal, which its message became.
    const disputed = decidedAs(resolutionProposed(), sendMessage());
    expect(disputed.map((event) => event.type)).toContain('ResolutionDisputed');
    given(...resolutionProposed(), ...disputed)
      .when(sendMessage())
      .thenFails('MESSAGE_ALREADY_SENT', 'conflict');
  });

  it('takes the same words again as the answer to a question asked since', () => {
    const minutesBefore = (minutes: number) =>
      new Date(Date.parse(ANSWERED_AT) - minutes * 60_000).toISOString();
    const earlier = {
      type: 'MessageSent' as const,
      data: {
        messageId: 'page-0',
        from: 'school' as const,
        text: 'Please see the attached timetable.',
        by: HEAD_BY,
        at: minutesBefore(5),
      },
    };
    given(...informationRequested([...referred(), earlier], minutesBefore(2)))
      .when(sendMessage({ text: 'Please see the attached timetable.' }))
      .thenMatch(
        { type: 'InformationReceived' },
        { type: 'ClockStopped' },
        { type: 'ClockResumed' },
      );
  });

  it('at any other stage, or from the council, is a message', () => {
    given(...referred())
      .when(sendMessage())
      .then({
        type: 'MessageSent',
        data: {
          messageId: 'page-1',
          from: 'school',
          text: 'Could you call me on Monday to talk this through?',
          by: HEAD_BY,
          at: ANSWERED_AT,
        },
      });
    given(...resolutionProposed())
      .when(sendMessage({ actor: MANAGER }))
      .thenMatch({ type: 'MessageSent', data: { from: 'council' } });
  });
});

describe('resolutionAnswerIn', () => {
  it.each([
    ['Resolved', 'resolved'],
    ['  resolved, thanks', 'resolved'],
    ['\n\nRESOLVED', 'resolved'],
    ['Not resolved', 'not-resolved'],
    ['NOT   RESOLVED: nothing has changed', 'not-resolved'],
    ['Unresolved', 'not-resolved'],
    ['It is not resolved', 'not-resolved'],
    ['No, not resolved.', 'not-resolved'],
    ['No - this is not resolved', 'not-resolved'],
    [
      "I'm afraid this is not resolved: only two of the six lessons were rescheduled.",
      'not-resolved',
    ],
    ['This still hasn’t been resolved', 'not-resolved'],
    ['Not yet resolved', 'not-resolved'],
    [
      'Hello,\n\nThank you for your letter.\nSadly the matter is not fully resolved.',
      'not-resolved',
    ],
    ['Yes, resolved, thank you', 'resolved'],
    ['Nothing more to add: resolved', null],
    ['Is this resolved?', null],
    ['Resolvedly odd', null],
    ['', null],
    // Asked or denied on the answer's own line: a message, never a confirmation.
    ['Resolved? No - nobody called us on Monday or any other day.', null],
    ['Resolved - not really, the adviser never came', null],
    ['Resolved, nothing has changed', null],
    // After a greeting, the next line is the answer.
    ['Hi,\n\nNot resolved - the lessons were not rescheduled.', 'not-resolved'],
    ['Dear Sam Adviser\nResolved, thank you.', 'resolved'],
    ['Good morning!\nResolved.', 'resolved'],
    ['Hi, is this resolved yet?', null],
    // Said plainly, with thanks, then a signature or more paragraphs: a confirmation.
    ['Resolved now - many thanks!\n\nAisha\nHeadteacher', 'resolved'],
    ['RESOLVED. Thank you very much', 'resolved'],
    ['Resolved\n\nThe adviser called on Monday and all is well.', 'resolved'],
    // Held back, in part or for some: a message, never a confirmation.
    ['Resolved for Mrs Jones only. Mr Patel is still on point 3.', null],
    ['Resolved, but the invoice is still wrong', null],
    ['Resolved except for the January lessons', null],
    ['Partly resolved', null],
    ['Resolved mostly', null],
    ['Resolved.\nApart from the refund, which has not come.', null],
    ['Resolved as far as the lessons go', null],
    // A signature below the answer holds nothing back, whatever it says.
    [
      'Resolved, thank you.\nMrs J Smith\nHeadteacher\nPlease note I do not work on Fridays',
      'resolved',
    ],
    ['Resolved\nJane Smith\nHeadteacher\nI am not in on Fridays', 'resolved'],
    // Under the signature, a postscript is the school's words again.
    ["Resolved, thanks\n\nSiân\n\nP.S. the refund hasn't arrived", null],
    ['Resolved, thanks\nSiân\nPS still waiting on the refund', null],
    ['Resolved\n\nKind regards,\nSiân\nBursar\n\nPPS: not the invoice though', null],
    ['Resolved, thanks\n\nKind regards,\nSiân\nBursar\n\nPS: great work', 'resolved'],
    // A job title, or an initial, is no postscript, nor is the footer after one.
    ['Resolved, thanks\n\nP. Sharma\nBursar\nNot in on Fridays', 'resolved'],
    ['Resolved, thanks\n\nJane Smith\nPS  To the Head\n\nDo not copy.', 'resolved'],
    ['Resolved, thanks\n\nJane Smith\nPS for the Head\n\nDo not copy.', 'resolved'],
    [
      'Resolved, thanks\n\nJane Smith\nPS to the Headteacher\n\nIf you are not the intended recipient, do not copy or use this email.',
      'resolved',
    ],
    [
      'Resolved, thanks\n\nJane\n\nP.S. See you at the cluster meeting.\n\nThis email is confidential: if it is not for you, do not read it.',
      'resolved',
    ],
    ['Resolved.\nKind regards,\nJane (not in on Fridays)', 'resolved'],
    ['Resolved\nnot really', null],
    ['Resolved\nNot Really', null],
    // Acceptances as schools write them (a service manager's trial).
    ['Thank you, this is now resolved.\n\nKind regards\nAisha Greenwood', 'resolved'],
    ['Yes, this is resolved. Many thanks', 'resolved'],
    ['All resolved now, thanks', 'resolved'],
    ['Resolved - no further action needed', 'resolved'],
    ['Problem resolved – thanks', 'resolved'],
    ["It's resolved", 'resolved'],
    ['Great, the issue has been resolved. Thank you!', 'resolved'],
    // Still held back, asked or denied.
    ['Thank you, this is resolved for now but we may need more help', null],
    ['Thanks - is this resolved?', null],
    ['This is resolved, no thanks to the adviser', null],
    ['It is resolved partly', null],
    ['Thank you, but this is not resolved', 'not-resolved'],
    ['No further action needed - resolved, thanks', 'resolved'],
    // What follows the thanks, or a past "was", holds it back (the review's phrasings).
    ['The matter is resolved, thank you, subject to the refund we discussed being paid', null],
    ['All resolved now, thanks. Will confirm once the credit note arrives.', null],
    ['Everything resolved, thanks - please call me to discuss compensation', null],
    ['OK, resolved thanks, we will escalate to the Board anyway', null],
    ['Great - resolved, thanks for wasting a whole term', null],
    ['That was resolved, thank you, the complaint was about the invoice.', null],
    ['It was resolved', null],
    ['Resolved – no further action is required from us, awaiting your refund', null],
    // Plain acceptances a school wrote in the email trial, read as unclear until now.
    ['I can confirm this is resolved. Thank you for your help.', 'resolved'],
    ['We can confirm that the matter has been resolved', 'resolved'],
    ['We are happy for this complaint to be closed now.', 'resolved'],
    ['Resolved as far as we are concerned, thanks', 'resolved'],
    ['This has now been resolved, thank you', 'resolved'],
    ['Now resolved, thanks Harry', 'resolved'],
    ['Resolved, thank you for your help Harry.', 'resolved'],
    ['resolved :)', 'resolved'],
    ['Resolved 👍', 'resolved'],
    ['Agreed, resolved', 'resolved'],
    ['I confirm resolved', 'resolved'],
    // A request to close may be a school giving up: not plainly that it is put right.
    ['Yes please close it', null],
    ['Please close this complaint, thank you', null],
    ['Close it please\nThis has dragged on far too long and the problem remains.', null],
    ['Please close it.\nWe have lost all faith in the service.', null],
    // Nor is any emoji a smile, nor any capitalised word after thanks a name, nor "no problems"
    // the school's content a courtesy (the review's phrasings).
    ['Resolved 👎', null],
    ['Resolved 🙄', null],
    ['Resolved... 🤔', null],
    ['Resolved ✅', 'resolved'],
    ['Resolved, thanks. Almost', null],
    ['Resolved, thank you. Hopefully!', null],
    ['Resolved thanks. Nope', null],
    ['Thank you. Resolved. Allegedly', null],
    ['No problems resolved', null],
    ['No worries resolved', null],
    // Under a plain "resolved", only thanks: what else its paragraph says may hold it back, and
    // no capitalised word is taken for a name that signs off if it holds back (the second review).
    ['Resolved.\nWill confirm once the refund comes.', null],
    ['Resolved, thanks.\nWaiting on the refund.', null],
    ['Resolved.\nFor now.', null],
    ['We are happy for this to be closed.\nWe have given up on getting a proper answer.', null],
    ['Resolved, thanks.\nAlmost.', null],
    ['Resolved\nIn Part', null],
    ['Resolved\nRefund Pending', null],
    ['Resolved\nThanks but the invoice is still wrong', null],
    ['Resolved.\nMr Patel is still on point 3.', null],
    ['Resolved.\nMrs Jones is still waiting for her refund.', null],
    ['Resolved thanks Almost', null],
    ['Resolved, thank you.\n\nThe refund has still not arrived.', null],
    ['Resolved\n\nHowever the coach was late again this week.', null],
    ['Nope, still waiting.', 'not-resolved'],
    // And what signs off, or thanks again, is no holding back.
    ['Resolved, thanks\nAisha', 'resolved'],
    ['Resolved.\nThanks again for all your help.', 'resolved'],
    ['Resolved 👍🏽', 'resolved'],
    ['Resolved, thank you.\nKind regards,\nMrs J Smith\nHeadteacher', 'resolved'],
    // A signature's line is read no further than any signature's, whatever it holds.
    [`Resolved\n${'A'.repeat(300)}1`, null],
    // A first line longer than any plain answer is read no further.
    [`Resolved, thanks${' '.repeat(99_000)}x`, null],
    ['No problem, it is resolved now. Thanks', 'resolved'],
    ['No worries - resolved!', 'resolved'],
    // Their "no" holds nothing back, but nor do they say plainly what happened.
    ['No complaints now, all resolved', null],
    // What a name after thanks cannot hide, and what "close" alone does not say.
    ['Resolved, thanks Mostly', null],
    ['Resolved, thanks. Still', null],
    ['Please close it once the refund comes', null],
    ['Do not close it', null],
    ['We are happy for this to be closed but the invoice is still wrong', null],
    ['No problem? It is not resolved', 'not-resolved'],
    ['No, I cannot confirm this is resolved', 'not-resolved'],
  ])('%j answers %s', (text, answer) => {
    expect(resolutionAnswerIn(text)).toBe(answer);
  });
});
