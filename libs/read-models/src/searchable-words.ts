import { type ContactPerson } from '@sg/complaints';

const APOSTROPHES = /['’‘`]/g;

/**
 * Text as the search indexes hold it and as a search reads it: "St John's" and "St John’s" are
 * "St Johns", so that "Johns", "John's" and "John" all find it (the index's tokenizer would
 * otherwise split it into "John" and "s").
 */
export const searchableWords = (text: string): string => text.replace(APOSTROPHES, '');

/**
 * An email address as one word of the index: its letters and digits run together, so that the
 * whole address (or its start) finds it without its domain's parts ("lancs", "sch", "uk"), which
 * most contacts share, matching every complaint.
 */
export const addressWord = (address: string) =>
  address.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Whether a search is for an email address, found by `addressWord`. */
export const isAddress = (text: string) => /^[^\s@]+@[^\s@]*$/.test(text.trim());

/**
 * A school's contact as the search finds them: by name, by the name part of the address they
 * write from ("j.patel"), or by the whole address.
 */
export const contactWords = (contact: ContactPerson) =>
  searchableWords(
    [
      contact.name,
      contact.email ? contact.email.split('@')[0] : '',
      contact.email ? addressWord(contact.email) : '',
    ].join(' '),
  );
