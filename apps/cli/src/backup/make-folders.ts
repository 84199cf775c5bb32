import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Makes `folder` and whichever of its parents are missing, one at a time, private to this account.
 * Node's own recursive mkdir never returns on a path under /proc (it takes the refusal for a
 * race and tries again): here the first folder that cannot be made fails with its error.
 */
export function makeFolders(folder: string): void {
  const missing: string[] = [];
  for (let at = resolve(folder); !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const path of missing) mkdirSync(path, { mode: 0o700 });
}
