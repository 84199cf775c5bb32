import { LLE_SERVICES } from '@sg/directory';
import { DEMO_ACTORS, lodgeBody, QUEUED_SERVICE } from './demo-actors';

/** How far a seeded complaint gets; they take turns, so every state is about as common. */
const FATES = ['lodged', 'referred', 'contacted', 'resolution proposed', 'closed'] as const;
type Fate = (typeof FATES)[number];

export interface Seeded {
  readonly complaintIds: readonly string[];
  readonly byFate: Readonly<Record<Fate, number>>;
  readonly requests: number;
  readonly seconds: number;
}

/** POSTs `body` to `path` as `personId`; the answer's Location, or throws with the refusal. */
async function post(port: number, path: string, personId: string, body: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-acting-person': personId },
    body,
  });
  const answer = await response.text();
  if (!response.ok) throw new Error(`POST ${path} as ${personId}: ${response.status} ${answer}`);
  return response.headers.get('location') ?? '';
}

/**
 * Lodges `count` complaints through the API as the demo county's heads, half about the queued
 * service and the rest spread over the others, then takes each as far as its fate says: referred
 * by Business Support, contact recorded and a resolution proposed by the service's manager,
 * confirmed by the school. `concurrency` complaints are worked at once.
 */
export async function seedComplaints(
  port: number,
  count: number,
  concurrency = 8,
): Promise<Seeded> {
  const started = Date.now();
  const complaintIds: string[] = new Array<string>(count);
  const byFate = Object.fromEntries(FATES.map((fate) => [fate, 0])) as Record<Fate, number>;
  let requests = 0;
  let next = 0;
  const seedOne = async (i: number) => {
    const school = DEMO_ACTORS.schools[i % DEMO_ACTORS.schools.length];
    const serviceId =
      i % 2 === 0 ? QUEUED_SERVICE : LLE_SERVICES[(i >> 1) % LLE_SERVICES.length].serviceId;
    const manager = DEMO_ACTORS.managerOf(serviceId);
    const fate = FATES.indexOf(FATES[i % FATES.length]);
    const location = await post(
      port,
      '/api/complaints',
      school.headId,
      lodgeBody(school, serviceId, i),
    );
    const steps: [string, string, object][] = [
      ['referral', DEMO_ACTORS.support, { serviceId }],
      [
        'contacts',
        manager,
        {
          contactedAt: new Date().toISOString(),
          method: 'phone',
          note: 'Called the head to talk it through.',
        },
      ],
      ['resolution', manager, { resolution: 'Advice given and apologised.' }],
      ['resolution/confirmation', school.headId, {}],
    ];
    for (const [path, personId, body] of steps.slice(0, fate))
      await post(port, `${location}/${path}`, personId, JSON.stringify(body));
    requests += 1 + fate;
    complaintIds[i] = location.slice(location.lastIndexOf('/') + 1);
    byFate[FATES[fate]] += 1;
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await seedOne(next++);
    }),
  );
  return { complaintIds, byFate, requests, seconds: (Date.now() - started) / 1000 };
}
