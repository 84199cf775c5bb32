import { ConfigurationError } from './validate-environment';

/**
 * Runs a process's entry point, with the files it creates private to its account, and turns its
 * outcome into an exit status: the number it returns (0 when it returns nothing), 1 with the
 * reason on stderr when it fails. A wrong setting is reported by its message alone, which names
 * the setting; anything else with its stack.
 */
export function runMain(main: () => Promise<number | void>): void {
  // What the process writes (event store, read models, mail, logs) is the council's and the
  // schools' personal data: files are created readable by this account alone (0600, folders 0700).
  process.umask(0o077);
  main().then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (error: unknown) => {
      const report =
        error instanceof ConfigurationError
          ? error.message
          : `${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      process.stderr.write(`${report}\n`);
      process.exitCode = 1;
    },
  );
}
