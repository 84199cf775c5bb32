import { validateEnvironment } from '@sg/config';
import {
  Directory,
  DirectoryWriter,
  type ImportCounts,
  type ImportFileText,
  importFileText,
  ImportRefused,
  LLE_SERVICES,
  readContracts,
  readGiasSchools,
} from '@sg/directory';
import { createEventStore } from '@sg/event-store';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { type Command, type CommandContext } from '../command';
import { CommandRefused } from '../command-refused';
import { UsageError } from '../usage-error';
import { requireDataDir } from '../stores/existing-data-dir';

function fileArgument(args: string[]): string {
  let file: string | undefined;
  try {
    file = parseArgs({
      args,
      options: { file: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values.file;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!file) throw new UsageError('--file is required');
  return file;
}

function readText(file: string): ImportFileText {
  try {
    return importFileText(readFileSync(file));
  } catch (error) {
    throw new UsageError(
      `--file: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/**
 * A file refused for what is in it: the command line was right, so it is listed without the usage.
 * The encoding it was read in is said too, as a misread file's problems may be that.
 */
function refusal(error: unknown, file: ImportFileText): unknown {
  return error instanceof ImportRefused
    ? new CommandRefused(`${error.message}\n(The file was read as ${file.encoding}.)`)
    : error;
}

/** Opens the configured store, writes through a DirectoryWriter, and always closes the store. */
async function withDirectory(
  context: CommandContext,
  file: ImportFileText,
  work: (writer: DirectoryWriter, directory: Directory) => Promise<ImportCounts>,
): Promise<void> {
  const settings = validateEnvironment(context.env);
  // A store opened where none is would be made, empty, and the file imported into nothing.
  if (settings.EVENT_STORE === 'sqlite') requireDataDir(settings.DATA_DIR);
  const store = createEventStore(settings, {
    log: () => undefined,
    warn: (message) => process.stderr.write(`${String(message)}\n`),
  });
  try {
    const directory = new Directory(store);
    const writer = new DirectoryWriter(directory, {
      actor: { id: `cli:${userInfo().username}`, role: 'admin' },
    });
    await writer.services(LLE_SERVICES);
    context.stdout(JSON.stringify({ ...(await work(writer, directory)), encoding: file.encoding }));
  } catch (error) {
    throw refusal(error, file);
  } finally {
    await store.close();
  }
}

/** How a file's text and columns are read, as each importer's usage says. */
const READ_AS =
  'Columns are separated by commas, or by tabs (Excel\'s "Unicode Text"). A file is read as\n' +
  '  UTF-16 if it begins with its byte-order mark, as UTF-8 if it is valid UTF-8, otherwise as Windows-1252';

const importSchoolsUsage =
  'import-schools --file <csv>\n' +
  '  Adds or updates schools from a DfE "Get Information About Schools" establishment extract.\n' +
  '  Schools in COUNTY_NAME (default Lancashire) count as in the county. One bad row imports nothing.\n' +
  `  ${READ_AS} (as GIAS publishes it).`;

export const importSchoolsCommand: Command = {
  usage: importSchoolsUsage,
  async run(args, context) {
    const file = readText(fileArgument(args));
    const county = validateEnvironment(context.env).COUNTY_NAME;
    const schools = (() => {
      try {
        return readGiasSchools(file.text, county);
      } catch (error) {
        throw refusal(error, file);
      }
    })();
    await withDirectory(context, file, (writer) => writer.schools(schools));
  },
};

const importContractsUsage =
  'import-contracts --file <csv>\n' +
  `  Records contracts from a CSV with the header contract_id,urn,service,financial_year,fee_paid_pence.\n` +
  `  Services: ${LLE_SERVICES.map((s) => s.serviceId).join(', ')}. One bad row imports nothing.\n` +
  `  ${READ_AS}.`;

export const importContractsCommand: Command = {
  usage: importContractsUsage,
  async run(args, context) {
    const file = readText(fileArgument(args));
    await withDirectory(context, file, async (writer, directory) => {
      const contracts = readContracts(file.text, {
        schools: new Set((await directory.schoolNames()).keys()),
        services: new Set(LLE_SERVICES.map((service) => service.serviceId)),
      });
      return writer.feeAgreements(contracts.agreements, contracts.lines);
    });
  },
};
