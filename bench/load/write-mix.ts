import type autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { DEMO_ACTORS, lodgeBody, QUEUED_SERVICE } from './demo-actors';

/** The writes of the mix, in the order each connection sends them for one complaint. */
export const WRITES = ['lodge', 'refer', 'contact', 'propose'] as const;
type Write = (typeof WRITES)[number];

/** Every answer the mix had, by write and status, and the refusals' codes. */
export interface WriteOutcomes {
  readonly statuses: Record<Write, Record<string, number>>;
  readonly refusals: Map<string, number>;
}

export const noWriteOutcomes = (): WriteOutcomes => ({
  statuses: Object.fromEntries(WRITES.map((write) => [write, {}])) as WriteOutcomes['statuses'],
  refusals: new Map(),
});

interface MixContext {
  complaintId?: string;
}

const JSON_POST = { 'content-type': 'application/json' };

/** What setupRequest gives to have autocannon start the sequence again (its types omit it). */
const START_AGAIN = undefined as unknown as autocannon.Request;

/** The code of a refusal's JSON body, or its first characters. */
function codeOf(body: string): string {
  try {
    const answer = JSON.parse(body) as { code?: unknown };
    if (typeof answer.code === 'string') return answer.code;
  } catch {
    // Not JSON: its start says what it is.
  }
  return body.slice(0, 60);
}

/**
 * A complaint's first days, as each connection goes through them in turn: a school's head lodges
 * it about the queued service, Business Support refers it, the service's manager records a phone
 * call and proposes a resolution. Every write carries an Idempotency-Key of its own, as a client
 * that retries safely would send; the complaint's id comes from the lodge's Location. When a lodge
 * is refused the connection starts again with a new one.
 */
export function writeMixRequests(outcomes: WriteOutcomes): () => autocannon.Request[] {
  let lodged = 0;
  const count = (write: Write) => (status: number, body: string) => {
    const statuses = outcomes.statuses[write];
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 300) {
      const why = `${write} ${status} ${codeOf(body)}`;
      outcomes.refusals.set(why, (outcomes.refusals.get(why) ?? 0) + 1);
    }
  };
  const onComplaint = (
    write: Write,
    path: string,
    personId: string,
    body: () => object,
  ): autocannon.Request => ({
    method: 'POST',
    setupRequest: (request, context) => {
      const { complaintId } = context as MixContext;
      if (!complaintId) return START_AGAIN;
      return {
        ...request,
        path: `/api/complaints/${complaintId}/${path}`,
        headers: {
          ...JSON_POST,
          'x-acting-person': personId,
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify(body()),
      };
    },
    onResponse: count(write),
  });
  return () => [
    {
      method: 'POST',
      path: '/api/complaints',
      setupRequest: (request) => {
        const school = DEMO_ACTORS.schools[lodged % DEMO_ACTORS.schools.length];
        lodged += 1;
        return {
          ...request,
          headers: {
            ...JSON_POST,
            'x-acting-person': school.headId,
            'idempotency-key': randomUUID(),
          },
          body: lodgeBody(school, QUEUED_SERVICE, lodged),
        };
      },
      onResponse: (status, body, context, headers) => {
        count('lodge')(status, body);
        const location = Object.entries(headers ?? {}).find(
          ([name]) => name.toLowerCase() === 'location',
        )?.[1];
        (context as MixContext).complaintId =
          status < 300 && typeof location === 'string'
            ? location.slice(location.lastIndexOf('/') + 1)
            : undefined;
      },
    },
    onComplaint('refer', 'referral', DEMO_ACTORS.support, () => ({ serviceId: QUEUED_SERVICE })),
    onComplaint('contact', 'contacts', DEMO_ACTORS.queueManager, () => ({
      contactedAt: new Date().toISOString(),
      method: 'phone',
      note: 'Called the head to talk it through.',
    })),
    onComplaint('propose', 'resolution', DEMO_ACTORS.queueManager, () => ({
      resolution: 'Advice given and apologised.',
    })),
  ];
}
