import { validateEnvironment } from '@sg/config';
import { type Command } from '../command';
import { type BackedUpEvents, writeManifest } from '../backup/backup-manifest';
import { requireEmptyFolder } from '../backup/empty-folder';
import { EVENTSTOREDB_BACKUP } from '../backup/eventstoredb-method';
import { backUpNodeFiles } from '../backup/node-files';
import { backUpPostgresEvents } from '../backup/postgres-backup';
import { requirePostgresTool } from '../backup/postgres-tools';
import { backUpSqliteEvents, requireSqliteEvents } from '../backup/sqlite-events-backup';
import { LEFT_OUT_OF_BACKUPS } from '../stores/engine-files';
import { backupFolderArgument } from './backup-folder-argument';
import { makeFolders } from '../backup/make-folders';

const usage =
  'backup <folder>\n' +
  '  Backs up, while the engine runs, what the engine cannot make again, into a new or empty\n' +
  '  <folder>: SQLite: a consistent copy of events.sqlite, then credentials.sqlite and the\n' +
  '  attachments; PostgreSQL: pg_dump of the events, attachments and credentials tables. What is\n' +
  '  left out is made again from the events. EventStoreDB’s files cannot be reached from here: it\n' +
  '  backs up the node’s files, says how to copy the store, and exits 1.';

export const backupCommand: Command = {
  usage,
  async run(args, { env, stdout }) {
    const folder = backupFolderArgument(args);
    const settings = validateEnvironment(env);
    requireEmptyFolder(
      folder,
      (contents) =>
        `The backup folder ${folder} is not empty (${contents}). A backup goes into a folder of its own, so that it never mixes with another: name a new one.`,
    );
    if (settings.EVENT_STORE === 'sqlite') requireSqliteEvents(settings.DATA_DIR);
    if (settings.EVENT_STORE === 'postgres') requirePostgresTool('pg_dump');
    makeFolders(folder);
    const takenAt = new Date().toISOString();
    let events: BackedUpEvents | null = null;
    if (settings.EVENT_STORE === 'sqlite') events = backUpSqliteEvents(settings.DATA_DIR, folder);
    if (settings.EVENT_STORE === 'postgres')
      events = await backUpPostgresEvents(settings.DATABASE_URL!, folder);
    // With PostgreSQL, attachments' bytes are rows of the dump; otherwise files in DATA_DIR.
    const node = backUpNodeFiles(settings.DATA_DIR, folder, settings.EVENT_STORE !== 'postgres');
    writeManifest(folder, { takenAt, store: settings.EVENT_STORE, events, ...node });

    stdout(`Backed up to ${folder} (taken at ${takenAt}):`);
    if (events?.tables)
      stdout(
        `  ${events.file}: ${Object.entries(events.tables)
          .map(([name, rows]) => `${rows.toLocaleString('en-GB')} rows of ${name}`)
          .join(', ')}`,
      );
    else if (events) stdout(`  ${events.file}: ${events.count.toLocaleString('en-GB')} events`);
    if (settings.EVENT_STORE !== 'postgres')
      stdout(`  attachments/: ${node.attachmentFiles.toLocaleString('en-GB')} attachments’ files`);
    if (node.credentials)
      stdout(`  ${node.credentials}: passwords, second factors, sign-in links and API tokens`);
    else if (settings.EVENT_STORE !== 'postgres')
      stdout(
        `  no credentials.sqlite in ${settings.DATA_DIR}: nobody has had a password or a link on this node`,
      );
    stdout(
      'Left out, because the engine makes them again from the events or they are short-lived:',
    );
    for (const line of LEFT_OUT_OF_BACKUPS) stdout(`  ${line}`);
    stdout(
      'The backup holds personal data and secrets: keep it encrypted, readable only by those who restore.',
    );
    if (settings.EVENT_STORE !== 'eventstoredb') return 0;
    for (const line of EVENTSTOREDB_BACKUP) process.stderr.write(`${line}\n`);
    return 1;
  },
};
