import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folders templates are read from: ours, then GOV.UK Frontend's and the Ministry of Justice
 * frontend's. Templates are not compiled, so they are found from the project's root, which sits a
 * different number of levels above this file in the sources (tests) and in dist (the built app).
 */
export function viewsDirectories(from: string = __dirname): readonly string[] {
  const root = projectRoot(from);
  return [
    join(root, 'libs', 'web', 'views'),
    join(root, 'node_modules', 'govuk-frontend', 'dist'),
    join(root, 'node_modules', '@ministryofjustice', 'frontend'),
  ];
}

export function projectRoot(from: string = __dirname): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'libs', 'web', 'views'))) return folder;
    if (dirname(folder) === folder)
      throw new Error(`No libs/web/views above ${from}: the pages' templates are missing`);
  }
}
