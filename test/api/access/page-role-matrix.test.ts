import { comparePositions, EVENT_STORE, type EventStore, type Position } from '@sg/event-store';
import { type Server } from 'node:http';
import request from 'supertest';
import {
  type ComplaintsApp,
  lodgeBody,
  SCHOOL,
  startComplaintsApp,
} from '../../support/complaints-app';
import { addCallers, businessSupportToken, type Caller, PERSON_OF } from './callers';
import {
  expectARowForEachRoute,
  itAnswersEachCallerAsTheMatrixSays,
  type MatrixRow,
  methodOf,
  patternOf,
  secretsIn,
} from './matrix';
import { isPageRoute } from './page-routes';

/**
 * Every page of the running app, called by every kind of caller, as the API's matrix does for its
 * routes. A page answers as a page: someone not signed in (or named by nobody) is sent to sign in,
 * a role the page is not for gets the GOV.UK "You cannot do this" page, and a complaint the caller
 * may not see is "Page not found", exactly as one that does not exist. What each should get is
 * written out from who each page is for, not read from the policies under test.
 */

/** Sent to sign in: 303 to /sign-in. */
const S = 'sign-in';
/** Refused: "You cannot do this", 403. */
const F = 'forbidden';
/** Refused as if it did not exist: "Page not found", 404, the same as for what does not exist. */
const H = 'not-found';
/** Let through the policy: whatever the page then says (a form without its token has expired). */
const Y = 'through';
type Cell = typeof S | typeof F | typeof H | typeof Y;

type Row = MatrixRow<Cell>;

const NO_SUCH_COMPLAINT = '00000000-0000-4000-8000-00000000dead';
const NO_SUCH_MAIL = '00000000-0000-4000-8000-0000000000e1';

//                       none unknown school otherSchool service otherService support token board finance admin scrutiny
const ANYONE: Cell[] = [Y, S, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y];
const SIGNED_IN: Cell[] = [S, S, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y];
/** Who may see the complaint: its school, its service, council staff; not the scrutiny committee. */
const ITS_READERS: Cell[] = [S, S, Y, H, Y, H, Y, Y, Y, Y, Y, F];
const REPORTS: Cell[] = [S, S, F, F, Y, Y, Y, Y, Y, Y, Y, Y];
const SEARCHERS: Cell[] = [S, S, F, F, Y, Y, Y, Y, Y, Y, Y, F];
/** The council's staff, whatever their role; not a school's. */
const STAFF: Cell[] = [S, S, F, F, Y, Y, Y, Y, Y, Y, Y, Y];
const SCHOOLS: Cell[] = [S, S, Y, Y, F, F, F, F, F, F, F, F];
const SERVICES: Cell[] = [S, S, F, F, Y, Y, F, F, F, F, F, F];
const SUPPORT: Cell[] = [S, S, F, F, F, F, Y, Y, F, F, F, F];
/** Any council officer a school tells of a complaint (a service's staff too); not the committee. */
const OFFICERS: Cell[] = [S, S, F, F, Y, Y, Y, Y, Y, Y, Y, F];
const BOARD: Cell[] = [S, S, F, F, F, F, F, F, Y, F, F, F];
const FINANCE: Cell[] = [S, S, F, F, F, F, F, F, F, Y, F, F];
const ADMIN: Cell[] = [S, S, F, F, F, F, F, F, F, F, Y, F];
/** A step of signing in shows only to a session half way through it: everyone else starts again. */
const MID_SIGN_IN: Cell[] = [S, S, S, S, S, S, S, S, S, S, S, S];

/* prettier-ignore */
const MATRIX: readonly Row[] = [
  // Anyone: what the guarantee is, the statements, signing in and out. A caller the development
  // header names but the directory does not know is sent to sign in wherever they go.
  { route: 'GET /', cells: ANYONE },
  { route: 'GET /accessibility', cells: ANYONE },
  { route: 'GET /cookies', cells: ANYONE },
  { route: 'GET /privacy', cells: ANYONE },
  { route: 'GET /sign-in', cells: ANYONE },
  { route: 'POST /sign-in', cells: ANYONE },
  { route: 'GET /sign-in/second-factor', cells: MID_SIGN_IN },
  { route: 'POST /sign-in/second-factor', cells: ANYONE },
  { route: 'GET /sign-in/enrol', cells: MID_SIGN_IN },
  { route: 'POST /sign-in/enrol', cells: ANYONE },
  { route: 'GET /sign-in/school', cells: ANYONE },
  { route: 'POST /sign-in/school', cells: ANYONE },
  { route: 'POST /sign-out', cells: ANYONE },
  { route: 'GET /signed-out', cells: ANYONE },
  // Answers how long a session has left, or that there is none: nothing of anyone else's.
  { route: 'POST /session/keep-alive', cells: ANYONE },
  { route: 'GET /home', cells: SIGNED_IN },
  { route: 'GET /account/sessions', cells: SIGNED_IN },
  { route: 'POST /account/sessions/end', cells: SIGNED_IN },
  { route: 'GET /account/mail', cells: STAFF },
  { route: 'POST /account/mail', cells: STAFF },
  // A complaint's pages: those who may see it.
  { route: 'GET /complaints/:id', cells: ITS_READERS },
  { route: 'GET /complaints/:id/actions/:action', cells: ITS_READERS, path: '/complaints/:id/actions/note' },
  { route: 'POST /complaints/:id/actions/:action', cells: [S, S, Y, Y, Y, Y, Y, Y, Y, Y, Y, F], path: '/complaints/:id/actions/note' },
  { route: 'GET /complaints/:id/files/new', cells: ITS_READERS },
  { route: 'POST /complaints/:id/files', cells: ITS_READERS },
  { route: 'GET /complaints/:id/attachments/:attachmentId', cells: [S, S, H, H, H, H, H, H, H, H, H, F],
    path: '/complaints/:id/attachments/00000000-0000-4000-8000-0000000000f1' },
  // The original of an email filed on the complaint: its council readers only, none such here.
  { route: 'GET /complaints/:id/emails/:mailId', cells:            [S, S, H, H, H, H, H, H, H, H, H, F],
    path: `/complaints/:id/emails/${NO_SUCH_MAIL}` },
  // Schools: their complaints, and lodging one.
  { route: 'GET /complaints', cells: SCHOOLS },
  { route: 'GET /complaints/new/:step', cells: SCHOOLS, path: '/complaints/new/service' },
  { route: 'POST /complaints/new/:step', cells: SCHOOLS, path: '/complaints/new/service' },
  { route: 'GET /complaints/new/check', cells: SCHOOLS },
  { route: 'POST /complaints/new/check', cells: SCHOOLS },
  { route: 'POST /complaints/new/files/upload', cells: SCHOOLS },
  { route: 'POST /complaints/new/files/remove', cells: SCHOOLS },
  { route: 'GET /complaints/:id/received', cells: [S, S, Y, H, F, F, F, F, F, F, F, F] },
  // Business Support.
  { route: 'GET /triage', cells: SUPPORT },
  { route: 'GET /complaints/new/for-a-school', cells: OFFICERS },
  { route: 'POST /complaints/new/for-a-school', cells: OFFICERS },
  { route: 'GET /search', cells: SEARCHERS, path: '/search?q=grievance' },
  { route: 'GET /mail', cells: SUPPORT },
  { route: 'GET /mail/:mailId', cells: SUPPORT, path: `/mail/${NO_SUCH_MAIL}` },
  { route: 'POST /mail/:mailId/lodging', cells: SUPPORT, path: `/mail/${NO_SUCH_MAIL}/lodging` },
  { route: 'POST /mail/:mailId/filing', cells: SUPPORT, path: `/mail/${NO_SUCH_MAIL}/filing` },
  { route: 'POST /mail/:mailId/setting-aside', cells: SUPPORT, path: `/mail/${NO_SUCH_MAIL}/setting-aside` },
  { route: 'POST /mail/:mailId/putting-back', cells: SUPPORT, path: `/mail/${NO_SUCH_MAIL}/putting-back` },
  // The services, the Board, finance, and the reports.
  { route: 'GET /service-queue', cells: SERVICES },
  { route: 'GET /board', cells: BOARD },
  { route: 'GET /finance', cells: FINANCE },
  { route: 'GET /finance/payments', cells: FINANCE, path: '/finance/payments?period=2025-04' },
  { route: 'GET /finance/payments.csv', cells: FINANCE, path: '/finance/payments.csv?period=2025-04' },
  { route: 'GET /reports', cells: REPORTS },
  { route: 'GET /reports/services.csv', cells: REPORTS, path: '/reports/services.csv?period=2025-04' },
  // Administrators.
  { route: 'GET /admin', cells: ADMIN },
  { route: 'GET /admin/people', cells: ADMIN },
  { route: 'GET /admin/people/new', cells: ADMIN },
  { route: 'POST /admin/people', cells: ADMIN },
  { route: 'GET /admin/people/:personId', cells: ADMIN },
  { route: 'GET /admin/people/:personId/roles', cells: ADMIN },
  { route: 'POST /admin/people/:personId/roles', cells: ADMIN },
  { route: 'GET /admin/people/:personId/disabling', cells: ADMIN },
  { route: 'POST /admin/people/:personId/disabling', cells: ADMIN },
  { route: 'POST /admin/people/:personId/enabling', cells: ADMIN },
  { route: 'GET /admin/people/:personId/sign-in-method', cells: ADMIN },
  { route: 'POST /admin/people/:personId/sign-in-method', cells: ADMIN },
  { route: 'POST /admin/people/:personId/second-factor-reset', cells: ADMIN },
  { route: 'POST /admin/people/:personId/password-link', cells: ADMIN },
  { route: 'POST /admin/people/:personId/sessions/:key/end', cells: ADMIN },
  { route: 'GET /admin/schools', cells: ADMIN },
  { route: 'GET /admin/schools/:urn/addresses', cells: ADMIN },
  { route: 'POST /admin/schools/:urn/addresses', cells: ADMIN },
  { route: 'POST /admin/schools/:urn/addresses/removal', cells: ADMIN },
  { route: 'GET /admin/api-tokens', cells: ADMIN },
  { route: 'GET /admin/api-tokens/new', cells: ADMIN },
  { route: 'POST /admin/api-tokens', cells: ADMIN },
  { route: 'GET /admin/api-tokens/:tokenId/revocation', cells: ADMIN },
  { route: 'POST /admin/api-tokens/:tokenId/revocation', cells: ADMIN },
  { route: 'GET /admin/imports', cells: ADMIN },
  { route: 'POST /admin/imports/schools', cells: ADMIN },
  { route: 'POST /admin/imports/contracts', cells: ADMIN },
];

describe('who may use each page: every page × every caller', () => {
  let api: ComplaintsApp;
  let server: Server;
  let store: EventStore;
  let token: string;
  let complaint: { id: string; reference: string };

  beforeAll(async () => {
    api = await startComplaintsApp();
    server = api.app.getHttpServer() as Server;
    store = api.app.get<EventStore>(EVENT_STORE);
    await addCallers(api);
    token = await businessSupportToken(api);
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    complaint = lodged.body as { id: string; reference: string };
    await api.as('support').post(`/api/complaints/${complaint.id}/referral`).expect(200);
    await api.clocksSettled();
  }, 30_000);

  afterAll(() => api?.close());

  it('has a row for every page the app serves, and no row for a page it does not', () => {
    expectARowForEachRoute(api, MATRIX, isPageRoute);
  });

  const pathOf = (row: Row, nothing = false) =>
    (row.path ?? patternOf(row.route))
      .replace(':id', nothing ? NO_SUCH_COMPLAINT : complaint.id)
      .replace(':personId', 'spare-person')
      .replace(':urn', SCHOOL)
      .replace(':tokenId', '00000000-0000-4000-8000-0000000000aa')
      .replace(':key', '0'.repeat(64));

  const send = (row: Row, caller: Caller, nothing = false) => {
    const method = methodOf(row.route).toLowerCase() as 'get' | 'post';
    let call = request(server)[method](pathOf(row, nothing)).redirects(0);
    if (caller === 'token') call = call.set('Authorization', `Bearer ${token}`);
    else if (caller !== 'none') call = call.set('X-Acting-Person', PERSON_OF[caller]!);
    return method === 'post' ? call.type('form').send('text=From+the+matrix') : call;
  };

  async function headOf(): Promise<Position | null> {
    return store.headPosition();
  }

  async function problemsWith(row: Row, caller: Caller, expected: Cell): Promise<string[]> {
    const before = await headOf();
    const answer = await send(row, caller);
    const got = `got ${answer.status} ${String(answer.headers.location ?? '')} ${answer.text.slice(0, 120)}`;
    if (answer.status >= 500) return [`expected ${expected}, ${got}`];
    const signIn =
      answer.status === 303 && String(answer.headers.location ?? '').startsWith('/sign-in');
    const forbidden = answer.status === 403 && answer.text.includes('You cannot do this');
    if (expected === Y) return signIn || forbidden ? [`expected to be let through, ${got}`] : [];
    if (expected === S) return signIn ? [] : [`expected to be sent to sign in, ${got}`];
    const problems: string[] = [];
    if (expected === F && !forbidden) problems.push(`expected "You cannot do this", ${got}`);
    if (expected === H && !(answer.status === 404 && answer.text.includes('Page not found')))
      problems.push(`expected "Page not found", ${got}`);
    const leaked = secretsIn(answer.text, complaint);
    if (leaked.length > 0) problems.push(`the refusal names ${leaked.join(', ')}`);
    if (/:id\b/.test(row.path ?? patternOf(row.route))) {
      const probe = await send(row, caller, true);
      const strip = (html: string) =>
        html.replace(/nonce="[^"]*"/g, '').replace(/value="[^"]*"/g, '');
      if (probe.status !== answer.status || strip(probe.text) !== strip(answer.text))
        problems.push(`answers what exists ${answer.status}, what does not ${probe.status}`);
    }
    const after = await headOf();
    if (after !== null && (before === null || comparePositions(after, before) !== 0))
      problems.push('refused, yet the store grew');
    return problems;
  }

  itAnswersEachCallerAsTheMatrixSays(MATRIX, problemsWith);
});
