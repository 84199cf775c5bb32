import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { FilesystemAttachmentStore } from './filesystem-attachment-store';
import { attachmentStoreConformance } from './testing/attachment-store.conformance';

const folder = mkdtempSync(join(tmpdir(), 'sg-attachments-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const shared = join(folder, 'shared');
attachmentStoreConformance('Files in a folder', () =>
  Promise.resolve(new FilesystemAttachmentStore(shared)),
);

/** Every file under `root`, relative to it. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

describe('FilesystemAttachmentStore', () => {
  it('files the bytes at ab/cd/<sha256>, readable by the service alone, and leaves nothing else', async () => {
    const root = join(folder, 'layout');
    const store = new FilesystemAttachmentStore(root);
    const { sha256 } = await store.put(new TextEncoder().encode('Lessons missed'));
    expect(filesUnder(root)).toEqual([join(sha256.slice(0, 2), sha256.slice(2, 4), sha256)]);
    expect(statSync(store.pathOf(sha256)).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, sha256.slice(0, 2))).mode & 0o077).toBe(0);
  });

  it('a file at the digest’s place but of the wrong size (a disk fault) is written again, whole', async () => {
    const root = join(folder, 'repair');
    const store = new FilesystemAttachmentStore(root);
    const bytes = new TextEncoder().encode('The lessons were cancelled without notice.');
    const { sha256 } = await store.put(bytes);
    writeFileSync(store.pathOf(sha256), bytes.subarray(0, 10));
    await store.put(bytes);
    const file = await store.open(sha256);
    file?.stream.destroy();
    expect(file?.sizeBytes).toBe(bytes.length);
  });

  it('what a crash left half-written is never taken for the file', async () => {
    const root = join(folder, 'crashed');
    const store = new FilesystemAttachmentStore(root);
    const bytes = new TextEncoder().encode('Minutes of the meeting');
    const { sha256 } = await store.put(bytes);
    rmSync(store.pathOf(sha256));
    writeFileSync(join(dirname(store.pathOf(sha256)), `.${sha256}.crashed.partial`), 'Min');
    expect(await store.open(sha256)).toBeNull();
    await store.put(bytes);
    const file = await store.open(sha256);
    file?.stream.destroy();
    expect(file?.sizeBytes).toBe(bytes.length);
  });
});
