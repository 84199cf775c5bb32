const APOSTROPHES = /['’‘`]/g;

/**
 * Text as the search indexes hold it and as a search reads it: "St John's" and "St John’s" are
 * "St Johns", so that "Johns", "John's" and "John" all find it (the index's tokenizer would
 * otherwise split it into "John" and "s").
 */
export const searchableWords = (text: string): string => text.replace(APOSTROPHES, '');
