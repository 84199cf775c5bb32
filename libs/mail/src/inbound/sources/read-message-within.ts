import { type Readable } from 'node:stream';

/** A message stream that went over the size limit; its bytes were read and let go. */
export const OVER_THE_LIMIT = Symbol('over the limit');

/**
 * Reads a message stream to its end and returns its bytes, holding at most `maxBytes` of it:
 * once it goes over, what was kept is dropped and the rest is read only to be discarded, so the
 * sender still gets a reply. Rejects if the stream fails, such as when the client hangs up.
 */
export function readMessageWithin(
  stream: Readable,
  maxBytes: number,
): Promise<Buffer | typeof OVER_THE_LIMIT> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let received = 0;
    stream.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) chunks = [];
      else chunks.push(chunk);
    });
    stream.once('error', (error) => {
      chunks = [];
      reject(error);
    });
    stream.once('end', () =>
      resolve(received > maxBytes ? OVER_THE_LIMIT : Buffer.concat(chunks, received)),
    );
  });
}
