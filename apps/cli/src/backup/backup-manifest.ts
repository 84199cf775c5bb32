import { type EventStoreKind, releaseVersion } from '@sg/config';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandRefused } from '../command-refused';
import { syncFile } from './durable-files';

/** Written last, so that a folder without it is a backup that did not finish. */
export const MANIFEST_FILE = 'backup.json';
const FORMAT = 'service-guarantee-backup/1';

export interface BackedUpEvents {
  /** The file in the backup folder. */
  readonly file: string;
  /** How many events it holds, checked again once restored. */
  readonly count: number;
  /** PostgreSQL: the highest transaction id stored with an event; the restored-to server must be past it. */
  readonly highestTransactionId?: string;
  /** PostgreSQL: the rows of each table in the dump (events, attachments, credentials). */
  readonly tables?: Readonly<Record<string, number>>;
}

export interface BackupManifest {
  readonly format: typeof FORMAT;
  /** The release that took it. */
  readonly release: string;
  readonly takenAt: string;
  readonly store: EventStoreKind;
  /** Null for EventStoreDB, whose files are copied by its own method. */
  readonly events: BackedUpEvents | null;
  /** The node's credentials.sqlite, when it had one (with PostgreSQL they are tables of the dump). */
  readonly credentials: string | null;
  /** Files copied from DATA_DIR/attachments (with PostgreSQL the bytes are rows of the dump). */
  readonly attachmentFiles: number;
}

export function writeManifest(
  folder: string,
  content: Omit<BackupManifest, 'format' | 'release'>,
): BackupManifest {
  const manifest: BackupManifest = { format: FORMAT, release: releaseVersion(), ...content };
  const file = join(folder, MANIFEST_FILE);
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
  syncFile(file);
  return manifest;
}

export function readManifest(folder: string): BackupManifest {
  let text: string;
  try {
    text = readFileSync(join(folder, MANIFEST_FILE), 'utf8');
  } catch (error) {
    throw new CommandRefused(
      `${folder} holds no complete backup: ${MANIFEST_FILE} cannot be read ` +
        `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; a backup writes it last).`,
    );
  }
  const manifest = JSON.parse(text) as Partial<BackupManifest>;
  if (manifest.format !== FORMAT)
    throw new CommandRefused(
      `${join(folder, MANIFEST_FILE)} is not a backup this release reads (format ${JSON.stringify(manifest.format)}, expected ${FORMAT}).`,
    );
  return manifest as BackupManifest;
}
