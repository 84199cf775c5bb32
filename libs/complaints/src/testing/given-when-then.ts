import { WorkingDayCalendar } from '@sg/working-days';
import { mayAccess } from '../access';
import { type Actor } from '../actor';
import { type ComplaintCommand } from '../commands';
import { decide } from '../decide';
import { type DecisionContext, type NamedComplaint } from '../decisions/support';
import { DomainError } from '../errors';
import { type ComplaintEvent } from '../events';
import { evolve } from '../evolve';
import { type ComplaintState, INITIAL_STATE } from '../state';
import {
  ALREADY_A_DUPLICATE,
  ALREADY_RESOLVED,
  COMPLAINT_ID,
  EARLIER,
  LAST_YEARS,
  LATER,
  LATER_REFERRED,
  OTHER_SCHOOLS,
  REFERENCE,
  SCHOOL_URN,
} from './fixtures';

/** England and Wales working days, built once for every spec. */
export const calendar = new WorkingDayCalendar();
/**
 * The complaints the store holds: the one decided, an earlier one, another school's. Read when
 * asked, since the fixtures and this module import each other.
 */
const known = (): readonly NamedComplaint[] => [
  { complaintId: COMPLAINT_ID, reference: REFERENCE, schoolUrn: SCHOOL_URN },
  EARLIER,
  LATER,
  LATER_REFERRED,
  LAST_YEARS,
  ALREADY_A_DUPLICATE,
  ALREADY_RESOLVED,
  OTHER_SCHOOLS,
];
export const context: DecisionContext = {
  calendar,
  complaintNamed: (named) =>
    known().find((each) => each.complaintId === named || each.reference === named) ?? null,
};

/** The state after `history`, folded with the real `evolve`. */
export const fold = (history: readonly ComplaintEvent[]): ComplaintState =>
  history.reduce(evolve, INITIAL_STATE);

export interface Outcome {
  /** The events decided, exactly (order included). */
  then(...expected: ComplaintEvent[]): ComplaintEvent[];
  /** As many events as `expected`, each containing the fields given (for computed timings). */
  thenMatch(...expected: Record<string, unknown>[]): ComplaintEvent[];
  /** The command is accepted and changes nothing (an early, repeated or stale timer). */
  thenNothing(): void;
  /** The command is refused with a DomainError carrying `code` (and `kind`, when given). */
  thenFails(code: string, kind?: DomainError['kind']): DomainError;
  /** The decided events, for assertions the helpers above cannot express. */
  events(): ComplaintEvent[];
}

export interface Given {
  readonly state: ComplaintState;
  when(command: ComplaintCommand): Outcome;
}

/**
 * given(...history).when(command).then(...events): folds the history, decides the command against
 * the resulting state and compares.
 */
export function given(...history: ComplaintEvent[]): Given {
  const state = fold(history);
  return {
    state,
    when(command) {
      const run = () => decide(command, state, context);
      return {
        then(...expected) {
          const events = run();
          expect(events).toEqual(expected);
          return events;
        },
        thenMatch(...expected) {
          const events = run();
          expect(events).toHaveLength(expected.length);
          expect(events).toMatchObject(expected);
          return events;
        },
        thenNothing() {
          expect(run()).toEqual([]);
        },
        thenFails(code, kind) {
          let thrown: unknown = undefined;
          try {
            const events = run();
            throw new Error(
              `Expected ${command.type} to fail with ${code}, but it decided ${JSON.stringify(
                events.map((event) => event.type),
              )}`,
            );
          } catch (error) {
            thrown = error;
          }
          if (!(thrown instanceof DomainError)) throw thrown;
          expect(thrown.code).toBe(code);
          if (kind !== undefined) expect(thrown.kind).toBe(kind);
          return thrown;
        },
        events: run,
      };
    },
  };
}

/** Decides `command` against `history` and returns the history with the new events appended. */
export function andThen(history: readonly ComplaintEvent[], command: ComplaintCommand) {
  return [...history, ...decide(command, fold(history), context)];
}

/** One test per actor, titled `title` with the actor's label for %s: each is not authorised. */
export function itForbids(
  title: string,
  history: readonly ComplaintEvent[],
  command: (actor: Actor) => ComplaintCommand,
  actors: Record<string, Actor>,
): void {
  it.each(Object.entries(actors))(title, (_, actor) => {
    const state = fold(history);
    const refused = command(actor);
    // Someone who may not see the complaint is told it does not exist; others, that they may not act.
    const hidden = refused.type !== 'LodgeComplaint' && !(state.exists && mayAccess(actor, state));
    if (hidden) {
      given(...history)
        .when(refused)
        .thenFails('COMPLAINT_NOT_FOUND', 'not-found');
    } else {
      given(...history)
        .when(refused)
        .thenFails('NOT_AUTHORISED', 'forbidden');
    }
  });
}

/** One test per history, titled `title` with the history's label for %s: each refuses `command`. */
export function itConflicts(
  title: string,
  histories: Record<string, readonly ComplaintEvent[]>,
  command: ComplaintCommand,
  code = 'INVALID_TRANSITION',
): void {
  it.each(Object.entries(histories))(title, (_, history) => {
    given(...history)
      .when(command)
      .thenFails(code, 'conflict');
  });
}
