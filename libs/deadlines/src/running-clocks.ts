import type Database from 'better-sqlite3';
import { type ClockKind } from '@sg/complaints';
import { type Position, SqliteCheckpointStore } from '@sg/event-store';
import { type DeadlineTimer } from './deadline-timer';

/** The deadline reactor's name, under which its checkpoint is kept beside the clocks. */
export const REACTOR = 'deadline-reactor';

/** A clock the deadline reactor is keeping timers for. */
export interface RunningClock {
  readonly complaintId: string;
  readonly clock: ClockKind;
  readonly revision: number;
  readonly status: 'running' | 'paused';
  readonly deadline: string;
  readonly warningAt: string | null;
  readonly warned: boolean;
  readonly missed: boolean;
}

/** A clock's new state, or null when it has stopped. */
export interface RunningClockChange {
  readonly complaintId: string;
  readonly clock: ClockKind;
  readonly next: RunningClock | null;
}

interface Row {
  complaint_id: string;
  clock: ClockKind;
  revision: number;
  status: 'running' | 'paused';
  deadline: string;
  warning_at: string | null;
  warned: number;
  missed: number;
}

const fromRow = (row: Row): RunningClock => ({
  complaintId: row.complaint_id,
  clock: row.clock,
  revision: row.revision,
  status: row.status,
  deadline: row.deadline,
  warningAt: row.warning_at,
  warned: row.warned === 1,
  missed: row.missed === 1,
});

/**
 * The timers a clock should have: its warning (until given, and never once its deadline is
 * missed) and its deadline (until missed).
 */
export function timersOf(clock: RunningClock | null): DeadlineTimer[] {
  if (!clock || clock.status !== 'running') return [];
  const base = { complaintId: clock.complaintId, clock: clock.clock, revision: clock.revision };
  return [
    ...(clock.warningAt && !clock.warned && !clock.missed
      ? [{ ...base, timer: 'warning' as const, fireAt: clock.warningAt }]
      : []),
    ...(clock.missed ? [] : [{ ...base, timer: 'deadline' as const, fireAt: clock.deadline }]),
  ];
}

/**
 * Every clock that is running or paused, kept by the deadline reactor in this node's SQLite file,
 * with the reactor's checkpoint in the same transaction. It is what the reconciler compares the
 * scheduler's timers with.
 */
export class RunningClocks {
  private readonly selectOne;
  private readonly selectAll;
  private readonly upsert;
  private readonly remove;
  private readonly checkpoints: SqliteCheckpointStore;
  private readonly writeTransaction;
  private readonly clockOnly;

  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS running_clocks (
        complaint_id TEXT NOT NULL, clock TEXT NOT NULL, revision INTEGER NOT NULL, status TEXT NOT NULL,
        deadline TEXT NOT NULL, warning_at TEXT, warned INTEGER NOT NULL, missed INTEGER NOT NULL,
        PRIMARY KEY (complaint_id, clock));
    `);
    this.selectOne = db.prepare<[string, string], Row>(
      'SELECT * FROM running_clocks WHERE complaint_id = ? AND clock = ?',
    );
    this.selectAll = db.prepare<[], Row>('SELECT * FROM running_clocks');
    this.upsert = db.prepare(
      `INSERT INTO running_clocks VALUES (@complaint_id, @clock, @revision, @status, @deadline, @warning_at, @warned, @missed)
       ON CONFLICT (complaint_id, clock) DO UPDATE SET revision = excluded.revision, status = excluded.status,
         deadline = excluded.deadline, warning_at = excluded.warning_at, warned = excluded.warned, missed = excluded.missed`,
    );
    this.remove = db.prepare('DELETE FROM running_clocks WHERE complaint_id = ? AND clock = ?');
    this.checkpoints = new SqliteCheckpointStore(db);
    this.clockOnly = db.transaction(
      (complaintId: string, clock: ClockKind, next: RunningClock | null) => {
        if (next) {
          this.upsert.run({
            complaint_id: next.complaintId,
            clock: next.clock,
            revision: next.revision,
            status: next.status,
            deadline: next.deadline,
            warning_at: next.warningAt,
            warned: next.warned ? 1 : 0,
            missed: next.missed ? 1 : 0,
          });
        } else {
          this.remove.run(complaintId, clock);
        }
      },
    );
    this.writeTransaction = db.transaction(
      (changes: readonly RunningClockChange[], position: Position) => {
        for (const { complaintId, clock, next } of changes)
          this.clockOnly(complaintId, clock, next);
        this.checkpoints.write(REACTOR, position);
      },
    );
  }

  get(complaintId: string, clock: ClockKind): RunningClock | null {
    const row = this.selectOne.get(complaintId, clock);
    return row ? fromRow(row) : null;
  }

  all(): RunningClock[] {
    return this.selectAll.all().map(fromRow);
  }

  /** Records a clock's new state (or its end) and the reactor's position, atomically. */
  write(
    complaintId: string,
    clock: ClockKind,
    next: RunningClock | null,
    position: Position,
  ): void {
    this.writeTransaction([{ complaintId, clock, next }], position);
  }

  /** Records the new states of several clocks and the reactor's position, atomically. */
  writeAll(changes: readonly RunningClockChange[], position: Position): void {
    this.writeTransaction(changes, position);
  }

  /** Records a clock's state alone, keeping the checkpoint where it is (a late retry). */
  writeClock(complaintId: string, clock: ClockKind, next: RunningClock | null): void {
    this.clockOnly(complaintId, clock, next);
  }

  /** Moves the checkpoint past an event the runner parked, changing no clock. */
  skipTo(position: Position): void {
    this.checkpoints.write(REACTOR, position);
  }

  position(): Position | null {
    return this.checkpoints.read(REACTOR);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
