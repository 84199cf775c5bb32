import { createHash, randomBytes } from 'node:crypto';
import { type Readable } from 'node:stream';
import { type AttachmentStore } from '../attachment-store';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * What every AttachmentStore adapter guarantees, as one suite. `open` is called for each test and
 * again when a test wants a second store on the same backing, as two API nodes would have.
 */
export function attachmentStoreConformance(
  name: string,
  open: () => Promise<AttachmentStore>,
): void {
  describe(`${name}: attachment store conformance`, () => {
    let store: AttachmentStore;

    beforeEach(async () => {
      store = await open();
    });

    it('keeps bytes under their SHA-256 and gives them back whole', async () => {
      const bytes = randomBytes(70_000);
      const stored = await store.put(bytes);
      expect(stored).toEqual({ sha256: sha256Of(bytes), sizeBytes: bytes.length });
      const file = await store.open(stored.sha256);
      expect(file?.sizeBytes).toBe(bytes.length);
      expect((await bytesOf(file!.stream)).equals(bytes)).toBe(true);
    });

    it('the same bytes again are the same file, whoever sends them', async () => {
      const bytes = randomBytes(1000);
      const first = await store.put(bytes);
      const again = await (await open()).put(new Uint8Array(bytes));
      expect(again).toEqual(first);
      expect((await bytesOf((await store.open(first.sha256))!.stream)).equals(bytes)).toBe(true);
    });

    it('the same bytes sent at once by several uploads end up kept once, whole', async () => {
      const bytes = randomBytes(300_000);
      const stores = await Promise.all([open(), open(), open()]);
      const stored = await Promise.all(stores.map((each) => each.put(bytes)));
      expect(new Set(stored.map((each) => each.sha256)).size).toBe(1);
      expect((await bytesOf((await store.open(stored[0].sha256))!.stream)).equals(bytes)).toBe(
        true,
      );
    });

    it('an empty file has a digest too', async () => {
      const stored = await store.put(new Uint8Array());
      expect(stored).toEqual({ sha256: sha256Of(new Uint8Array()), sizeBytes: 0 });
      expect((await bytesOf((await store.open(stored.sha256))!.stream)).length).toBe(0);
    });

    it('another store on the same backing reads what this one kept', async () => {
      const bytes = randomBytes(500);
      const { sha256 } = await store.put(bytes);
      const other = await open();
      expect((await bytesOf((await other.open(sha256))!.stream)).equals(bytes)).toBe(true);
    });

    it('has nothing under a digest it was never given', async () => {
      expect(await store.open(sha256Of(randomBytes(16)))).toBeNull();
    });

    it.each([
      ['a digest in capitals', 'A'.repeat(64)],
      ['a short digest', 'a'.repeat(63)],
      ['a path', `../${'a'.repeat(61)}`],
      ['a path to a folder of the store', 'ab'],
      ['nothing', ''],
    ])('has nothing under %s', async (_, sha256) => {
      expect(await store.open(sha256)).toBeNull();
    });
  });
}
