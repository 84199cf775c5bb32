import { URN_PATTERN } from '@sg/directory';
import {
  type AttachmentRef,
  MAX_ATTACHMENT_NAME_LENGTH,
  QUALITY_STANDARD_IDS,
  type QualityStandard,
} from '@sg/complaints';
import { createHash, randomUUID } from 'node:crypto';

/** The contact details the school gives, each as typed (blank ones left out). */
export interface DraftContact {
  readonly name?: string;
  readonly role?: string;
  readonly email?: string;
  readonly phone?: string;
}

/** The contract or booking the complaint concerns; `none` when the school chose none or is unsure. */
export type DraftAgreement =
  { readonly kind: 'contract' | 'booking'; readonly id: string } | { readonly kind: 'none' };

/**
 * A complaint being written, one question at a time, kept with the session between the pages.
 * Only the answers: what the pages list (services, contracts) is looked up again on each page.
 * `key` is the draft's idempotency key, so pressing "Send" twice lodges it once; `lodgedId` is
 * set once it has been lodged, so a second press finds the complaint instead of a new draft.
 */
export interface LodgeDraft {
  readonly key: string;
  readonly lodgedId?: string;
  readonly schoolUrn?: string;
  /** null: the school is not sure which service. */
  readonly serviceId?: string | null;
  readonly agreement?: DraftAgreement;
  readonly summary?: string;
  readonly details?: string;
  readonly standards?: readonly QualityStandard[];
  /** Answered (possibly with nothing) once the page has been passed. */
  readonly desiredOutcome?: string | null;
  /**
   * Files to lodge with it, their bytes already in the attachment store; answered (possibly with
   * none) once the page has been passed.
   */
  readonly attachments?: readonly AttachmentRef[];
  readonly contact?: DraftContact;
}

export const SESSION_KEY = 'lodgeDraft';

export const newDraft = (): LodgeDraft => ({ key: randomUUID() });

/** An object's keys in one order, however it was built, so equal answers digest alike. */
const inOneOrder = (_key: string, value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
    : value;

/**
 * The answers a "Check your answers" page showed, as a digest its form sends back: the draft is
 * one per session, so another tab or window can change it after the page was shown, and sending
 * must lodge what the person checked or nothing.
 */
export const answersDigest = (draft: LodgeDraft): string =>
  createHash('sha256')
    .update(JSON.stringify({ ...draft, lodgedId: undefined }, inOneOrder))
    .digest('base64url');

/** Longer than any answer the API takes: a longer one did not come from these pages. */
const MAX_TEXT = 10_000;
const KEY = /^[\w-]{8,100}$/;
const ID = /^[A-Za-z0-9:._-]{1,100}$/;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]{1,100}$/;
const NOT_IN_A_NAME = /[\p{Cc}/\\]/u;
/** More than one lodging takes: a longer list did not come from these pages. */
const MAX_FILES = 100;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length <= MAX_TEXT ? value : undefined;

const record = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

function agreementFrom(value: unknown): DraftAgreement | undefined {
  const found = record(value);
  if (!found) return undefined;
  if (found.kind === 'none') return { kind: 'none' };
  if ((found.kind === 'contract' || found.kind === 'booking') && typeof found.id === 'string')
    return ID.test(found.id) ? { kind: found.kind, id: found.id } : undefined;
  return undefined;
}

function contactFrom(value: unknown): DraftContact | undefined {
  const found = record(value);
  if (!found) return undefined;
  const contact = {
    name: text(found.name),
    role: text(found.role),
    email: text(found.email),
    phone: text(found.phone),
  };
  return Object.fromEntries(Object.entries(contact).filter(([, field]) => field !== undefined));
}

/** A file as the intake answered it, if every field has the form the intake gives it. */
function attachmentFrom(value: unknown): AttachmentRef[] {
  const found = record(value);
  if (
    !found ||
    typeof found.attachmentId !== 'string' ||
    !ID.test(found.attachmentId) ||
    typeof found.name !== 'string' ||
    found.name.trim() === '' ||
    found.name.length > MAX_ATTACHMENT_NAME_LENGTH ||
    NOT_IN_A_NAME.test(found.name) ||
    !Number.isSafeInteger(found.sizeBytes) ||
    (found.sizeBytes as number) <= 0 ||
    typeof found.mediaType !== 'string' ||
    !MEDIA_TYPE.test(found.mediaType) ||
    typeof found.sha256 !== 'string' ||
    !SHA256_HEX.test(found.sha256)
  )
    return [];
  return [
    {
      attachmentId: found.attachmentId,
      name: found.name,
      sizeBytes: found.sizeBytes as number,
      mediaType: found.mediaType,
      sha256: found.sha256,
    },
  ];
}

/**
 * The draft the session holds, read back field by field: the session store is ours, but what is
 * read back is checked like input, and anything malformed is dropped rather than trusted.
 */
export function draftFrom(stored: string | undefined): LodgeDraft | null {
  if (!stored) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return null;
  }
  const found = record(parsed);
  if (!found || typeof found.key !== 'string' || !KEY.test(found.key)) return null;
  const standards = Array.isArray(found.standards)
    ? found.standards.filter((id): id is QualityStandard =>
        QUALITY_STANDARD_IDS.includes(id as QualityStandard),
      )
    : undefined;
  const draft: LodgeDraft = {
    key: found.key,
    lodgedId:
      typeof found.lodgedId === 'string' && ID.test(found.lodgedId) ? found.lodgedId : undefined,
    schoolUrn:
      typeof found.schoolUrn === 'string' && URN_PATTERN.test(found.schoolUrn)
        ? found.schoolUrn
        : undefined,
    serviceId:
      found.serviceId === null
        ? null
        : typeof found.serviceId === 'string' && ID.test(found.serviceId)
          ? found.serviceId
          : undefined,
    agreement: agreementFrom(found.agreement),
    summary: text(found.summary),
    details: text(found.details),
    standards,
    desiredOutcome: found.desiredOutcome === null ? null : text(found.desiredOutcome),
    attachments: Array.isArray(found.attachments)
      ? found.attachments.slice(0, MAX_FILES).flatMap(attachmentFrom)
      : undefined,
    contact: contactFrom(found.contact),
  };
  return Object.fromEntries(
    Object.entries(draft).filter(([, value]) => value !== undefined),
  ) as unknown as LodgeDraft;
}
