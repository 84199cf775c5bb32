import { runMain } from '@sg/config';
import { type Command } from './command';
import { CommandRefused } from './command-refused';
import { addAdministratorCommand } from './commands/add-administrator.command';
import { backupCommand } from './commands/backup.command';
import { demoAccountsCommand } from './commands/demo-accounts.command';
import { dueDateCommand } from './commands/due-date.command';
import { importContractsCommand, importSchoolsCommand } from './commands/import.command';
import { reactionsCommand } from './commands/reactions.command';
import { rebuildCommand } from './commands/rebuild.command';
import { restoreCommand } from './commands/restore.command';
import { retryParkedCommand } from './commands/retry-parked.command';
import { verifyCommand } from './commands/verify.command';
import { UsageError } from './usage-error';

const commands: readonly Command[] = [
  dueDateCommand,
  importSchoolsCommand,
  importContractsCommand,
  rebuildCommand,
  reactionsCommand,
  retryParkedCommand,
  demoAccountsCommand,
  addAdministratorCommand,
  backupCommand,
  restoreCommand,
  verifyCommand,
];

const usage = () =>
  'Usage: npm run -s cli -- <command> [options]\n\nCommands:\n' +
  commands.map((command) => `  ${command.usage.replace(/\n/g, '\n  ')}`).join('\n\n');

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (name === undefined) {
    process.stderr.write(`${usage()}\n`);
    return 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  try {
    if (!command) throw new UsageError(`Unknown command ${JSON.stringify(name)}`);
    const status = await command.run(args, {
      env: process.env,
      stdout: (line) => process.stdout.write(`${line}\n`),
    });
    return status ?? 0;
  } catch (error) {
    if (error instanceof CommandRefused) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${command ? `Usage: ${command.usage}` : usage()}\n`);
    return 2;
  }
}

runMain(() => main(process.argv.slice(2)));
