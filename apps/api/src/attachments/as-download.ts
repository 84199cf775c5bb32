import { StreamableFile } from '@nestjs/common';
import { type StoredFile } from '@sg/attachments';
import { type AttachmentOnFile } from '@sg/complaints';
import { type Response } from 'express';
import { attachmentDisposition } from './content-disposition';
import { servedMediaType } from './served-media-type';

/** A complaint's file as the API and the pages serve it: always a download, never sniffed or kept. */
export function asDownload(
  response: Response,
  opened: { readonly attachment: AttachmentOnFile; readonly file: StoredFile },
): StreamableFile {
  const { attachment, file } = opened;
  return storedBytesAsDownload(
    response,
    file,
    servedMediaType(attachment.mediaType),
    attachment.name,
  );
}

/**
 * Bytes from the store sent as a file to save: its type as given, its name offered, and nothing
 * a browser could sniff, render or keep.
 */
export function storedBytesAsDownload(
  response: Response,
  file: StoredFile,
  contentType: string,
  name: string,
): StreamableFile {
  response.setHeader('Content-Type', contentType);
  response.setHeader('Content-Length', String(file.sizeBytes));
  response.setHeader('Content-Disposition', attachmentDisposition(name));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  // The bytes are as personal as the complaint: no cache keeps them, the browser's included.
  response.setHeader('Cache-Control', 'private, no-store');
  // Should anything ever open it in a window of this site, it runs nothing and loads nothing.
  response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  return new StreamableFile(file.stream);
}
