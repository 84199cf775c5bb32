import { type Directory } from '@sg/directory';

/** How long the list is reused before it is read again: a school added shows within a minute. */
const REMEMBERED_MS = 60_000;

export interface SchoolChoice {
  readonly value: string;
  readonly text: string;
}

/**
 * Every school, by name, for the list Business Support picks an email's school from. The
 * directory reads its whole store for these, so the list is remembered for a minute rather than
 * read again for every email opened.
 */
export class SchoolChoices {
  private remembered: { readonly choices: SchoolChoice[]; readonly until: number } | null = null;

  constructor(private readonly directory: Directory) {}

  async all(): Promise<readonly SchoolChoice[]> {
    const now = performance.now();
    if (this.remembered && this.remembered.until > now) return this.remembered.choices;
    const choices = [...(await this.directory.schoolNames())]
      .map(([urn, name]) => ({ value: urn, text: `${name} (${urn})` }))
      .sort((a, b) => a.text.localeCompare(b.text, 'en-GB'));
    this.remembered = { choices, until: now + REMEMBERED_MS };
    return choices;
  }
}
