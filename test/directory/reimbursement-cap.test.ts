import { DomainError } from '@sg/complaints';
import { Directory, DirectoryWriter } from '@sg/directory';
import {
  type EventStore,
  type ReadStreamOptions,
  type RecordedEvent,
  SqliteEventStore,
} from '@sg/event-store';
import {
  type ComplaintsApp,
  CONTRACT,
  CONTRACT_FEES,
  lodgeBody,
  SCHOOL,
  startComplaintsApp,
  upholdAndPropose,
} from '../support/complaints-app';
import { reservation } from './support/reservation';

/**
 * A store that holds every reader of a contract's ledger until `readers` of them have read it, so
 * both approvals see the same, unspent ledger before either writes: the race the ledger's
 * expected revision must win.
 */
function racingStore(inner: EventStore, readers: number): EventStore {
  const waiting: (() => void)[] = [];
  let arrived = 0;
  // Only the first `readers` reads wait for each other; retries after the race pass straight through.
  const barrier = () =>
    new Promise<void>((resolve) => {
      arrived += 1;
      if (arrived > readers) return resolve();
      waiting.push(resolve);
      if (waiting.length === readers) for (const release of waiting) release();
    });
  return {
    appendToStream: (stream, events, options) => inner.appendToStream(stream, events, options),
    readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
      return {
        async *[Symbol.asyncIterator]() {
          const events: RecordedEvent[] = [];
          for await (const event of inner.readStream(stream, options)) events.push(event);
          if (stream.startsWith('contract-')) await barrier();
          yield* events;
        },
      };
    },
    readAll: (options) => inner.readAll(options),
    subscribeToAll: (options) => inner.subscribeToAll(options),
    headPosition: () => inner.headPosition(),
    close: () => inner.close(),
  };
}

describe('the reimbursement cap on one contract', () => {
  it('lets only one of two simultaneous reservations take the same fees', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const seed = new Directory(store);
    await new DirectoryWriter(seed, { actor: { id: 'test', role: 'system' } }).feeAgreements([
      {
        kind: 'contract',
        id: 'C1',
        schoolUrn: SCHOOL,
        serviceId: 'schools-hr',
        description: 'SLA',
        feesPaidPence: 100_000,
      },
    ]);
    const directory = new Directory(racingStore(store, 2));
    const context = { actor: { id: 'board-2', role: 'board-member' } };
    const outcomes = await Promise.allSettled([
      directory.reserveReimbursement(
        { kind: 'contract', id: 'C1' },
        reservation('a', 60_000),
        context,
      ),
      directory.reserveReimbursement(
        { kind: 'contract', id: 'C1' },
        reservation('b', 60_000),
        context,
      ),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
    expect(refused.reason).toBeInstanceOf(DomainError);
    expect(refused.reason).toMatchObject({ code: 'REIMBURSEMENT_EXCEEDS_FEES' });
    expect((await seed.feeLedger('contract', 'C1'))?.committedPence).toBe(60_000);
    await store.close();
  });

  it('holds over HTTP: two complaints on one contract approved at the same moment never pay out more than its fees', async () => {
    const api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    try {
      const proposals = await twoProposalsOfThreeFifths(api);
      for (const { id, proposalId } of proposals)
        await api
          .as('board-2')
          .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId })
          .expect(200);
      const finalApprovals = await Promise.all(
        proposals.map(({ id, proposalId }) =>
          api.as('board-3').post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId }),
        ),
      );
      expect(finalApprovals.map((r) => r.status).sort()).toEqual([200, 422]);
      expect(finalApprovals.find((r) => r.status === 422)?.body).toMatchObject({
        code: 'REIMBURSEMENT_EXCEEDS_FEES',
      });
      const ledger = await api.directory.feeLedger('contract', CONTRACT);
      expect(ledger?.committedPence).toBe((CONTRACT_FEES * 3) / 5);
      expect(ledger!.committedPence).toBeLessThanOrEqual(CONTRACT_FEES);
    } finally {
      await api.close();
    }
  });

  it('refuses even the first approval of a sum no longer left, not only the last', async () => {
    const api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    try {
      const proposals = await twoProposalsOfThreeFifths(api);
      const approve = (member: string, { id, proposalId }: (typeof proposals)[number]) =>
        api.as(member).post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId });
      await approve('board-2', proposals[0]).expect(200);
      await approve('board-3', proposals[0]).expect(200);
      // The approval page says what is left before a member tries.
      const form = await api
        .as('board-2')
        .get(`/complaints/${proposals[1].id}/actions/approve`)
        .expect(200);
      expect(form.text.replace(/\s+/g, ' ')).toContain(
        'of which £1,200.00 is reserved or spent on other complaints’ reimbursements, so £800.00 is left for this one',
      );
      expect(form.text).toContain('This reimbursement is more than is left of the fees');
      const refused = await approve('board-2', proposals[1]).expect(422);
      expect(refused.body).toMatchObject({ code: 'REIMBURSEMENT_EXCEEDS_FEES' });
      const second = await api.as('board-2').get(`/api/complaints/${proposals[1].id}`).expect(200);
      expect(
        (second.body as { reimbursement: { approvals: string[] } }).reimbursement.approvals,
      ).toEqual([]);
    } finally {
      await api.close();
    }
  });
});

/**
 * Two complaints on the one contract, escalated, upheld as serious and each proposed three fifths
 * of its fees: together more than it has.
 */
async function twoProposalsOfThreeFifths(
  api: ComplaintsApp,
): Promise<{ id: string; proposalId: string }[]> {
  const referred: { id: string; revision: number }[] = [];
  for (const summary of ['Late advice on a grievance', 'Wrong advice on a redundancy']) {
    const lodged = await api.as('head').post('/api/complaints', lodgeBody({ summary })).expect(201);
    const id = (lodged.body as { id: string }).id;
    const response = await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    referred.push({
      id,
      revision: (response.body as { clocks: { resolution: { revision: number } } }).clocks
        .resolution.revision,
    });
  }
  api.clock.set('2025-05-07T07:00:00.000Z');
  const proposals: { id: string; proposalId: string }[] = [];
  for (const { id, revision } of referred) {
    await api.reportResolutionDeadline(id, revision);
    const proposalId = await upholdAndPropose(api, id, {
      failureLevel: 'serious',
      amountPence: (CONTRACT_FEES * 3) / 5,
      overrideReason: 'Two failures in one term',
    });
    proposals.push({ id, proposalId });
  }
  return proposals;
}
