import { type ContactPerson } from '@sg/complaints';

const APOSTROPHES = /['’‘`]/g;

/**
 * Text as the search indexes hold it and as a search reads it: "St John's" and "St John’s" are
 * "St Johns", so that "Johns", "John's" and "John" all find it (the index's tokenizer would
 * otherwise split it into "John" and "s").
 */
export const searchableWords = (text: string): string => text.replace(APOSTROPHES, '');

/** A school's contact as the search finds them: by name, or by the address they write from. */
export const contactWords = (contact: ContactPerson) =>
  searchableWords([contact.name, contact.email ?? ''].join(' '));
