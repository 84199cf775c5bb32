import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the sample files live: made by other tools than ours (see the folder's README). */
export const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'attachments');

/** The bytes of one sample file. */
export const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(join(FIXTURES, name)));
