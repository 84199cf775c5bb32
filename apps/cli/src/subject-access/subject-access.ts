import { complaintEventFrom, PERSONAL_DATA_FIELDS } from '@sg/complaints';
import { DIRECTORY_PERSONAL_DATA_FIELDS } from '@sg/directory';
import { type EventStore, formatPosition, type RecordedEvent } from '@sg/event-store';
import { INBOUND_MAIL_PERSONAL_DATA_FIELDS } from '@sg/mail';
import { isComplaintEventType } from '../verify/complaint-event-types';
import { NOTIFICATION_PERSONAL_DATA_FIELDS } from './notification-personal-data';

/** Whom a subject access request is from: their address, and the name they go by if given. */
export interface DataSubject {
  readonly email: string;
  readonly name?: string;
}

/** One event holding personal data of the subject, with that data and why it was found. */
export interface SubjectAccessEntry {
  readonly stream: string;
  readonly revision: number;
  readonly position: string;
  readonly type: string;
  readonly recordedAt: string;
  /**
   * `their-complaint`: an event of a complaint they were the school's contact for, with all its
   * personal data (others' too: the officer redacts third parties before it is sent);
   * `names-them`: an event elsewhere whose personal data holds their address or name, or the id
   * of an account with their address (their sign-ins, roles and account's changes).
   */
  readonly found: 'their-complaint' | 'names-them';
  /** The event's personal data fields, by path (`contact.email`), as stored. */
  readonly personalData: Readonly<Record<string, unknown>>;
}

export const PERSONAL_DATA_FIELDS_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  ...NOTIFICATION_PERSONAL_DATA_FIELDS,
  ...(INBOUND_MAIL_PERSONAL_DATA_FIELDS as Record<string, readonly string[]>),
  ...(DIRECTORY_PERSONAL_DATA_FIELDS as Record<string, readonly string[]>),
  ...(PERSONAL_DATA_FIELDS as Record<string, readonly string[]>),
};

const fieldOf = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

/** The value at a declared path; through a list, each item's (`attachments.name`: every file's name). */
const valueAt = (data: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        Array.isArray(value) ? value.map((item) => fieldOf(item, key)) : fieldOf(value, key),
      data,
    );

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.every(isEmpty));

/** An event's data as this release reads it: a complaint's upcast, any other's as stored. */
function dataOf(event: RecordedEvent): unknown {
  if (!isComplaintEventType(event.type)) return event.data;
  try {
    return complaintEventFrom(event).data;
  } catch {
    return event.data;
  }
}

function personalDataOf(event: RecordedEvent): Record<string, unknown> {
  const data = dataOf(event);
  return Object.fromEntries(
    (PERSONAL_DATA_FIELDS_BY_TYPE[event.type] ?? []).flatMap((path) => {
      const value = valueAt(data, path);
      return isEmpty(value) ? [] : [[path, value]];
    }),
  );
}

/**
 * The person an event gives an address to (their account's registration, invitation or claim of
 * the address): what their other events name them by.
 */
const accountOf = (event: RecordedEvent): { personId: string; email: string } | null => {
  const fields = PERSONAL_DATA_FIELDS_BY_TYPE[event.type] ?? [];
  if (!fields.includes('personId') || !fields.includes('email')) return null;
  const { personId, email } = event.data as { personId?: unknown; email?: unknown };
  return typeof personId === 'string' && typeof email === 'string'
    ? { personId, email: email.trim().toLowerCase() }
    : null;
};

const contactEmailOf = (event: RecordedEvent): string | null => {
  if (event.type !== 'ComplaintLodged' && event.type !== 'SchoolContactChanged') return null;
  const email = valueAt(dataOf(event), 'contact.email');
  return typeof email === 'string' ? email.trim().toLowerCase() : null;
};

/**
 * What, right before or after a mention, would make it part of something longer: an address's
 * own characters (a full stop only when more of a domain follows: not a sentence's end), a
 * name's letters.
 */
const ADDRESS = {
  before: String.raw`[\p{L}\p{N}._%+-]`,
  after: String.raw`[\p{L}\p{N}_%+-]|\.[\p{L}\p{N}]`,
};
const NAME = { before: String.raw`[\p{L}\p{N}]`, after: String.raw`[\p{L}\p{N}]` };
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `text` found only whole. */
const wholly = (text: string, joined: { before: string; after: string }) =>
  new RegExp(`(?<!${joined.before})${escaped(text)}(?!${joined.after})`, 'iu');

/**
 * Every event in the store that holds personal data of `subject`, in the store's order: for a
 * data protection officer answering a subject access request (UK GDPR Article 15). It reads the
 * store twice: first for the complaints the subject was the school's contact for, then for what
 * to give. It only reads, so it can run while the engine does.
 */
export async function subjectAccess(
  store: EventStore,
  subject: DataSubject,
): Promise<SubjectAccessEntry[]> {
  const email = subject.email.trim().toLowerCase();
  const name = subject.name?.trim().toLowerCase() || null;
  const theirComplaints = new Set<string>();
  const theirAccounts = new Set<string>();
  for await (const event of store.readAll()) {
    if (contactEmailOf(event) === email) theirComplaints.add(event.stream);
    const account = accountOf(event);
    if (account?.email === email) theirAccounts.add(account.personId);
  }

  // Whole addresses and whole names only: head@ is not in deputyhead@, nor Ann in Joanna.
  const mentions = [wholly(email, ADDRESS), ...(name ? [wholly(name, NAME)] : [])];
  // An account's id is matched whole, as a value of its own: a person id is no word in a text.
  const isTheirs = (value: unknown) => typeof value === 'string' && theirAccounts.has(value);
  const namesThem = (personalData: Record<string, unknown>) =>
    Object.values(personalData).some((value) => {
      if (isTheirs(value) || (Array.isArray(value) && value.some(isTheirs))) return true;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      return mentions.some((mention) => mention.test(text));
    });
  const entries: SubjectAccessEntry[] = [];
  for await (const event of store.readAll()) {
    const personalData = personalDataOf(event);
    const found = theirComplaints.has(event.stream)
      ? 'their-complaint'
      : namesThem(personalData)
        ? 'names-them'
        : null;
    if (!found || (found === 'their-complaint' && Object.keys(personalData).length === 0)) continue;
    entries.push({
      stream: event.stream,
      revision: Number(event.revision),
      position: formatPosition(event.position),
      type: event.type,
      recordedAt: event.recordedAt.toISOString(),
      found,
      personalData,
    });
  }
  return entries;
}
