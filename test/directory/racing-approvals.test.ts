import { SqliteEventStore } from '@sg/event-store';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  APPROVED_AT,
  type BoardFixture,
  boardFixture,
  CONTRACT_FEES_PENCE,
} from '../support/board-fixture';
import { repositoryRoot } from '../support/run-built';

const ROUNDS = 200;
/** More than half the fees: two such reimbursements never fit on one contract. */
const SHARE = (CONTRACT_FEES_PENCE * 3) / 5;

interface Answer {
  readonly id: string;
  readonly outcome: 'approved' | 'refused' | 'failed';
  readonly code?: string;
  readonly error?: string;
}

/** An approving process of its own on the shared store file. */
class Racer {
  private readonly waiting = new Map<string, (answer: Answer) => void>();
  readonly ready: Promise<void>;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    let markReady!: () => void;
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    this.ready = new Promise((resolve, reject) => {
      markReady = resolve;
      child.on('exit', (code) => reject(new Error(`the racer exited (${code}): ${errors}`)));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') return markReady();
      const answer = JSON.parse(line) as Answer;
      this.waiting.get(answer.id)?.(answer);
      this.waiting.delete(answer.id);
    });
  }

  static start(file: string): Racer {
    const entry = join(repositoryRoot, 'dist/test/processes/approval-racer.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
    return new Racer(spawn(process.execPath, [entry, file], { stdio: 'pipe' }));
  }

  approve(complaintId: string, proposalId: string, personId: string): Promise<Answer> {
    const id = randomUUID();
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin.write(
        `${JSON.stringify({ id, complaintId, proposalId, personId, at: APPROVED_AT })}\n`,
      );
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.on('exit', () => resolve());
      this.child.stdin.end();
    });
  }
}

describe('approvals racing in separate processes', () => {
  let dir: string;
  let store: SqliteEventStore;
  let board: BoardFixture;
  let racers: Racer[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sg-racing-'));
    const file = join(dir, 'events.sqlite');
    store = new SqliteEventStore({ file });
    board = await boardFixture(store);
    racers = [Racer.start(file), Racer.start(file)];
    await Promise.all(racers.map((racer) => racer.ready));
  });

  afterAll(async () => {
    await Promise.all(racers.map((racer) => racer.stop()));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every ledger holds exactly what the complaints approved against it, and nothing is left held. */
  async function expectLedgersExact(
    complaints: readonly { complaintId: string; contract: string }[],
  ) {
    const approved = new Map<string, number>();
    for (const { complaintId, contract } of complaints) {
      const proposal = (await board.complaint(complaintId)).proposal!;
      if (proposal.status === 'approved')
        approved.set(contract, (approved.get(contract) ?? 0) + proposal.amountPence);
    }
    for (const contract of new Set(complaints.map((c) => c.contract))) {
      const ledger = (await board.directory.feeLedger('contract', contract))!;
      expect({ contract, committed: ledger.committedPence }).toEqual({
        contract,
        committed: approved.get(contract) ?? 0,
      });
      expect([...ledger.entries.values()].every((entry) => entry.status === 'confirmed')).toBe(
        true,
      );
    }
  }

  it('lets exactly one of two simultaneous approvals of one proposal through, and spends its money once', async () => {
    const rounds = [];
    for (const contract of await board.contracts('SAME', ROUNDS))
      rounds.push(await board.proposed(contract, SHARE));
    for (const { complaintId, proposalId } of rounds) {
      const answers = await Promise.all([
        racers[0].approve(complaintId, proposalId, 'board-2'),
        racers[1].approve(complaintId, proposalId, 'board-3'),
      ]);
      expect(answers.filter((answer) => answer.outcome === 'failed')).toEqual([]);
      expect(answers.filter((answer) => answer.outcome === 'approved')).toHaveLength(1);
    }
    await expectLedgersExact(rounds);
  }, 300_000);

  it('lets only one of two proposals on one contract take fees that cannot pay both', async () => {
    const rounds = [];
    for (const contract of await board.contracts('SHARED', ROUNDS))
      rounds.push([await board.proposed(contract, SHARE), await board.proposed(contract, SHARE)]);
    for (const [first, second] of rounds) {
      const answers = await Promise.all([
        racers[0].approve(first.complaintId, first.proposalId, 'board-2'),
        racers[1].approve(second.complaintId, second.proposalId, 'board-3'),
      ]);
      expect(answers.filter((answer) => answer.outcome === 'approved')).toHaveLength(1);
      expect(answers.find((answer) => answer.outcome !== 'approved')).toMatchObject({
        outcome: 'refused',
        code: 'REIMBURSEMENT_EXCEEDS_FEES',
      });
    }
    await expectLedgersExact(rounds.flat());
  }, 300_000);
});
