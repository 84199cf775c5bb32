import fc from 'fast-check';
import { VirtualTimerHost } from '@sg/deadlines';
import { DirectoryWriter } from '@sg/directory';
import { comparePositions, EVENT_STORE, type EventStore, type Position } from '@sg/event-store';
import { createHash } from 'node:crypto';
import { type Server } from 'node:http';
import request from 'supertest';
import {
  CONTRACT,
  CONTRACT_FEES,
  escalateAfterDeadline,
  lodgeBody,
  OTHER_SCHOOL,
  SCHOOL,
  startComplaintsApp,
  type ComplaintsApp,
  upholdAndPropose,
} from '../../support/complaints-app';
import {
  type Answer,
  describeRequest,
  fuzzRequestOf,
  PEOPLE,
  RealIds,
  resolve,
  send,
  type SentRequest,
} from './fuzz-request';
import { undocumentedOperations } from './express-routes';
import { knownIds } from './hostile-values';
import { type OpenApiDocument, type Operation, operationsOf } from './openapi-operations';
import { WRITTEN_IN_THE_BACKGROUND } from '../../support/appended-since';

/**
 * Every route of the app's own OpenAPI document, fuzzed: bodies from the route's schema damaged
 * every way a client can damage them, and arbitrary JSON and bytes; query strings; headers; path
 * ids, junk and real. Whatever arrives, the app answers below 500, every refusal has the one error
 * shape, and a refused request records nothing.
 *
 * By default the run sends about BUDGET requests, shared evenly by the routes (at least
 * MIN_RUNS each), which takes 35 to 45 s on two cores. FUZZ_RUNS sets the requests per route
 * instead, for a longer run; FUZZ_SEED the seed; FUZZ_ROUTE a pattern for the routes to fuzz
 * (`referral`, say); FUZZ_SHRINK=off reports the first failing request as it was, unshrunk;
 * FUZZ_STATS=1 prints the statuses each route answered, to see how deep the requests get.
 */
const BUDGET = 7_000;
const MIN_RUNS = 50;
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : null;
const SEED = Number(process.env.FUZZ_SEED ?? 20_250_417);
const ROUTES = new RegExp(process.env.FUZZ_ROUTE ?? '');

const START = '2025-04-17T09:00:00.000Z';

/**
 * Refusals of sign-in are recorded by design (failed sign-ins and lock-outs are part of the audit
 * trail, and drive the lock-out itself), in streams of their own: a refused sign-in appending there
 * is not a refused request changing the state.
 */
const AUDITED_EVEN_WHEN_REFUSED = [/^sign-in-log-/, /^sign-in-failures-/];

/** Each route its own seed, the same whatever other routes the document has. */
const seedOf = (route: string) =>
  (SEED ^ Number.parseInt(createHash('sha256').update(route).digest('hex').slice(0, 8), 16)) | 0;

describe('every route of the OpenAPI document, fuzzed', () => {
  let api: ComplaintsApp;
  let server: Server;
  let store: EventStore;
  let operations: Operation[];
  let ids: RealIds;
  /** Refusals that appended to the sign-in audit streams, and nothing else. */
  let auditedRefusals = 0;

  beforeAll(async () => {
    // Timers that never fire: with real ones, a deadline the test clock has passed fires at once
    // and its worker appends while some later request runs, which would look like that request's
    // doing. (The fixtures below report the deadlines they need themselves.)
    api = await startComplaintsApp(START, { timerHost: new VirtualTimerHost(START) });
    server = api.app.getHttpServer() as Server;
    // One listening socket for the whole run, not one per request.
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    store = api.app.get<EventStore>(EVENT_STORE);
    // Besides the people every API test has: an administrator, so that the administration
    // routes are fuzzed past "who may", and a scrutiny reader.
    const writer = new DirectoryWriter(api.directory, { actor: { id: 'test', role: 'system' } });
    for (const [personId, role] of [
      ['admin', 'admin'],
      ['scrutiny', 'scrutiny'],
    ] as const)
      await writer.person({
        personId,
        name: personId,
        email: `${personId}@example.org`,
        roles: [{ role }],
      });
    const document = (await request(server).get('/api/docs-json').expect(200))
      .body as OpenApiDocument;
    const documented = operationsOf(document);
    // And what the document leaves out: pages (the sign-in link's) take input as well.
    operations = [...documented, ...undocumentedOperations(api.app, documented)];

    // Complaints in each state a command can meet, so that commands on a real id reach the
    // deciders, and the reimbursement commands a real proposal, not only 404 and 409.
    const lodge = async (personId: string, body: object) => {
      const lodged = await api.as(personId).post('/api/complaints', body).expect(201);
      const { id, reference } = lodged.body as { id: string; reference: string };
      knownIds.push(id, reference);
      return id;
    };
    const withContract = lodgeBody({ relatedContractId: CONTRACT });
    const lodged = await lodge('head', lodgeBody());
    const elsewhere = await lodge(
      'support',
      lodgeBody({ schoolUrn: OTHER_SCHOOL, contact: { name: 'Sam Head' } }),
    );
    const referred = await lodge('head', withContract);
    const escalated = await lodge('head', withContract);
    const proposed = await lodge('head', withContract);
    const approved = await lodge('head', withContract);
    for (const id of [referred, escalated, proposed, approved])
      await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    // Past the resolution deadline: the clock stays there for the run.
    for (const id of [escalated, proposed, approved]) await escalateAfterDeadline(api, id);
    const proposal = { failureLevel: 'significant', amountPence: CONTRACT_FEES / 4 };
    knownIds.push(await upholdAndPropose(api, proposed, proposal));
    const approval = await upholdAndPropose(api, approved, proposal);
    knownIds.push(approval);
    for (const member of ['board-2', 'board-3'])
      await api
        .as(member)
        .post(`/api/complaints/${approved}/reimbursement/approvals`, { proposalId: approval })
        .expect(200);
    await api.clocksSettled();
    ids = new RealIds([
      SCHOOL,
      OTHER_SCHOOL,
      CONTRACT,
      ...PEOPLE,
      // Path values the document does not list: the Board's queues.
      'awaiting-decision',
      'awaiting-approval',
      'awaiting-payment',
    ]);
    for (const id of [referred, escalated, proposed, approved, lodged, elsewhere])
      ids.addComplaint(id);
  }, 30_000);
  afterAll(() => api?.close());

  it('finds the routes in the document', () => {
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.map((operation) => `${operation.method} ${operation.path}`)).toContain(
      'POST /api/complaints',
    );
  });

  /** What is wrong with one answer, or nothing. */
  async function problemsWith(sent: SentRequest, answer: Answer, before: Position | null) {
    const problems: string[] = [];
    if (answer.status >= 500) problems.push(`answered ${answer.status}`);
    if (answer.status >= 400) {
      let body: unknown;
      try {
        body = JSON.parse(answer.text);
      } catch {
        body = undefined;
      }
      const { statusCode, code, message } = (body ?? {}) as Record<string, unknown>;
      // A page a person opens (a used sign-in link, say) answers with a page that says so.
      const page =
        !/^\/api(\/|\?|$)/i.test(sent.url) &&
        /^text\/html/.test(String(answer.headers['content-type']));
      if (
        !page &&
        (statusCode !== answer.status || typeof code !== 'string' || typeof message !== 'string')
      )
        problems.push(`refusal not in the { statusCode, code, message } shape`);
      const appended = (await appendedSince(before)).filter(
        (event) => !WRITTEN_IN_THE_BACKGROUND.some((stream) => stream.test(event.stream)),
      );
      const unexpected = appended.filter(
        (event) => !AUDITED_EVEN_WHEN_REFUSED.some((stream) => stream.test(event.stream)),
      );
      if (appended.length > 0 && unexpected.length === 0) auditedRefusals++;
      if (unexpected.length > 0)
        problems.push(
          `refused, yet appended ${unexpected.map((event) => `${event.type} to ${event.stream}`).join(', ')}`,
        );
    }
    if (answer.status === 201) {
      const location = answer.headers.location;
      const id =
        typeof location === 'string' ? /\/api\/complaints\/([^/?]+)$/.exec(location) : null;
      if (id) {
        ids.addComplaint(id[1]);
        knownIds.push(id[1]);
      }
    }
    return problems.length === 0
      ? null
      : `${problems.join('; ')}\n--- request\n${describeRequest(sent)}\n--- answer ${answer.status}\n${answer.text.slice(0, 500)}`;
  }

  async function appendedSince(before: Position | null) {
    const head = await store.headPosition();
    if (head === null || (before !== null && comparePositions(head, before) === 0)) return [];
    const events = [];
    for await (const event of store.readAll(before ? { fromPosition: before } : {}))
      if (before === null || comparePositions(event.position, before) > 0) events.push(event);
    return events;
  }

  it(
    'answers every request below 500, refuses in one shape and records nothing when it refuses',
    async () => {
      const failures: string[] = [];
      const fuzzed = operations.filter((operation) =>
        ROUTES.test(`${operation.method} ${operation.path}`),
      );
      const runs = RUNS ?? Math.max(MIN_RUNS, Math.ceil(BUDGET / fuzzed.length));
      let requests = 0;
      const started = Date.now();
      const statuses = new Map<string, Map<number, number>>();
      for (const operation of fuzzed) {
        const route = `${operation.method} ${operation.path}`;
        const seen = new Map<number, number>();
        statuses.set(route, seen);
        const details = await fc.check(
          fc.asyncProperty(fuzzRequestOf(operation), async (fuzz) => {
            const sent = resolve(fuzz, ids);
            const before = await store.headPosition();
            requests++;
            let answer: Answer;
            try {
              answer = await send(server, sent);
            } catch (error) {
              throw new Error(`no answer: ${String(error)}\n--- request\n${describeRequest(sent)}`);
            }
            seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
            const problems = await problemsWith(sent, answer, before);
            if (problems) throw new Error(problems);
          }),
          {
            numRuns: runs,
            seed: seedOf(route),
            endOnFailure: process.env.FUZZ_SHRINK === 'off',
          },
        );
        if (details.failed) {
          const error = details.errorInstance;
          failures.push(
            [
              route,
              error instanceof Error ? error.message : String(error),
              `--- to replay: FUZZ_ROUTE='^${route.replace(/[{}]/g, '\\$&')}$' FUZZ_SEED=${SEED} FUZZ_RUNS=${runs}`,
              fc.defaultReportMessage(details) ?? '',
            ].join('\n'),
          );
        }
      }
      // For whoever tunes FUZZ_RUNS: how much was sent, and how long it took.
      process.stdout.write(
        `fuzzed ${fuzzed.length} routes with ${requests} requests in ${Date.now() - started} ms (seed ${SEED}, ${runs} runs per route; ${auditedRefusals} refusals recorded only as sign-in audit)\n`,
      );
      if (process.env.FUZZ_STATS)
        for (const [route, seen] of statuses)
          process.stdout.write(
            `${route}: ${[...seen]
              .sort(([a], [b]) => a - b)
              .map(([status, count]) => `${status}×${count}`)
              .join(' ')}\n`,
          );
      expect(failures).toEqual([]);
    },
    // Generous: a slow machine, or FUZZ_RUNS raised for a long local run.
    RUNS === null ? 300_000 : 3_600_000,
  );
});
