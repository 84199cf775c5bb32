/**
 * Wakes live subscribers in this process when any store instance on the same database file
 * commits an append. `count` lets a subscriber tell whether an append happened between its last
 * read and its decision to wait, so no wake-up is ever lost.
 */
export class AppendSignal {
  private appended = 0;
  private readonly waiters = new Set<() => void>();

  get count(): number {
    return this.appended;
  }

  notify(): void {
    this.appended += 1;
    for (const wake of [...this.waiters]) wake();
    this.waiters.clear();
  }

  /** Resolves on the next append, or after `timeoutMs` (appends by other processes), or when aborted. */
  wait(timeoutMs: number, abort: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        abort.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      abort.addEventListener('abort', done, { once: true });
    });
  }
}

const signalsByFile = new Map<string, AppendSignal>();

/** One signal per database file, so every store instance in the process shares it. */
export function appendSignalFor(file: string | null): AppendSignal {
  if (file === null) return new AppendSignal();
  let signal = signalsByFile.get(file);
  if (!signal) {
    signal = new AppendSignal();
    signalsByFile.set(file, signal);
  }
  return signal;
}
