import { validateEnvironment } from '@sg/config';
import { type Command } from '../command';
import { CommandRefused } from '../command-refused';
import { readManifest } from '../backup/backup-manifest';
import { requireEmptyFolder } from '../backup/empty-folder';
import { EVENTSTOREDB_RESTORE } from '../backup/eventstoredb-method';
import { restoreNodeFiles } from '../backup/node-files';
import { preparePostgresRestore } from '../backup/postgres-restore';
import { restoreSqliteEvents } from '../backup/sqlite-events-backup';
import { backupFolderArgument } from './backup-folder-argument';

const usage =
  'restore <folder>\n' +
  '  Restores a backup into an empty store and an empty DATA_DIR, never over anything: SQLite into\n' +
  '  a DATA_DIR with no files; PostgreSQL (pg_restore) also into a database whose engine tables\n' +
  '  are missing or empty and that no engine is connected to. Then run verify, and rebuild.';

export const restoreCommand: Command = {
  usage,
  async run(args, { env, stdout }) {
    const folder = backupFolderArgument(args);
    const manifest = readManifest(folder);
    const settings = validateEnvironment(env);
    if (manifest.store !== settings.EVENT_STORE)
      throw new CommandRefused(
        `${folder} is a backup of a ${manifest.store} store, and EVENT_STORE is ${settings.EVENT_STORE}: ` +
          'a backup goes back into the kind of store it came from (positions differ between them).',
      );
    const dataDir = settings.DATA_DIR;
    requireEmptyFolder(
      dataDir,
      (contents) =>
        `DATA_DIR ${dataDir} is not empty (${contents}). A restore goes into an empty DATA_DIR only: ` +
        'a node’s checkpoints and read models describe the store it ran on, and would claim events ' +
        'the restored one has not got. Move the folder aside, or set DATA_DIR to a new one.',
    );

    const restored: string[] = [];
    if (manifest.store === 'sqlite') {
      const count = restoreSqliteEvents(folder, manifest.events!, dataDir);
      restored.push(`${count.toLocaleString('en-GB')} events`);
    }
    if (manifest.store === 'postgres') {
      const restore = await preparePostgresRestore(
        settings.DATABASE_URL!,
        folder,
        manifest.events!,
      );
      try {
        for (const table of await restore.run())
          restored.push(`${table.rows.toLocaleString('en-GB')} rows of ${table.name}`);
      } finally {
        await restore.close();
      }
    }
    restoreNodeFiles(folder, manifest, dataDir);
    if (manifest.store !== 'postgres')
      restored.push(`${manifest.attachmentFiles.toLocaleString('en-GB')} attachments’ files`);
    if (manifest.credentials) restored.push(manifest.credentials);

    stdout(`Restored the backup taken at ${manifest.takenAt} by release ${manifest.release}:`);
    for (const line of restored) stdout(`  ${line}`);
    stdout('Next:');
    stdout('  npm run -s cli -- verify     checks the restored store');
    stdout('  npm run -s cli -- rebuild    builds this node’s read models before it serves');
    stdout('  then start the engine: its reactions start again from the first event.');
    if (manifest.store === 'postgres')
      stdout('  Every other node: empty its DATA_DIR before it starts.');
    if (manifest.store === 'eventstoredb')
      stdout(
        '  Every other node: before it starts, empty its DATA_DIR but for its own credentials.sqlite and the shared attachments/.',
      );
    if (manifest.store !== 'eventstoredb') return 0;
    for (const line of EVENTSTOREDB_RESTORE) process.stderr.write(`${line}\n`);
    return 1;
  },
};
