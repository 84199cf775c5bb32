import { chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandRefused } from '../command-refused';
import { requireDataDirOwner } from './existing-data-dir';

describe('requireDataDirOwner', () => {
  const root = mkdtempSync(join(tmpdir(), 'sg-owner-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lets the folder’s own user write its files, and a folder not made yet be made', () => {
    expect(() => requireDataDirOwner(root)).not.toThrow();
    expect(() => requireDataDirOwner(join(root, 'not-yet'))).not.toThrow();
  });

  it('refuses another user’s folder, naming its owner: the engine could not open what it wrote', () => {
    // Root can give a folder away; anyone else finds one of root's.
    const uid = process.getuid!();
    const another = uid === 0 ? join(root, 'engine') : '/';
    if (uid === 0) {
      mkdirSync(another);
      chownSync(another, 4321, 4321);
    }
    const owner = uid === 0 ? 4321 : 0;
    expect(() => requireDataDirOwner(another)).toThrow(CommandRefused);
    expect(() => requireDataDirOwner(another)).toThrow(
      `belongs to the user with uid ${owner}, and this command runs as uid ${uid}`,
    );
  });
});
