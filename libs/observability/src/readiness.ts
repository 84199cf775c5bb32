/** A check says why the process is not ready, or null when its part is. */
export type ReadinessCheck = () => Promise<string | null> | string | null;

export interface ReadinessAnswer {
  readonly ready: boolean;
  /** Why not, one line a failing check, in the order the checks were added. */
  readonly reasons: string[];
}

export const READINESS = Symbol('Readiness');

const CHECK_TIMEOUT_MS = 2_000;

/**
 * Whether the process should be sent work: every check its parts added passes. Each check gets two
 * seconds; one that throws or takes longer is a reason too.
 */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();

  /** Adds a check under a name, used in its reasons; returns how to take it away again. */
  require(name: string, check: ReadinessCheck): () => void {
    this.checks.set(name, check);
    return () => {
      if (this.checks.get(name) === check) this.checks.delete(name);
    };
  }

  async check(): Promise<ReadinessAnswer> {
    const reasons = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        const reason = await withTimeout(check);
        return reason === null ? null : `${name}: ${reason}`;
      }),
    );
    const failing = reasons.filter((reason): reason is string => reason !== null);
    return { ready: failing.length === 0, reasons: failing };
  }
}

async function withTimeout(check: ReadinessCheck): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      Promise.resolve()
        .then(check)
        .catch((error: unknown) => (error instanceof Error ? error.message : String(error))),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
