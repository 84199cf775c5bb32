import { EVENT_STORE, type EventStore } from '@sg/event-store';
import { type Server } from 'node:http';
import request from 'supertest';
import { appendedSince } from '../../support/appended-since';
import {
  type ComplaintsApp,
  CONTRACT,
  lodgeBody,
  SCHOOL,
  startComplaintsApp,
} from '../../support/complaints-app';
import { isPageRoute } from './page-routes';
import { addCallers, businessSupportToken, type Caller, CALLERS, PERSON_OF } from './callers';
import {
  expectARowForEachRoute,
  itAnswersEachCallerAsTheMatrixSays,
  type MatrixRow,
  methodOf,
  patternOf,
  secretsIn,
} from './matrix';

/**
 * Every route of the running app, called by every kind of caller: nobody, somebody the directory
 * does not know, and each role, with the school's and the service's insiders beside staff of
 * another school and the manager of another service. What each should get is written out below,
 * from who the service is for, not read from the policies under test.
 */

/** Refused: no identity, or one that names nobody. */
const U = 401;
/** Refused: the route is not for this role. */
const F = 403;
/** Refused as if it did not exist: a complaint or school this caller may not see. */
const H = 404;
/** Let through: whatever the handler and the domain then say, it is not 401 or 403. */
const Y = 'ok';
/** A public route: let through, and answered as anyone is (the row's `answers`). */
const O = 'open';
type Cell = typeof U | typeof F | typeof H | typeof Y | typeof O;

interface Row extends MatrixRow<Cell> {
  readonly body?: object | ((caller: Caller) => object);
  /** Post the body as a page's form, not as JSON. */
  readonly form?: boolean;
  /** What a public route answers to anyone. */
  readonly answers?: { readonly status: number; readonly code?: string };
  /** The code a 404 here carries. */
  readonly notFound?: string;
  /** For triage: the row's complaint is lodged and left there, not referred. */
  readonly unreferred?: true;
}

const REASON = { reason: 'Because the matrix says so' };
const CONSENT = {
  consent: { givenBy: 'Jane Head', givenAt: '2025-04-17T08:00:00Z', method: 'phone' },
};
const PROPOSAL = '00000000-0000-4000-8000-000000000001';
const TOKEN_IN_LINK = 'a'.repeat(43);
const SESSION_KEY = '0'.repeat(64);
const SPARE = 'spare-person';
const NO_SUCH_COMPLAINT = '00000000-0000-4000-8000-00000000dead';
const NO_SUCH_SCHOOL = '999999';

/* prettier-ignore */
const MATRIX: readonly Row[] = [
  //                                                                 none unknown school otherSchool service otherService support token board finance admin scrutiny
  // Public: signing in, and health for the load balancer.
  { route: 'GET /health', cells:                                    [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 200 } },
  { route: 'GET /health/live', cells:                               [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 200 } },
  { route: 'GET /health/ready', cells:                              [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 200 } },
  { route: 'POST /api/auth/sign-in', cells:                         [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 401, code: 'INVALID_CREDENTIALS' },
    body: (caller) => ({ email: `${caller}.signs.in@example.org`, password: 'not the password at all' }) },
  { route: 'POST /api/auth/second-factor', cells:                   [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 401, code: 'SIGN_IN_REQUIRED' },
    body: { code: '123456' } },
  { route: 'POST /api/auth/second-factor/enrolment', cells:         [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 401, code: 'SIGN_IN_REQUIRED' } },
  { route: 'POST /api/auth/second-factor/enrolment/confirmation', cells: [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 401, code: 'SIGN_IN_REQUIRED' },
    body: { code: '123456' } },
  { route: 'POST /api/auth/email-link', cells:                      [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 202 },
    body: (caller) => ({ email: `${caller}.asks.for.a.link@example.org` }) },
  { route: 'POST /api/auth/password', cells:                        [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 410, code: 'LINK_NOT_VALID' },
    body: { token: TOKEN_IN_LINK, password: 'a long enough password' } },
  { route: 'POST /api/auth/sign-out', cells:                        [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 204 } },
  { route: 'GET /auth/email-link/:token', cells:                    [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 410 },
    path: `/auth/email-link/${TOKEN_IN_LINK}` },
  { route: 'POST /auth/email-link', cells:                          [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 410 },
    body: { token: TOKEN_IN_LINK, formToken: 'not the cookie’s' }, form: true },
  { route: 'GET /auth/password/:token', cells:                      [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 410 },
    path: `/auth/password/${TOKEN_IN_LINK}` },
  { route: 'POST /auth/password', cells:                            [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 403 },
    body: { token: TOKEN_IN_LINK, formToken: 'not the cookie’s', password: 'a long enough password' }, form: true },
  // A mail provider's webhook: the secret is in the path, and without it the route is not there.
  { route: 'POST /api/inbound-mail/:token', cells:                   [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 404 },
    path: `/api/inbound-mail/${'b'.repeat(40)}` },
  { route: 'GET /auth/identity-provider', cells:                    [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 404, code: 'IDENTITY_PROVIDER_NOT_CONFIGURED' } },
  { route: 'GET /auth/identity-provider/callback', cells:           [O, U, O, O, O, O, O, O, O, O, O, O], answers: { status: 404, code: 'IDENTITY_PROVIDER_NOT_CONFIGURED' },
    path: '/auth/identity-provider/callback?code=x&state=y' },

  // Anyone signed in: who they are, their own sessions.
  { route: 'GET /api/auth/session', cells:                          [U, U, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y] },
  { route: 'GET /api/auth/sessions', cells:                         [U, U, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y] },
  { route: 'DELETE /api/auth/sessions/:key', cells:                 [U, U, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
    path: `/api/auth/sessions/${SESSION_KEY}` },

  // Administration: administrators only.
  { route: 'GET /api/admin/people', cells:                          [U, U, F, F, F, F, F, F, F, F, Y, F] },
  { route: 'POST /api/admin/people', cells:                         [U, U, F, F, F, F, F, F, F, F, Y, F],
    body: { name: 'New Person', email: 'new.person@example.org', roles: [{ role: 'finance' }], signIn: 'email-link' } },
  { route: 'GET /api/admin/people/:personId', cells:                [U, U, F, F, F, F, F, F, F, F, Y, F] },
  { route: 'PUT /api/admin/people/:personId/roles', cells:          [U, U, F, F, F, F, F, F, F, F, Y, F],
    body: { roles: [{ role: 'finance' }] } },
  { route: 'POST /api/admin/people/:personId/disabling', cells:     [U, U, F, F, F, F, F, F, F, F, Y, F], body: REASON },
  { route: 'POST /api/admin/people/:personId/enabling', cells:      [U, U, F, F, F, F, F, F, F, F, Y, F] },
  { route: 'POST /api/admin/people/:personId/sign-in-method', cells: [U, U, F, F, F, F, F, F, F, F, Y, F],
    body: { signIn: 'identity-provider' } },
  { route: 'POST /api/admin/people/:personId/second-factor/reset', cells: [U, U, F, F, F, F, F, F, F, F, Y, F] },
  { route: 'POST /api/admin/people/:personId/password-link', cells: [U, U, F, F, F, F, F, F, F, F, Y, F] },
  { route: 'GET /api/admin/people/:personId/sessions', cells:       [U, U, F, F, F, F, F, F, F, F, Y, F] },
  { route: 'DELETE /api/admin/people/:personId/sessions', cells:    [U, U, F, F, F, F, F, F, F, F, Y, F] },
  { route: 'DELETE /api/admin/people/:personId/sessions/:key', cells: [U, U, F, F, F, F, F, F, F, F, Y, F],
    path: `/api/admin/people/:personId/sessions/${SESSION_KEY}` },
  { route: 'GET /api/admin/schools/:urn/addresses', cells:          [U, U, F, F, F, F, F, F, F, F, Y, F] },
  { route: 'POST /api/admin/schools/:urn/addresses', cells:         [U, U, F, F, F, F, F, F, F, F, Y, F],
    body: { kind: 'domain', value: 'brookside.lancs.sch.uk' } },
  { route: 'POST /api/admin/schools/:urn/addresses/removal', cells: [U, U, F, F, F, F, F, F, F, F, Y, F],
    body: { kind: 'domain', value: 'brookside.lancs.sch.uk' } },
  { route: 'GET /api/admin/api-tokens', cells:                      [U, U, F, F, F, F, F, F, F, F, Y, F] },
  { route: 'POST /api/admin/api-tokens', cells:                     [U, U, F, F, F, F, F, F, F, F, Y, F],
    body: { name: 'Another CRM', roles: [{ role: 'business-support' }], expiresAt: '2026-04-17T09:00:00Z' } },
  { route: 'POST /api/admin/api-tokens/:tokenId/revocation', cells: [U, U, F, F, F, F, F, F, F, F, Y, F],
    path: '/api/admin/api-tokens/0123456789abcdef/revocation', body: REASON },

  // Lodging: the school for itself; Business Support from any channel; any council officer the
  // school told, for it (by email here). Never for another school; never the scrutiny committee.
  { route: 'POST /api/complaints', cells:                           [U, U, Y, F, Y, Y, Y, Y, Y, Y, Y, F],
    body: lodgeBody({ channel: 'email' }) },
  // Reading one complaint: its school, its service, council-wide roles; to anyone else it does not exist.
  { route: 'GET /api/complaints/:id', cells:                        [U, U, Y, H, Y, H, Y, Y, Y, Y, Y, H], notFound: 'COMPLAINT_NOT_FOUND' },
  { route: 'GET /api/complaints/:id/timeline', cells:               [U, U, Y, H, Y, H, Y, Y, Y, Y, Y, H], notFound: 'COMPLAINT_NOT_FOUND' },

  // Commands on a complaint (each row its own complaint, referred to schools-hr).
  // Triage is Business Support's (on complaints not yet referred).
  { route: 'POST /api/complaints/:id/referral', cells:              [U, U, F, F, F, F, Y, Y, F, F, F, F], unreferred: true },
  { route: 'POST /api/complaints/:id/rerouting', cells:             [U, U, F, F, F, F, Y, Y, F, F, F, F], unreferred: true,
    body: { toServiceId: 'music-service', reason: 'It was about music lessons' } },
  { route: 'POST /api/complaints/:id/reclassification', cells:      [U, U, F, F, F, F, Y, Y, F, F, F, F], unreferred: true,
    body: REASON },
  { route: 'POST /api/complaints/:id/rejection', cells:             [U, U, F, F, F, F, Y, Y, F, F, F, F], unreferred: true,
    body: REASON },
  { route: 'POST /api/complaints/:id/duplicate', cells:             [U, U, F, F, F, F, Y, Y, F, F, F, F], unreferred: true,
    body: { duplicateOf: 'SG-0001', reason: 'Lodged twice' } },
  // The school's own decisions: its staff, or Business Support for it with its consent.
  { route: 'POST /api/complaints/:id/withdrawal', cells:            [U, U, Y, H, F, F, Y, Y, F, F, F, F],
    body: { ...REASON, ...CONSENT }, notFound: 'COMPLAINT_NOT_FOUND' },
  { route: 'POST /api/complaints/:id/resolution/confirmation', cells: [U, U, Y, H, F, F, Y, Y, F, F, F, F],
    body: CONSENT, notFound: 'COMPLAINT_NOT_FOUND' },
  { route: 'POST /api/complaints/:id/resolution/dispute', cells:    [U, U, Y, H, F, F, Y, Y, F, F, F, F],
    body: REASON, notFound: 'COMPLAINT_NOT_FOUND' },
  // The service's work: its managers.
  { route: 'POST /api/complaints/:id/contacts', cells:              [U, U, F, F, Y, H, F, F, F, F, F, F],
    body: { contactedAt: '2025-04-17T09:00:00Z', method: 'phone', note: 'Rang the head' }, notFound: 'COMPLAINT_NOT_FOUND' },
  { route: 'POST /api/complaints/:id/information-requests', cells:  [U, U, F, F, Y, H, F, F, F, F, F, F],
    body: { question: 'When did you first ask?' }, notFound: 'COMPLAINT_NOT_FOUND' },
  { route: 'POST /api/complaints/:id/resolution', cells:            [U, U, F, F, Y, H, F, F, F, F, F, F],
    body: { resolution: 'We have rewritten the advice' }, notFound: 'COMPLAINT_NOT_FOUND' },
  { route: 'POST /api/complaints/:id/rerouting-requests', cells:    [U, U, F, F, Y, H, F, F, F, F, F, F], body: REASON },
  { route: 'POST /api/complaints/:id/rerouting-requests/refusal', cells: [U, U, F, F, F, F, Y, Y, F, F, F, F], body: REASON },
  { route: 'POST /api/complaints/:id/case-officer', cells:          [U, U, F, F, Y, H, F, F, F, F, F, F],
    body: { officerId: 'hr-manager' }, notFound: 'COMPLAINT_NOT_FOUND' },
  // Between the service and the school: either of them.
  { route: 'POST /api/complaints/:id/information', cells:           [U, U, Y, H, Y, H, F, F, F, F, F, F],
    body: { summary: 'The emails of 20 March' }, notFound: 'COMPLAINT_NOT_FOUND' },
  { route: 'POST /api/complaints/:id/extensions', cells:            [U, U, Y, H, Y, H, F, F, F, F, F, F],
    body: { extraWorkingDays: 2, reason: 'The adviser is away', ...CONSENT }, notFound: 'COMPLAINT_NOT_FOUND' },
  // The Board's.
  { route: 'POST /api/complaints/:id/conflicts-of-interest', cells: [U, U, F, F, F, F, F, F, Y, F, F, F], body: REASON },
  { route: 'POST /api/complaints/:id/board-decision', cells:        [U, U, F, F, F, F, F, F, Y, F, F, F],
    body: { outcome: 'upheld', failureLevel: 'significant', rationale: 'The deadline was missed' } },
  { route: 'POST /api/complaints/:id/closure-without-reimbursement', cells: [U, U, F, F, F, F, F, F, Y, F, F, F], body: REASON },
  { route: 'POST /api/complaints/:id/reimbursement', cells:         [U, U, F, F, F, F, F, F, Y, F, F, F],
    body: { basisKind: 'contract', basisId: CONTRACT, amountPence: 10_000 } },
  { route: 'POST /api/complaints/:id/reimbursement/approvals', cells: [U, U, F, F, F, F, F, F, Y, F, F, F],
    body: { proposalId: PROPOSAL } },
  { route: 'POST /api/complaints/:id/reimbursement/declines', cells: [U, U, F, F, F, F, F, F, Y, F, F, F],
    body: { proposalId: PROPOSAL, ...REASON } },
  // Finance's.
  { route: 'POST /api/complaints/:id/reimbursement/payment', cells: [U, U, F, F, F, F, F, F, F, Y, F, F],
    body: { proposalId: PROPOSAL, method: 'bank-payment', paymentReference: 'PAY-1', paidOn: '2025-04-30' } },
  // Council staff with a part in the complaint, finance's notes aside (it reads none); messages
  // the school's staff and finance too.
  { route: 'POST /api/complaints/:id/notes', cells:                 [U, U, F, F, Y, H, Y, Y, Y, F, F, F],
    body: { text: 'Chased the adviser' }, notFound: 'COMPLAINT_NOT_FOUND' },
  { route: 'POST /api/complaints/:id/messages', cells:              [U, U, Y, H, Y, H, Y, Y, Y, Y, F, F],
    body: { text: 'We are looking into it' }, notFound: 'COMPLAINT_NOT_FOUND' },
  // Whom to write to at the school, whose replies are the school's words: the school, or Business
  // Support with its consent; never those working the complaint.
  { route: 'POST /api/complaints/:id/school-contact', cells:        [U, U, Y, H, F, F, Y, Y, F, F, F, F],
    body: { contact: { name: 'Dev Deputy', email: 'deputy@brookside.lancs.sch.uk' }, ...CONSENT }, notFound: 'COMPLAINT_NOT_FOUND' },
  // Files: whoever sees the complaint adds them (here a JSON body, refused 415 once let through)
  // and downloads them (here one that is not there).
  { route: 'POST /api/complaints/:id/attachments', cells:           [U, U, Y, H, Y, H, Y, Y, Y, Y, Y, F],
    notFound: 'COMPLAINT_NOT_FOUND' },
  { route: 'GET /api/complaints/:id/attachments/:attachmentId', cells: [U, U, Y, H, Y, H, Y, Y, Y, Y, Y, H],
    path: '/api/complaints/:id/attachments/00000000-0000-4000-8000-0000000000f1', notFound: 'COMPLAINT_NOT_FOUND' },

  // Lists, queues and reports. A list shows each reader what they may see (another school's staff
  // an empty one); the scrutiny committee reads the reports alone, and schools do not.
  { route: 'GET /api/complaints', cells:                            [U, U, Y, Y, Y, Y, Y, Y, Y, Y, Y, F] },
  { route: 'GET /api/search', cells:                                [U, U, Y, Y, Y, Y, Y, Y, Y, Y, Y, F],
    path: '/api/search?q=grievance' },
  { route: 'GET /api/reports/services', cells:                      [U, U, F, F, Y, Y, Y, Y, Y, Y, Y, Y],
    path: '/api/reports/services?period=2025-04' },
  { route: 'GET /api/schools/:urn/fee-agreements', cells:           [U, U, Y, H, Y, Y, Y, Y, Y, Y, Y, F],
    notFound: 'SCHOOL_NOT_FOUND' },
  { route: 'GET /api/queues/triage', cells:                         [U, U, F, F, F, F, Y, Y, F, F, F, F] },
  { route: 'GET /api/queues/service', cells:                        [U, U, F, F, Y, Y, F, F, F, F, F, F] },
  { route: 'GET /api/queues/board/:queue', cells:                   [U, U, F, F, F, F, F, F, Y, F, F, F],
    path: '/api/queues/board/awaiting-decision' },
  { route: 'GET /api/queues/board/awaiting-payment', cells:          [U, U, F, F, F, F, F, F, Y, Y, F, F] },
];

/** Failed sign-ins and lock-outs are the audit trail, recorded by design even when refused. */
const AUDITED_EVEN_WHEN_REFUSED = [/^sign-in-log-/, /^sign-in-failures-/];

describe('who may call each route: every route × every caller', () => {
  let api: ComplaintsApp;
  let server: Server;
  let store: EventStore;
  let token: string;
  let mainComplaint: { id: string; reference: string };
  /** Each command row's own complaint: lodged by the school, and referred to schools-hr but for triage. */
  const complaintOf = new Map<Row, { id: string; reference: string }>();
  let started = 0;

  beforeAll(async () => {
    started = Date.now();
    api = await startComplaintsApp();
    server = api.app.getHttpServer() as Server;
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    store = api.app.get<EventStore>(EVENT_STORE);
    await addCallers(api, [[SPARE, [{ role: 'finance' as const }]]]);
    token = await businessSupportToken(api);

    const lodge = async ({ refer = true } = {}) => {
      const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
      const complaint = lodged.body as { id: string; reference: string };
      if (refer)
        await api.as('support').post(`/api/complaints/${complaint.id}/referral`).expect(200);
      return complaint;
    };
    mainComplaint = await lodge();
    for (const row of MATRIX)
      if (patternOf(row.route).startsWith('/api/complaints/:id/'))
        complaintOf.set(row, await lodge({ refer: !row.unreferred }));
    await api.clocksSettled();
  }, 30_000);

  afterAll(async () => {
    await api?.close();
    console.info(
      `Role matrix: ${MATRIX.length} rows × ${CALLERS.length} callers = ${MATRIX.length * CALLERS.length} cells, ${requests} requests, in ${Date.now() - started} ms`,
    );
  });

  it('has a row for every route the API serves, and no row for a route it does not', () => {
    // The pages have a matrix of their own (page-role-matrix.test.ts): they answer as pages.
    expectARowForEachRoute(api, MATRIX, (route) => !isPageRoute(route));
  });

  /** Whether the row's path names a complaint, a person or a school. */
  const namesSomething = (row: Row) =>
    /:(id|personId|urn)\b/.test(row.path ?? patternOf(row.route));

  /** The row's path, naming what it names, or (`nothing`) the same kind of thing that does not exist. */
  const pathOf = (row: Row, nothing = false) => {
    const complaint = complaintOf.get(row) ?? mainComplaint;
    return (row.path ?? patternOf(row.route))
      .replace(':id', nothing ? NO_SUCH_COMPLAINT : complaint.id)
      .replace(':personId', nothing ? 'no-such-person' : SPARE)
      .replace(':urn', nothing ? NO_SUCH_SCHOOL : SCHOOL);
  };

  let requests = 0;
  const send = (row: Row, caller: Caller, { nothing = false, refused = false } = {}) => {
    requests++;
    const method = methodOf(row.route).toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    let call = request(server)[method](pathOf(row, nothing));
    // A version that is not the complaint's: checked, if at all, only after who may act.
    if (refused) call = call.set('If-Match', '"999"');
    if (caller === 'token') call = call.set('Authorization', `Bearer ${token}`);
    else if (caller !== 'none') call = call.set('X-Acting-Person', PERSON_OF[caller]!);
    if (method === 'get' || method === 'delete') return call;
    const body = typeof row.body === 'function' ? row.body(caller) : (row.body ?? {});
    return row.form ? call.type('form').send(body as Record<string, string>) : call.send(body);
  };

  /** What is wrong with one cell's answer; nothing when it is as the matrix says. */
  async function problemsWith(row: Row, caller: Caller, expected: Cell): Promise<string[]> {
    const before = await store.headPosition();
    const refused = expected === U || expected === F || expected === H;
    const answer = await send(row, caller, { refused });
    const got = `got ${answer.status} ${answer.text.slice(0, 200)}`;
    if (answer.status >= 500) return [`expected ${expected}, ${got}`];
    if (expected === Y) {
      // What it sets off (a mail sent, and the sending recorded) is done before the next caller's
      // refusal is checked for having written nothing.
      await api.clocksSettled();
      return answer.status === 401 || answer.status === 403
        ? [`expected to be let through, ${got}`]
        : [];
    }
    const body = answer.body as Record<string, unknown>;
    if (expected === O) {
      const { status, code } = row.answers!;
      return answer.status === status && (code === undefined || body.code === code)
        ? []
        : [`expected the public answer ${status}${code ? ` ${code}` : ''}, ${got}`];
    }
    const problems: string[] = [];
    if (answer.status !== expected) problems.push(`expected ${expected}, ${got}`);
    const code =
      expected === U
        ? caller === 'unknown'
          ? 'UNKNOWN_PERSON'
          : 'SIGN_IN_REQUIRED'
        : expected === F
          ? 'NOT_AUTHORISED'
          : row.notFound;
    if (
      Object.keys(body).sort().join() !== 'code,message,statusCode' ||
      body.statusCode !== answer.status ||
      (code !== undefined && body.code !== code) ||
      typeof body.message !== 'string'
    )
      problems.push(
        `expected exactly { statusCode: ${expected}, code: ${code ?? '…'}, message }, ${got}`,
      );
    const leaked = secretsIn(answer.text, complaintOf.get(row) ?? mainComplaint, ['revision']);
    if (leaked.length > 0) problems.push(`the refusal names ${leaked.join(', ')}: ${got}`);
    // Express tags every answer with a weak digest of its body; the complaint's is its revision.
    const etag = answer.headers.etag as string | undefined;
    if (etag !== undefined && !etag.startsWith('W/'))
      problems.push(`the refusal carries the ETag ${etag}`);
    if (answer.headers.location !== undefined)
      problems.push(`the refusal carries Location ${String(answer.headers.location)}`);
    // Refused before anything is looked up: the same answer as for what does not exist.
    if (namesSomething(row)) {
      const probe = await send(row, caller, { nothing: true, refused });
      if (probe.status !== answer.status || probe.text !== answer.text)
        problems.push(
          `answers what exists ${answer.status} ${answer.text}, what does not ${probe.status} ${probe.text}`,
        );
    }
    const appended = await appendedSince(store, before, AUDITED_EVEN_WHEN_REFUSED);
    if (appended.length > 0) problems.push(`refused, yet appended ${appended.join(', ')}`);
    return problems;
  }

  itAnswersEachCallerAsTheMatrixSays(MATRIX, problemsWith);
});
