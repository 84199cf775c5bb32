/** How long a process may take to close its connections before it is made to exit. */
export const SHUTDOWN_GRACE_MS = 15_000;

const exitAfter = (graceMs: number, code: number, report: (message: string) => void) =>
  setTimeout(() => {
    report(`shutdown did not finish within ${graceMs / 1000} s; exiting`);
    process.exit(code);
  }, graceMs).unref();

/**
 * A stop that cannot hang: a connection that never answers (Redis gone while BullMQ closes its
 * worker) must not keep alive a process its supervisor believes is stopping, or one that has lost
 * the right to act. On SIGTERM or SIGINT the process exits within the grace whatever its modules'
 * shutdown hooks are waiting for (Nest's hooks still run first, and end it sooner when they can).
 */
export function boundShutdownOnSignals(
  report: (message: string) => void,
  graceMs = SHUTDOWN_GRACE_MS,
): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => exitAfter(graceMs, 1, report));
}

/** Closes `app` and exits with `code` once it has closed, or once the grace is over. */
export function closeThenExit(
  app: { close(): Promise<void> },
  code: number,
  report: (message: string) => void,
  graceMs = SHUTDOWN_GRACE_MS,
): void {
  exitAfter(graceMs, code, report);
  void app
    .close()
    .catch((error: unknown) => report(`shutdown failed: ${String(error)}`))
    .finally(() => process.exit(code));
}
