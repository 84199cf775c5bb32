import { type RoleGrant } from '@sg/complaints';
import fc from 'fast-check';
import { type AutomaticMailKind } from '../inbound/automatic-mail';
import { type AuthResult, type MailAuthentication } from '../inbound/mail-authentication';
import { type MailRoute, oneNamed, type RoutingFacts, routeInboundMail } from './mail-route';

const BROOKSIDE = '119300';
const OAKFIELD = '119301';
const ELMTREE = '119302';

const PASSED: MailAuthentication = {
  spf: 'pass',
  dkim: 'pass',
  dmarc: 'pass',
  dmarcDomain: 'brookside.example',
};
const dmarc = (result: AuthResult): MailAuthentication => ({ ...PASSED, dmarc: result });

const complaintAt = (schoolUrn: string, contactEmail: string | null = null) => ({
  complaintId: 'c-1',
  schoolUrn,
  contactEmail,
});

const person = (roles: readonly RoleGrant[], disabled = false) => ({
  personId: 'p-1',
  disabled,
  roles,
});
const staffOf = (urn: string): RoleGrant => ({ role: 'school-staff', schoolUrn: urn });

/**
 * New mail from a Brookside address the directory knows of no person for, properly signed: its
 * own domain vouches for it, whichever address it is from, unless a case says otherwise.
 */
const facts = (overrides: Partial<RoutingFacts> = {}): RoutingFacts => {
  const given: RoutingFacts = {
    automatic: null,
    unreadable: false,
    senderEmail: 'office@brookside.example',
    authentication: PASSED,
    sender: { person: null, schoolsReached: [BROOKSIDE] },
    named: null,
    matchedSchoolUrn: null,
    ...overrides,
  };
  const domain = given.senderEmail?.split('@')[1] ?? null;
  return 'authentication' in overrides
    ? given
    : { ...given, authentication: { ...PASSED, dmarcDomain: domain } };
};

const lodge = (schoolUrn: string): MailRoute => ({ to: 'lodge', schoolUrn });
const reply = (schoolUrn: string): MailRoute => ({ to: 'reply', complaintId: 'c-1', schoolUrn });
const queue = (
  reason: Extract<MailRoute, { to: 'queue' }>['reason'],
  complaintId: string | null = null,
): MailRoute => ({ to: 'queue', reason, complaintId });

describe('routeInboundMail', () => {
  it.each<[string, Partial<RoutingFacts>, MailRoute]>([
    // Machines.
    ['an out-of-office reply', { automatic: 'auto-reply' }, { to: 'ignore', kind: 'auto-reply' }],
    ['a bounce', { automatic: 'bounce' }, { to: 'ignore', kind: 'bounce' }],
    [
      'list mail naming a complaint, put back and matched by Business Support: a person says it is the school’s',
      { automatic: 'bulk', named: complaintAt(BROOKSIDE), matchedSchoolUrn: BROOKSIDE },
      { to: 'reply', complaintId: complaintAt(BROOKSIDE).complaintId, schoolUrn: BROOKSIDE },
    ],

    // Business Support's match.
    [
      'a match to the named complaint’s school: a reply',
      { named: complaintAt(BROOKSIDE), matchedSchoolUrn: BROOKSIDE },
      reply(BROOKSIDE),
    ],
    [
      'a match to another school than the named complaint’s: a new complaint',
      { named: complaintAt(BROOKSIDE), matchedSchoolUrn: OAKFIELD },
      lodge(OAKFIELD),
    ],
    ['a match for mail naming no complaint', { matchedSchoolUrn: OAKFIELD }, lodge(OAKFIELD)],
    [
      'a match for mail naming a missing complaint',
      { named: 'missing', matchedSchoolUrn: OAKFIELD },
      lodge(OAKFIELD),
    ],
    [
      'a match overrides a DMARC failure',
      { authentication: dmarc('fail'), matchedSchoolUrn: BROOKSIDE },
      lodge(BROOKSIDE),
    ],
    [
      'a match overrides a missing sender',
      { senderEmail: null, matchedSchoolUrn: BROOKSIDE },
      lodge(BROOKSIDE),
    ],
    [
      'a match overrides a disabled account',
      {
        sender: { person: person([staffOf(OAKFIELD)], true), schoolsReached: [] },
        matchedSchoolUrn: BROOKSIDE,
      },
      lodge(BROOKSIDE),
    ],

    // No sender.
    ['no sender', { senderEmail: null }, queue('unknown-sender')],
    [
      'no sender, naming a complaint',
      { senderEmail: null, named: complaintAt(BROOKSIDE) },
      queue('unknown-sender', 'c-1'),
    ],

    // Authentication.
    ['DMARC fail', { authentication: dmarc('fail') }, queue('failed-authentication')],
    ['DMARC permerror', { authentication: dmarc('permerror') }, queue('failed-authentication')],
    [
      'DMARC fail on a reply to a complaint of the sender’s own school',
      { authentication: dmarc('fail'), named: complaintAt(BROOKSIDE) },
      queue('failed-authentication', 'c-1'),
    ],
    // Only a pass for the sender's own domain vouches for a sender: no policy, or no answer, does not.
    [
      'DMARC none (no policy published)',
      { authentication: dmarc('none') },
      queue('failed-authentication'),
    ],
    [
      'DMARC temperror (DNS did not answer)',
      { authentication: dmarc('temperror') },
      queue('failed-authentication'),
    ],
    [
      'DMARC pass, but for another domain than the sender’s',
      { authentication: { ...PASSED, dmarcDomain: 'evil.example' } },
      queue('failed-authentication'),
    ],
    // A sender at a subdomain passes under its organisation's policy (relaxed alignment): the
    // policy is found, and reported, at the organisational domain.
    [
      'DMARC pass under the organisation’s policy, for a sender at its subdomain',
      {
        senderEmail: 'bursar@office.brookside.example',
        authentication: { ...PASSED, dmarcDomain: 'brookside.example' },
      },
      lodge(BROOKSIDE),
    ],
    [
      'DMARC pass for a domain that merely ends like the sender’s',
      {
        senderEmail: 'bursar@notbrookside.example',
        authentication: { ...PASSED, dmarcDomain: 'brookside.example' },
      },
      queue('failed-authentication'),
    ],
    [
      'DMARC pass for a subdomain of the sender’s domain',
      {
        senderEmail: 'office@brookside.example',
        authentication: { ...PASSED, dmarcDomain: 'office.brookside.example' },
      },
      queue('failed-authentication'),
    ],
    ['unreadable', { unreadable: true }, queue('unreadable')],
    [
      'a reply that reads like an out-of-office, though not marked automatic',
      { named: complaintAt(BROOKSIDE), readsLikeAnAutoReply: true },
      queue('reads-like-an-auto-reply', 'c-1'),
    ],
    [
      'one that reads like an out-of-office, matched by Business Support to the complaint’s school',
      { named: complaintAt(BROOKSIDE), readsLikeAnAutoReply: true, matchedSchoolUrn: BROOKSIDE },
      reply(BROOKSIDE),
    ],
    [
      'a reply that says nothing, no text and no file',
      { named: complaintAt(BROOKSIDE), saysNothing: true },
      queue('says-nothing', 'c-1'),
    ],
    [
      'a new mail with no subject, no text and no file: nothing to lodge',
      { saysNothing: true, noSubject: true },
      queue('says-nothing'),
    ],
    ['a new mail whose subject is all it says: lodged', { saysNothing: true }, lodge(BROOKSIDE)],
    [
      'a new mail that says nothing, matched by Business Support to a school',
      { saysNothing: true, noSubject: true, matchedSchoolUrn: OAKFIELD },
      lodge(OAKFIELD),
    ],
    [
      'one that says nothing, matched by Business Support to the complaint’s school',
      { named: complaintAt(BROOKSIDE), saysNothing: true, matchedSchoolUrn: BROOKSIDE },
      reply(BROOKSIDE),
    ],
    [
      'unreadable, matched by Business Support',
      { unreadable: true, matchedSchoolUrn: BROOKSIDE },
      lodge(BROOKSIDE),
    ],

    // The directory's person.
    [
      'a disabled account',
      { sender: { person: person([staffOf(BROOKSIDE)], true), schoolsReached: [BROOKSIDE] } },
      queue('sender-not-school-staff'),
    ],
    [
      'a council officer whose address reaches a school',
      {
        sender: {
          person: person([{ role: 'business-support' }, { role: 'finance' }]),
          schoolsReached: [BROOKSIDE],
        },
      },
      queue('sender-not-school-staff'),
    ],
    [
      'a council officer replying on a complaint: their note on it',
      {
        sender: {
          person: person([{ role: 'service-manager', serviceIds: ['schools-hr'] }]),
          schoolsReached: [],
        },
        named: complaintAt(BROOKSIDE, 'officer@county.example'),
        senderEmail: 'officer@county.example',
      },
      { to: 'note', complaintId: 'c-1', personId: 'p-1' },
    ],
    [
      'a council officer replying on a complaint, saying nothing',
      {
        sender: {
          person: person([{ role: 'service-manager', serviceIds: ['schools-hr'] }]),
          schoolsReached: [],
        },
        named: complaintAt(BROOKSIDE),
        senderEmail: 'officer@county.example',
        saysNothing: true,
      },
      queue('says-nothing', 'c-1'),
    ],
    [
      'a council officer writing about two complaints at once',
      {
        sender: {
          person: person([{ role: 'service-manager', serviceIds: ['schools-hr'] }]),
          schoolsReached: [],
        },
        named: 'several',
        senderEmail: 'officer@county.example',
      },
      queue('names-several-complaints'),
    ],
    [
      'a council officer answering our mail about a complaint, naming another in the subject: a note on the one our mail was about',
      {
        sender: {
          person: person([{ role: 'service-manager', serviceIds: ['schools-hr'] }]),
          schoolsReached: [],
        },
        named: 'several',
        namedByThread: complaintAt(BROOKSIDE),
        senderEmail: 'officer@county.example',
      },
      { to: 'note', complaintId: 'c-1', personId: 'p-1' },
    ],
    [
      'a disabled account replying on a complaint',
      {
        sender: { person: person([{ role: 'business-support' }], true), schoolsReached: [] },
        named: complaintAt(BROOKSIDE),
        senderEmail: 'officer@county.example',
      },
      queue('sender-not-school-staff', 'c-1'),
    ],
    [
      'a council officer replying on a complaint, from a domain that does not vouch for them',
      {
        sender: { person: person([{ role: 'business-support' }]), schoolsReached: [] },
        named: complaintAt(BROOKSIDE),
        senderEmail: 'officer@county.example',
        authentication: dmarc('fail'),
      },
      queue('failed-authentication', 'c-1'),
    ],
    [
      'a person with no roles, whose address reaches one school',
      { sender: { person: person([]), schoolsReached: [BROOKSIDE] } },
      lodge(BROOKSIDE),
    ],
    [
      'a person with no roles, whose address reaches none',
      { sender: { person: person([]), schoolsReached: [] } },
      queue('unknown-sender'),
    ],
    [
      'school staff of Oakfield whose address reaches Brookside: their own grant wins',
      { sender: { person: person([staffOf(OAKFIELD)]), schoolsReached: [BROOKSIDE] } },
      lodge(OAKFIELD),
    ],
    [
      'school staff of Oakfield whose address reaches two schools: their own grant wins',
      {
        sender: { person: person([staffOf(OAKFIELD)]), schoolsReached: [BROOKSIDE, ELMTREE] },
      },
      lodge(OAKFIELD),
    ],
    [
      'school staff of two schools, for new mail',
      { sender: { person: person([staffOf(OAKFIELD), staffOf(ELMTREE)]), schoolsReached: [] } },
      queue('several-schools'),
    ],
    [
      'school staff who is also a council officer',
      {
        sender: {
          person: person([{ role: 'business-support' }, staffOf(OAKFIELD)]),
          schoolsReached: [],
        },
      },
      lodge(OAKFIELD),
    ],

    // Replies.
    ['naming a complaint that does not exist', { named: 'missing' }, queue('complaint-not-found')],
    [
      'naming two complaints, by its thread and its subject',
      { named: 'several' },
      queue('names-several-complaints'),
    ],
    ['a reply from the complaint’s school', { named: complaintAt(BROOKSIDE) }, reply(BROOKSIDE)],
    [
      'a reply from a member of staff of the complaint’s school',
      {
        named: complaintAt(OAKFIELD),
        sender: { person: person([staffOf(OAKFIELD)]), schoolsReached: [BROOKSIDE] },
      },
      reply(OAKFIELD),
    ],
    [
      'a reply from the complaint’s contact address, which reaches no school',
      {
        named: complaintAt(BROOKSIDE, 'Head.Teacher@Gmail.example'),
        senderEmail: 'head.teacher@gmail.example',
        sender: { person: null, schoolsReached: [] },
      },
      reply(BROOKSIDE),
    ],
    [
      'a reply from another school',
      { named: complaintAt(OAKFIELD) },
      queue('not-the-complaint-school', 'c-1'),
    ],
    [
      'a reply from an address reaching no school, not the contact: a sender not known',
      {
        named: complaintAt(BROOKSIDE, 'head@brookside.example'),
        senderEmail: 'someone@elsewhere.example',
        sender: { person: null, schoolsReached: [] },
      },
      queue('unknown-sender', 'c-1'),
    ],
    [
      'a reply from an address reaching two schools, one the complaint’s',
      {
        named: complaintAt(OAKFIELD),
        sender: { person: null, schoolsReached: [BROOKSIDE, OAKFIELD] },
      },
      reply(OAKFIELD),
    ],

    // New mail.
    [
      'new mail from an address reaching no school',
      { sender: { person: null, schoolsReached: [] } },
      queue('unknown-sender'),
    ],
    ['new mail from an address reaching one school', {}, lodge(BROOKSIDE)],
    [
      'new mail from an address reaching two schools',
      { sender: { person: null, schoolsReached: [BROOKSIDE, OAKFIELD] } },
      queue('several-schools'),
    ],
  ])('%s', (_case, overrides, route) => {
    expect(routeInboundMail(facts(overrides))).toEqual(route);
  });
});

describe('routeInboundMail, whatever the other facts', () => {
  const urn = fc.constantFrom(BROOKSIDE, OAKFIELD, ELMTREE);
  const email = fc.constantFrom(
    'office@brookside.example',
    'Office@Brookside.example',
    'head@oakfield.example',
    'officer@county.example',
  );
  const authResult = fc.constantFrom<AuthResult>(
    'pass',
    'fail',
    'softfail',
    'neutral',
    'none',
    'temperror',
    'permerror',
    'policy',
  );
  const grant = fc.oneof(
    urn.map((schoolUrn): RoleGrant => ({ role: 'school-staff', schoolUrn })),
    fc.constantFrom<RoleGrant>(
      { role: 'business-support' },
      { role: 'finance' },
      { role: 'admin' },
      { role: 'board-member', chair: false },
      { role: 'service-manager', serviceIds: ['schools-hr'] },
    ),
  );
  const anyFacts = fc.record<RoutingFacts>({
    automatic: fc.option(fc.constantFrom<AutomaticMailKind>('auto-reply', 'bounce', 'bulk')),
    unreadable: fc.boolean(),
    senderEmail: fc.option(email),
    authentication: fc.record({
      spf: authResult,
      dkim: authResult,
      dmarc: authResult,
      dmarcDomain: fc.option(fc.constantFrom('brookside.example', 'oakfield.example')),
    }),
    sender: fc.record({
      person: fc.option(
        fc.record({
          personId: fc.constant('p-1'),
          disabled: fc.boolean(),
          roles: fc.array(grant, { maxLength: 3 }),
        }),
      ),
      schoolsReached: fc.uniqueArray(urn, { maxLength: 3 }),
    }),
    named: fc.option(
      fc.oneof(
        fc.constant('missing' as const),
        fc.constant('several' as const),
        fc.record({
          complaintId: fc.constantFrom('c-1', 'c-2'),
          schoolUrn: urn,
          contactEmail: fc.option(email),
        }),
      ),
    ),
    matchedSchoolUrn: fc.option(urn),
  });

  const files = (route: MailRoute): route is Extract<MailRoute, { to: 'lodge' | 'reply' }> =>
    route.to === 'lodge' || route.to === 'reply';

  it('never lodges or replies with mail a machine wrote, unless a person put it back and matched it', () => {
    fc.assert(
      fc.property(
        anyFacts,
        fc.constantFrom<AutomaticMailKind>('auto-reply', 'bounce', 'bulk'),
        (given, automatic) => {
          const route = routeInboundMail({ ...given, automatic });
          if (given.matchedSchoolUrn === null)
            expect(route).toEqual({ to: 'ignore', kind: automatic });
          else expect(files(route)).toBe(true);
        },
      ),
    );
  });

  it('never lodges or replies with mail its domain did not vouch for, unless Business Support matched it', () => {
    fc.assert(
      fc.property(
        anyFacts,
        fc.constantFrom<AuthResult>('fail', 'permerror', 'none', 'temperror', 'neutral'),
        (given, result) => {
          const route = routeInboundMail({
            ...given,
            authentication: { ...given.authentication, dmarc: result },
          });
          expect(files(route)).toBe(given.matchedSchoolUrn !== null);
        },
      ),
    );
  });

  it('files mail only for a school the sender writes for, or the one Business Support matched', () => {
    fc.assert(
      fc.property(anyFacts, (given) => {
        const route = routeInboundMail(given);
        if (!files(route)) return;
        const schoolUrn = route.schoolUrn;
        if (given.matchedSchoolUrn !== null) {
          expect(schoolUrn).toBe(given.matchedSchoolUrn);
          return;
        }
        const person = given.sender.person;
        const granted = (person?.roles ?? []).flatMap((grant) =>
          grant.role === 'school-staff' ? [grant.schoolUrn] : [],
        );
        const writesFor = granted.length > 0 ? granted : given.sender.schoolsReached;
        const isContact =
          route.to === 'reply' &&
          oneNamed(given.named)?.contactEmail?.toLowerCase() === given.senderEmail?.toLowerCase();
        expect(person?.disabled ?? false).toBe(false);
        expect(writesFor.includes(schoolUrn) || isContact).toBe(true);
      }),
    );
  });
});
