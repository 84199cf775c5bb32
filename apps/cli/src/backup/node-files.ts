import { constants, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CommandRefused } from '../command-refused';
import { attachmentsFolder, credentialsFile } from '../stores/engine-files';
import { copyAttachmentFiles } from './attachment-files';
import { type BackupManifest } from './backup-manifest';
import { syncFile } from './durable-files';
import { requireSoundSqliteFile, snapshotSqliteFile } from './sqlite-snapshot';
import { makeFolders } from './make-folders';

const CREDENTIALS = 'credentials.sqlite';
const ATTACHMENTS = 'attachments';

export interface BackedUpNodeFiles {
  readonly credentials: string | null;
  readonly attachmentFiles: number;
}

/**
 * What this node keeps in DATA_DIR that no event can make again: `credentials.sqlite` (password
 * hashes, second factors, one-time links, API tokens' digests: secrets are not events, decision
 * 0017) and, unless the bytes live in PostgreSQL, the attachments' files. Call it after the events
 * are backed up: bytes are stored before the event that names them, so every event's are copied.
 */
export function backUpNodeFiles(
  dataDir: string,
  folder: string,
  withAttachmentFiles: boolean,
): BackedUpNodeFiles {
  let credentials: string | null = null;
  if (existsSync(credentialsFile(dataDir))) {
    snapshotSqliteFile(credentialsFile(dataDir), join(folder, CREDENTIALS));
    syncFile(join(folder, CREDENTIALS));
    credentials = CREDENTIALS;
  }
  const attachmentFiles = withAttachmentFiles
    ? copyAttachmentFiles(attachmentsFolder(dataDir), join(folder, ATTACHMENTS))
    : 0;
  syncFile(folder);
  return { credentials, attachmentFiles };
}

/** Puts a backup's node files into an empty DATA_DIR. */
export function restoreNodeFiles(folder: string, manifest: BackupManifest, dataDir: string): void {
  makeFolders(dataDir);
  if (manifest.credentials) {
    requireSoundSqliteFile(join(folder, manifest.credentials));
    copyFileSync(
      join(folder, manifest.credentials),
      credentialsFile(dataDir),
      constants.COPYFILE_EXCL,
    );
    syncFile(credentialsFile(dataDir));
  }
  const attachmentFiles = copyAttachmentFiles(
    join(folder, ATTACHMENTS),
    attachmentsFolder(dataDir),
  );
  syncFile(dataDir);
  if (attachmentFiles !== manifest.attachmentFiles)
    throw new CommandRefused(
      `${join(folder, ATTACHMENTS)} holds ${attachmentFiles} attachments' files, but the backup counted ${manifest.attachmentFiles}: it has changed since it was taken.`,
    );
}
