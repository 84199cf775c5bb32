import { URN_PATTERN } from '@sg/directory';
import { type SchoolChoice, type SchoolChoices } from './school-choices';
import { type PageError } from './page-renderer';

/** How many schools a name that matches several lists, for the officer to pick the URN from. */
const MATCHES_LISTED = 20;

export interface SchoolNamed {
  /** The URN given, or of the one school the name matches; blank when none could be taken. */
  readonly urn: string;
  /** Why no school could be taken from a name, beside `field`. */
  readonly error?: PageError;
  /** The schools a name could mean, when it matches several. */
  readonly candidates: readonly SchoolChoice[];
}

/** Longer than any school's name in GIAS (about 120 characters), with room to spare. */
const NAME_SEARCH_MAX = 200;

/**
 * The school a person named in `field` by its URN or words of its name, or why none could be
 * taken, with the schools it could mean. A URN, or nothing, is passed on as given for the command
 * to check, so an unknown URN is refused in the same words wherever it comes from.
 */
export async function schoolNamed(
  given: string,
  schools: SchoolChoices,
  field: string,
  /** The school chosen from those a name matched, the page listing them; a URN typed wins. */
  chosen = '',
): Promise<SchoolNamed> {
  const text = given.trim();
  if (URN_PATTERN.test(text)) return { urn: text, candidates: [] };
  if (URN_PATTERN.test(chosen.trim())) return { urn: chosen.trim(), candidates: [] };
  if (text === '') return { urn: text, candidates: [] };
  const href = `#${field}`;
  // No school's name is that long: the search, and the page quoting it back, are spared.
  if (text.length > NAME_SEARCH_MAX)
    return {
      urn: '',
      candidates: [],
      error: {
        href,
        text: `Enter the school’s name in ${NAME_SEARCH_MAX} characters or fewer, or its URN`,
      },
    };
  const found = await schools.matching(text);
  if (found.length === 1) return { urn: found[0].value, candidates: [] };
  if (found.length === 0)
    return {
      urn: '',
      candidates: [],
      error: {
        href,
        text: `No school the council serves has a name like ‘${text}’: check the spelling, or enter its URN`,
      },
    };
  return {
    urn: '',
    candidates: found.slice(0, MATCHES_LISTED),
    error: {
      href,
      text:
        found.length > MATCHES_LISTED
          ? `${found.length} schools have names like ‘${text}’: enter more of the name, or the URN`
          : `${found.length} schools have names like ‘${text}’: choose the one you mean`,
    },
  };
}
