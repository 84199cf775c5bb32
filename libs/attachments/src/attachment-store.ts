import { type Readable } from 'node:stream';

/** Where the bytes were kept, and how many there were. */
export interface StoredBytes {
  /** Lower-case hex SHA-256 of the bytes: their address in the store. */
  readonly sha256: string;
  readonly sizeBytes: number;
}

/** The bytes kept under a digest, to be read once. */
export interface StoredFile {
  readonly sizeBytes: number;
  readonly stream: Readable;
}

/**
 * Attachments' bytes, kept by content: the same bytes are kept once, under their SHA-256, however
 * often and by whomever they are sent. Nothing in the store says who may read what: the complaint's
 * events do, and only the API hands bytes out.
 */
export interface AttachmentStore {
  /** Keeps the bytes, durably, before it resolves; the same bytes again change nothing. */
  put(bytes: Uint8Array): Promise<StoredBytes>;
  /** The bytes kept under `sha256`; null when there are none (or `sha256` is not a digest). */
  open(sha256: string): Promise<StoredFile | null>;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The Nest token under which an app provides its AttachmentStore. */
export const ATTACHMENT_STORE = Symbol('AttachmentStore');
