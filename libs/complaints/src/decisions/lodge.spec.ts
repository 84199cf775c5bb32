import { type Actor, type Role } from '../actor';
import { CHANNELS, type QualityStandard } from '../catalogue';
import {
  ADMIN,
  attachmentAdded,
  BOARD_A,
  by,
  COMPLAINT_ID,
  DEADLINE_WORKER,
  FINANCE,
  HEAD_BY,
  LETTER,
  LODGED_AT,
  lodgeCommand,
  lodged,
  MANAGER,
  OTHER_HEAD,
  OTHER_MANAGER,
  SUPPORT,
  SUPPORT_BY,
  TIMETABLE,
  TRIAGE_TIMING,
  withdrawn,
} from '../testing/fixtures';
import { calendar, given, itForbids } from '../testing/given-when-then';
import { clockTimingFrom } from '../clocks';
import { DEFAULT_POLICY } from '../policy/default-policy';

describe('LodgeComplaint', () => {
  it('a school lodges its own complaint through the web form; the triage clock starts', () => {
    given()
      .when(lodgeCommand())
      .then(...lodged());
  });

  it('records exactly what was lodged, with the triage timing worked out by hand', () => {
    const [complaintLodged, clock] = given().when(lodgeCommand()).events();
    expect(complaintLodged).toEqual({
      type: 'ComplaintLodged',
      data: expect.objectContaining({
        complaintId: COMPLAINT_ID,
        channel: 'web-form',
        by: HEAD_BY,
        at: LODGED_AT,
      }),
    });
    // Tuesday 15 April 2025 is day 0; Wed 16 is day 1 and Thu 17 day 2.
    expect(clock).toEqual({
      type: 'ClockStarted',
      data: { clock: 'triage', timing: TRIAGE_TIMING, by: HEAD_BY, at: LODGED_AT },
    });
  });

  it('takes out of a summary and a name the characters that reverse the text’s direction, by any channel', () => {
    const [complaintLodged] = given()
      .when(
        lodgeCommand({
          channel: 'email',
          summary: 'Invoice \u202Efdp.exe',
          contact: {
            name: '\u2067Jane Head\u2069',
            role: 'Head\u202Eteacher',
            email: 'head@brookside.example',
          },
        }),
      )
      .events();
    expect(complaintLodged.data).toMatchObject({
      summary: 'Invoice fdp.exe',
      contact: { name: 'Jane Head', role: 'Headteacher' },
    });
  });

  it('a school lodges by email', () => {
    given()
      .when(lodgeCommand({ channel: 'email' }))
      .then(...lodged({ channel: 'email' }));
  });

  it.each(['phone', 'visiting-officer', 'web-form', 'email'] as const)(
    'Business Support logs a complaint that came by %s',
    (channel) => {
      const events = given()
        .when(lodgeCommand({ actor: SUPPORT, channel }))
        .then(...lodged({ actor: SUPPORT, channel }));
      expect(events[0].data.by).toEqual(SUPPORT_BY);
    },
  );

  it.each(['phone', 'visiting-officer'] as const)(
    'school staff may not log a complaint as having come by %s',
    (channel) => {
      given().when(lodgeCommand({ channel })).thenFails('NOT_AUTHORISED', 'forbidden');
    },
  );

  it('staff of another school may not lodge for this school', () => {
    given()
      .when(lodgeCommand({ actor: OTHER_HEAD }))
      .thenFails('NOT_AUTHORISED', 'forbidden');
  });

  it('school staff lodging for themselves are not recorded as an officer', () => {
    const [event] = given().when(lodgeCommand()).events();
    expect(event.data).toMatchObject({ by: HEAD_BY, loggedByOfficer: null });
  });

  const officers = [
    ['a service manager', MANAGER, 'service-manager'],
    ["another service's manager", OTHER_MANAGER, 'service-manager'],
    ['a Board member', BOARD_A, 'board-member'],
    ['finance', FINANCE, 'finance'],
    ['an admin', ADMIN, 'admin'],
  ] as const satisfies readonly (readonly [string, Actor, Role])[];
  const toldBy = ['phone', 'visiting-officer', 'email'] as const;

  const cases = officers.flatMap(([label, actor, role]) =>
    toldBy.map((channel) => [label, channel, actor, role] as const),
  );

  it.each(cases)(
    '%s logs a complaint the school gave them by %s, recorded with their name',
    (_, channel, actor, role) => {
      const [event] = given()
        .when(lodgeCommand({ actor, channel }))
        .then(...lodged({ actor, channel }));
      expect(event.data).toMatchObject({
        channel,
        by: by(actor, role),
        loggedByOfficer: { name: actor.name },
      });
    },
  );

  it('Business Support logging a complaint is recorded by name too', () => {
    const [event] = given()
      .when(lodgeCommand({ actor: SUPPORT, channel: 'phone' }))
      .events();
    expect(event.data).toMatchObject({ by: SUPPORT_BY, loggedByOfficer: { name: SUPPORT.name } });
  });

  // The web form is the school's own channel: an officer cannot say a complaint came through it.
  itForbids(
    '%s may not log a complaint as having come through the web form',
    [],
    (actor) => lodgeCommand({ actor, channel: 'web-form' }),
    {
      'a service manager': MANAGER,
      'a Board member': BOARD_A,
      finance: FINANCE,
      'an admin': ADMIN,
    },
  );

  it('the deadline worker may not lodge a complaint by any channel', () => {
    for (const channel of CHANNELS) {
      given()
        .when(lodgeCommand({ actor: DEADLINE_WORKER, channel }))
        .thenFails('NOT_AUTHORISED', 'forbidden');
    }
  });

  it('refuses a second lodging of the same complaint', () => {
    given(...lodged())
      .when(lodgeCommand())
      .thenFails('COMPLAINT_EXISTS', 'conflict');
  });

  it('refuses to lodge again over a closed complaint', () => {
    given(...withdrawn())
      .when(lodgeCommand())
      .thenFails('COMPLAINT_EXISTS', 'conflict');
  });

  it.each([
    ['summary', { summary: '   ' }],
    ['details', { details: '' }],
    ['contact.name', { contact: { name: ' ', email: 'x@school.example' } }],
  ])('refuses a complaint without %s', (_, overrides) => {
    given().when(lodgeCommand(overrides)).thenFails('FIELD_REQUIRED', 'rule');
  });

  it('refuses a standard that is not one of the quality standards', () => {
    given()
      .when(lodgeCommand({ standards: ['punctuality' as QualityStandard] }))
      .thenFails('UNKNOWN_STANDARD', 'rule');
  });

  it('trims the summary and details, and lists each standard once', () => {
    const [event] = given()
      .when(
        lodgeCommand({
          summary: '  Lessons cancelled  ',
          details: '\tNo violin lessons\n',
          standards: ['listen-and-respond', 'competent-staff', 'listen-and-respond'],
        }),
      )
      .events();
    expect(event.data).toMatchObject({
      summary: 'Lessons cancelled',
      details: 'No violin lessons',
      standards: ['listen-and-respond', 'competent-staff'],
    });
  });

  it('lodges a complaint that names no service yet', () => {
    given()
      .when(lodgeCommand({ serviceId: null }))
      .then(...lodged({ serviceId: null }));
  });

  it('a lodging on a Saturday evening makes Saturday day 0', () => {
    // Saturday 19 April 2025 (Easter Saturday): day 1 is Tue 22 (Easter Monday 21st is a holiday).
    given()
      .when(lodgeCommand({ at: '2025-04-19T20:00:00.000Z' }))
      .thenMatch(
        { type: 'ComplaintLodged' },
        {
          type: 'ClockStarted',
          data: {
            clock: 'triage',
            timing: {
              revision: 1,
              dueDate: '2025-04-23',
              deadline: '2025-04-23T23:00:00.000Z',
              // With one working day left: the end of Tue 22 April.
              warningAt: '2025-04-22T23:00:00.000Z',
            },
          },
        },
      );
  });

  describe('when the council received it', () => {
    // Monday 14 April 2025, 3pm: the school phoned the day before the officer logged it.
    const PHONED = '2025-04-14T14:00:00.000Z';
    const phoned = (actor: Actor, receivedAt: string | null = PHONED) =>
      lodgeCommand({ actor, channel: 'phone', receivedAt });

    it('an officer logging what the school told them yesterday: the triage clock counts from then', () => {
      given()
        .when(phoned(MANAGER))
        .thenMatch(
          { type: 'ComplaintLodged', data: { receivedAt: PHONED, at: LODGED_AT } },
          {
            type: 'ClockStarted',
            // Mon 14 is day 0, so Wed 16 April is day 2 (not Thu 17, as from the logging).
            data: {
              clock: 'triage',
              timing: { anchor: PHONED, dueDate: '2025-04-16' },
              at: PHONED,
            },
          },
        );
    });

    it('the complaint reads as received then, and logged when it was', () => {
      const state = given(...given().when(phoned(SUPPORT)).events()).state;
      expect(state).toMatchObject({ lodgedAt: PHONED, loggedAt: LODGED_AT });
    });

    it('no time given, or now: received as it is logged', () => {
      for (const receivedAt of [null, LODGED_AT])
        expect(given().when(phoned(SUPPORT, receivedAt)).events()[0]).toMatchObject({
          data: { receivedAt: LODGED_AT },
        });
    });

    it('an email that arrived before the intake lodged it counts from its arrival', () => {
      given()
        .when(lodgeCommand({ channel: 'email', receivedAt: PHONED }))
        .thenMatch(
          { type: 'ComplaintLodged', data: { receivedAt: PHONED } },
          {
            type: 'ClockStarted',
          },
        );
    });

    it('an email waiting to be matched shows the triage timing it will be lodged with', () => {
      const [, clock] = given()
        .when(lodgeCommand({ channel: 'email', receivedAt: PHONED }))
        .events();
      expect(clockTimingFrom(calendar, DEFAULT_POLICY, 'triage', PHONED)).toEqual(
        (clock.data as { timing: unknown }).timing,
      );
    });

    it('is written as an instant, however it was given', () => {
      expect(given().when(phoned(SUPPORT, '2025-04-14T15:00:00+01:00')).events()[0]).toMatchObject({
        data: { receivedAt: PHONED },
      });
    });

    it('a school on its own form lodges it now: it cannot date it earlier', () => {
      given()
        .when(lodgeCommand({ receivedAt: PHONED }))
        .thenFails('RECEIVED_AT_NOT_YOURS', 'rule');
    });

    it('refuses a time after the logging, or one that is no time', () => {
      given()
        .when(phoned(SUPPORT, '2025-04-15T09:00:01.000Z'))
        .thenFails('RECEIVED_IN_FUTURE', 'rule');
      given().when(phoned(SUPPORT, 'yesterday')).thenFails('INVALID_RECEIVED_AT', 'rule');
    });

    it('refuses a time more than four weeks back (a mistyped year would land in a period already reported)', () => {
      given()
        .when(phoned(SUPPORT, '2025-03-18T09:00:00.000Z'))
        .thenMatch({ type: 'ComplaintLodged' }, { type: 'ClockStarted' });
      given()
        .when(phoned(SUPPORT, '2025-03-18T08:59:59.000Z'))
        .thenFails('RECEIVED_TOO_LONG_AGO', 'rule');
      given()
        .when(phoned(SUPPORT, '2024-04-14T14:00:00.000Z'))
        .thenFails('RECEIVED_TOO_LONG_AGO', 'rule');
    });
  });

  describe('what would put it right', () => {
    it('records what the school says would put it right, trimmed', () => {
      given()
        .when(lodgeCommand({ desiredOutcome: '  Lessons made up before the summer term \n' }))
        .then(...lodged({ desiredOutcome: 'Lessons made up before the summer term' }));
    });

    it.each([
      ['says nothing of it', {}],
      ['leaves it blank', { desiredOutcome: ' \n\t ' }],
      ['sends null', { desiredOutcome: null }],
    ])('records none when the school %s', (_, overrides) => {
      const [event] = given().when(lodgeCommand(overrides)).events();
      expect(event.data).toMatchObject({ desiredOutcome: null });
    });
  });

  describe('with files', () => {
    it('lodges the complaint and its files in one decision, the files after the clock', () => {
      given()
        .when(lodgeCommand({ attachments: [LETTER, TIMETABLE] }))
        .then(
          ...lodged(),
          attachmentAdded(LETTER, HEAD_BY, LODGED_AT),
          attachmentAdded(TIMETABLE, HEAD_BY, LODGED_AT),
        );
    });

    it('an officer logging a complaint for the school adds its files as themselves', () => {
      const events = given()
        .when(lodgeCommand({ actor: SUPPORT, channel: 'email', attachments: [LETTER] }))
        .events();
      expect(events[2]).toEqual(attachmentAdded(LETTER, SUPPORT_BY, LODGED_AT));
    });

    it('the same file chosen twice is lodged once', () => {
      given()
        .when(lodgeCommand({ attachments: [LETTER, { ...LETTER, attachmentId: 'a-twice' }] }))
        .then(...lodged(), attachmentAdded(LETTER, HEAD_BY, LODGED_AT));
    });

    it('refuses the whole lodging when a file is not one', () => {
      given()
        .when(lodgeCommand({ attachments: [LETTER, { ...TIMETABLE, sha256: 'not a digest' }] }))
        .thenFails('INVALID_ATTACHMENT', 'rule');
    });

    it('who may lodge is checked before the files', () => {
      given()
        .when(lodgeCommand({ actor: OTHER_HEAD, attachments: [{ ...LETTER, sizeBytes: 0 }] }))
        .thenFails('NOT_AUTHORISED', 'forbidden');
    });
  });
});
