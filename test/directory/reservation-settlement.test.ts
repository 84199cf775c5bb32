import {
  OpenReservations,
  ReservationSettler,
  ReservationSweeper,
  SETTLE_AFTER_MS,
} from '@sg/complaint-service';
import { ComplaintRepository } from '@sg/complaint-service';
import {
  CheckpointedRunner,
  type EventStore,
  openSqliteDatabase,
  SqliteCheckpointStore,
  SqliteEventStore,
} from '@sg/event-store';
import { APPROVED_AT, type BoardFixture, boardFixture } from '../support/board-fixture';

/**
 * The real store, except that one append to a stream matching `failing` (after `skip` others) is
 * lost as a crash would lose it: the caller hears an error that is not a version clash, and
 * nothing is stored.
 */
function crashingStore(inner: EventStore) {
  let failing: RegExp | null = null;
  let skip = 0;
  const store: EventStore = {
    appendToStream: (stream, events, options) => {
      if (failing?.test(stream) && skip-- === 0) {
        failing = null;
        return Promise.reject(new Error('the connection to the store was lost'));
      }
      return inner.appendToStream(stream, events, options);
    },
    readStream: (stream, options) => inner.readStream(stream, options),
    readAll: (options) => inner.readAll(options),
    subscribeToAll: (options) => inner.subscribeToAll(options),
    headPosition: () => inner.headPosition(),
    close: () => inner.close(),
  };
  return {
    store,
    crashNextAppendTo: (streams: RegExp, after = 0) => {
      failing = streams;
      skip = after;
    },
  };
}

describe('a reservation left open by a crash', () => {
  let store: SqliteEventStore;
  let crashing: ReturnType<typeof crashingStore>;
  let board: BoardFixture;
  let sweeper: ReservationSweeper;

  beforeEach(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    crashing = crashingStore(store);
    board = await boardFixture(store, crashing.store);
    const { db } = openSqliteDatabase(':memory:');
    sweeper = new ReservationSweeper(
      new OpenReservations(db),
      new ReservationSettler(store, new ComplaintRepository(store), board.directory),
      board.directory,
      new CheckpointedRunner(store, new SqliteCheckpointStore(db)),
    );
    sweeper.onApplicationBootstrap();
  });

  afterEach(async () => {
    await sweeper.onApplicationShutdown();
    await store.close();
  });

  /** Sweeps once the sweeper has seen every reservation event so far (it sees no others). */
  const settleAll = async (olderThanMs = 0) => {
    let last = null;
    for await (const event of store.readAll())
      if (event.type.startsWith('ReimbursementReserv')) last = event.position;
    if (last) await sweeper.caughtUp(last);
    return sweeper.sweep(olderThanMs);
  };

  it('is settled by recording the approval when the complaint has not moved on', async () => {
    const [contract] = await board.contracts('C', 1);
    const proposal = await board.proposed(contract, 40_000);
    crashing.crashNextAppendTo(/^complaint-/);
    await expect(board.approve(proposal, 'board-2')).rejects.toThrow(/connection/);
    expect((await board.complaint(proposal.complaintId)).status).toBe('reimbursement-proposed');
    expect((await board.directory.feeLedger('contract', contract))!.committedPence).toBe(40_000);

    expect(await settleAll()).toEqual(['confirmed']);
    const complaint = await board.complaint(proposal.complaintId);
    expect(complaint.status).toBe('reimbursement-approved');
    expect(complaint.proposal).toMatchObject({ approvals: ['board-2'], status: 'approved' });
    const ledger = (await board.directory.feeLedger('contract', contract))!;
    expect(ledger.committedPence).toBe(40_000);
    expect(ledger.entries.get(proposal.proposalId)?.status).toBe('confirmed');
    expect(await settleAll()).toEqual([]);
  });

  it('is released when the complaint moved on without the approval, and the fees can be approved again', async () => {
    const [contract] = await board.contracts('C', 1);
    const proposal = await board.proposed(contract, 40_000);
    crashing.crashNextAppendTo(/^complaint-/);
    await expect(board.approve(proposal, 'board-2')).rejects.toThrow(/connection/);
    await board.run(
      proposal.complaintId,
      'board-1',
      { type: 'AddInternalNote', noteId: 'n1', text: 'Discussed at the Board' },
      APPROVED_AT,
    );

    expect(await settleAll()).toEqual(['released']);
    expect((await board.directory.feeLedger('contract', contract))!.committedPence).toBe(0);
    expect((await board.complaint(proposal.complaintId)).status).toBe('reimbursement-proposed');

    await board.approve(proposal, 'board-3');
    expect((await board.directory.feeLedger('contract', contract))!.committedPence).toBe(40_000);
    expect(await settleAll()).toEqual([]);
  });

  it('is confirmed when the approval was recorded but the ledger could not be told', async () => {
    const [contract] = await board.contracts('C', 1);
    const proposal = await board.proposed(contract, 40_000);
    // The reservation goes through; the confirmation after the complaint's append is lost.
    crashing.crashNextAppendTo(/^contract-/, 1);
    const answer = await board.approve(proposal, 'board-2');
    expect(answer.state).toMatchObject({ status: 'reimbursement-approved' });
    expect(
      (await board.directory.feeLedger('contract', contract))!.entries.get(proposal.proposalId)
        ?.status,
    ).toBe('reserved');

    expect(await settleAll()).toEqual(['confirmed']);
    expect(
      (await board.directory.feeLedger('contract', contract))!.entries.get(proposal.proposalId)
        ?.status,
    ).toBe('confirmed');
  });

  it('leaves a reservation younger than the grace period to its holder', async () => {
    const [contract] = await board.contracts('C', 1);
    const proposal = await board.proposed(contract, 40_000);
    crashing.crashNextAppendTo(/^complaint-/);
    await expect(board.approve(proposal, 'board-2')).rejects.toThrow(/connection/);
    expect(await settleAll(SETTLE_AFTER_MS)).toEqual([]);
  });
});
