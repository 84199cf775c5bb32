import { type Directory, URN_PATTERN } from '@sg/directory';
import { type PageError } from './page-renderer';

/**
 * A form's errors with, beside its URN field, one more when the URN is well formed but names no
 * school the directory holds: told with the others, not after they are put right. The command
 * still refuses such a URN itself; this only says so sooner.
 */
export async function withUnknownSchool(
  errors: readonly PageError[],
  urn: string | undefined,
  directory: Directory,
  text: (urn: string) => string,
): Promise<PageError[]> {
  const href = '#schoolUrn';
  if (urn === undefined || !URN_PATTERN.test(urn) || errors.some((error) => error.href === href))
    return [...errors];
  if (await directory.school(urn)) return [...errors];
  return [{ text: text(urn), href }, ...errors];
}
