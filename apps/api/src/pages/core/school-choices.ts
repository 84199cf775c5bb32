import { type Directory, URN_PATTERN } from '@sg/directory';

/** How long the list is reused before it is read again: a school added shows within a minute. */
const REMEMBERED_MS = 60_000;

export interface SchoolChoice {
  readonly value: string;
  readonly text: string;
}

/** The words of a school's name as they are compared: lower case, without punctuation. */
const wordsOf = (text: string) =>
  text
    .toLowerCase()
    // "St Mary’s" is typed "st marys" as often as "st mary's": an apostrophe joins, not splits.
    .replace(/[’']/g, '')
    .replace(/[.,()&-]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

/**
 * Every school, by name, to find a school by what an officer knows of its name or URN (lodging
 * for a school, matching an email to one). The directory reads its whole store for these, so the
 * list is remembered for a minute rather than read again for every form sent.
 */
export class SchoolChoices {
  private remembered: { readonly choices: SchoolChoice[]; readonly until: number } | null = null;

  constructor(private readonly directory: Directory) {}

  async all(): Promise<readonly SchoolChoice[]> {
    const now = performance.now();
    if (this.remembered && this.remembered.until > now) return this.remembered.choices;
    const choices = [...(await this.directory.schoolNames())]
      // The town where the name does not say it: a county has several St Mary's.
      .map(([urn, { name, town }]) => ({
        value: urn,
        text: town && !name.includes(town) ? `${name}, ${town} (${urn})` : `${name} (${urn})`,
      }))
      .sort((a, b) => a.text.localeCompare(b.text, 'en-GB'));
    this.remembered = { choices, until: now + REMEMBERED_MS };
    return choices;
  }

  /**
   * The schools a URN, or words of a name ("fleetwood primary", "St Mary's"), could mean: the
   * school with that URN, or each whose name holds every word given, at the start of one of its
   * words; a number only whole, so a URN typed a digit short ("11900") matches no school's URN.
   * Several schools may share a name, so a name is never taken as one school unless only one
   * matches.
   */
  async matching(text: string): Promise<readonly SchoolChoice[]> {
    const all = await this.all();
    const given = text.trim();
    if (URN_PATTERN.test(given)) return all.filter((choice) => choice.value === given);
    const words = wordsOf(given);
    if (words.length === 0) return [];
    return all.filter((choice) => {
      const named = wordsOf(choice.text);
      return words.every((word) =>
        /^\d+$/.test(word) ? named.includes(word) : named.some((part) => part.startsWith(word)),
      );
    });
  }
}
