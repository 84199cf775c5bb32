import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFolders } from './make-folders';

describe('makeFolders', () => {
  const root = mkdtempSync(join(tmpdir(), 'sg-make-folders-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('makes a folder and its missing parents, private to this account, and leaves one that is there', () => {
    const folder = join(root, 'a', 'b', 'c');
    makeFolders(folder);
    makeFolders(folder);
    for (const made of [join(root, 'a'), join(root, 'a', 'b'), folder])
      expect(statSync(made).mode & 0o777).toBe(0o700);
  });

  // Node's recursive mkdir never returns here: the backup hung until killed.
  it('fails at once where a folder cannot be made, as under /proc', () => {
    expect(existsSync('/proc')).toBe(true);
    expect(() => makeFolders('/proc/no-such-folder/backup')).toThrow(/ENOENT/);
  });
});
