import { cpSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a production machine holds beside Node and the production dependencies: the package files
 * the production install reads (and image scanners too), the compiled apps and libraries, and the
 * files they read at run time: the pages' templates and assets, and the mail templates. The
 * Dockerfile's runtime stage copies exactly these, and node_modules from its install stage.
 */
export const RUNTIME_PATHS: readonly string[] = [
  'package.json',
  'package-lock.json',
  'dist/apps',
  'dist/libs',
  'libs/web/views',
  'libs/web/assets',
  'libs/notifications/templates',
];

/** Copies the runtime contents from a built checkout into an empty folder. */
export function copyRuntimeContents(checkout: string, folder: string): void {
  for (const path of RUNTIME_PATHS)
    cpSync(join(checkout, path), join(folder, path), { recursive: true });
}
