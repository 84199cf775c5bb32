import { runMain } from '@sg/config';
import { type Command } from './command';
import { CommandRefused } from './command-refused';
import { UsageError } from './usage-error';

// Each command's module is loaded only when it is asked for: those that open a store or start Nest
// take a second to load, which `due-date` and a mistyped name should not wait for.
const commands: Readonly<Record<string, () => Promise<Command>>> = {
  'due-date': async () => (await import('./commands/due-date.command')).dueDateCommand,
  'import-schools': async () => (await import('./commands/import.command')).importSchoolsCommand,
  'import-contracts': async () =>
    (await import('./commands/import.command')).importContractsCommand,
  rebuild: async () => (await import('./commands/rebuild.command')).rebuildCommand,
  reactions: async () => (await import('./commands/reactions.command')).reactionsCommand,
  'retry-parked': async () => (await import('./commands/retry-parked.command')).retryParkedCommand,
  'demo-accounts': async () =>
    (await import('./commands/demo-accounts.command')).demoAccountsCommand,
  'add-administrator': async () =>
    (await import('./commands/add-administrator.command')).addAdministratorCommand,
  backup: async () => (await import('./commands/backup.command')).backupCommand,
  restore: async () => (await import('./commands/restore.command')).restoreCommand,
  verify: async () => (await import('./commands/verify.command')).verifyCommand,
  'subject-access': async () =>
    (await import('./commands/subject-access.command')).subjectAccessCommand,
};

const usage = async () =>
  'Usage: npm run -s cli -- <command> [options]\n\nCommands:\n' +
  (await Promise.all(Object.values(commands).map((load) => load())))
    .map((command) => `  ${command.usage.replace(/\n/g, '\n  ')}`)
    .join('\n\n');

/**
 * A reader that went away (`cli backup … | head -3`) is no failure of the command: what it was
 * asked to do is still done, and its exit status says how that went; the rest of its output has
 * nobody to read it.
 */
function writeUntilTheReaderGoes(stream: NodeJS.WriteStream): (text: string) => void {
  let gone = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    gone = true;
  });
  return (text) => {
    if (!gone) stream.write(text);
  };
}

const out = writeUntilTheReaderGoes(process.stdout);
// Commands write their warnings and refusals to stderr directly; `2>&1 | head` closes it as well.
writeUntilTheReaderGoes(process.stderr);

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === 'help') {
    out(`${await usage()}\n`);
    return 0;
  }
  if (name === undefined) {
    process.stderr.write(`${await usage()}\n`);
    return 2;
  }
  const command = Object.hasOwn(commands, name) ? await commands[name]() : undefined;
  // `<command> --help` (or -h) says how to use that command and does nothing else.
  if (command && args.some((arg) => arg === '--help' || arg === '-h')) {
    out(`Usage: ${command.usage}\n`);
    return 0;
  }
  try {
    if (!command) throw new UsageError(`Unknown command ${JSON.stringify(name)}`);
    const status = await command.run(args, {
      env: process.env,
      stdout: (line) => out(`${line}\n`),
    });
    return status ?? 0;
  } catch (error) {
    if (error instanceof CommandRefused) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (!(error instanceof UsageError)) {
      // A store that is not there or will not open (damaged, refused, unknown database): what
      // went wrong, in the store's own words, for the operator; a stack trace tells them nothing.
      process.stderr.write(`${name} could not finish: ${failureOf(error)}\n`);
      return 1;
    }
    process.stderr.write(
      `${error.message}\n\n${command ? `Usage: ${command.usage}` : await usage()}\n`,
    );
    return 2;
  }
}

/** An error's own words, with its code; a connection refused on every address, each address's. */
function failureOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error instanceof AggregateError ? error.errors.map(failureOf) : [];
  const code = (error as { code?: unknown }).code;
  const words = error.message || inner.join('; ') || error.name;
  return typeof code === 'string' && !words.includes(code) ? `${words} (${code})` : words;
}

runMain(() => main(process.argv.slice(2)));
