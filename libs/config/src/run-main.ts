import { ConfigurationError } from './validate-environment';

/**
 * Runs a process's entry point and turns its outcome into an exit status: the number it returns
 * (0 when it returns nothing), 1 with the reason on stderr when it fails. A wrong setting is
 * reported by its message alone, which names the setting; anything else with its stack.
 */
export function runMain(main: () => Promise<number | void>): void {
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
