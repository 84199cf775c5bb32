import { type HttpException } from '@nestjs/common';
import {
  ATTACHMENT_REFUSAL_CODES,
  type AttachmentLimits,
  displayName,
  readableSize,
  type UploadedFile,
} from '@sg/attachments';
import { type Request, type Response } from 'express';
import multer, { MulterError } from 'multer';
import { mediaTypeOf } from '../http/edge/media-type';
import { FILES_FIELD, uploadRefused } from './upload-refusal';

/**
 * Reads the files of a multipart/form-data request into memory, in the field `files` and nothing
 * else, stopping as soon as the request carries more than `limits` allow: a file over the size is
 * not read on (413), and neither is a sixth part of five allowed. Whatever is wrong with the body
 * is a 4xx naming the field.
 */
export async function readUploadedFiles(
  request: Request,
  response: Response,
  limits: AttachmentLimits,
  /** How many text fields a page's form may send beside the files (its form token, its version). */
  textFields = 0,
): Promise<UploadedFile[]> {
  const header = request.headers['content-type'];
  if (header === undefined || mediaTypeOf(header)?.type !== 'multipart/form-data') {
    throw uploadRefused(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Post the files as multipart/form-data, in the field ${FILES_FIELD}`,
    );
  }
  const read = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: limits.maxBytes,
      files: limits.maxFiles,
      parts: limits.maxFiles + textFields,
      fields: textFields,
      fieldSize: 1024,
      fieldNameSize: 100,
      headerPairs: 20,
    },
    // Browsers send a file's name as UTF-8, unlabelled.
    defParamCharset: 'utf8',
  }).array(FILES_FIELD, limits.maxFiles);
  await new Promise<void>((resolve, reject) =>
    read(request, response, (error: unknown) =>
      error === undefined || error === null ? resolve() : reject(refusalOf(error, limits)),
    ),
  );
  const files = (request.files ?? []) as Express.Multer.File[];
  return files.map((file) => ({ originalName: file.originalname, bytes: file.buffer }));
}

function refusalOf(error: unknown, limits: AttachmentLimits): HttpException {
  if (!(error instanceof MulterError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return uploadRefused(400, 'MALFORMED_BODY', `The upload is not well-formed: ${detail}`);
  }
  switch (error.code) {
    case 'LIMIT_FILE_SIZE': {
      // Multer names the file, though its types do not say so.
      const { filename } = error as { filename?: unknown };
      const which = typeof filename === 'string' ? JSON.stringify(displayName(filename)) : 'A file';
      return uploadRefused(
        413,
        ATTACHMENT_REFUSAL_CODES['too-large'],
        `${which} is larger than the ${readableSize(limits.maxBytes, 'down')} allowed`,
      );
    }
    case 'LIMIT_FILE_COUNT':
    case 'LIMIT_PART_COUNT':
      return uploadRefused(
        400,
        ATTACHMENT_REFUSAL_CODES['too-many-files'],
        `Upload at most ${limits.maxFiles} files at a time`,
      );
    case 'LIMIT_UNEXPECTED_FILE':
      return error.field === FILES_FIELD
        ? uploadRefused(
            400,
            ATTACHMENT_REFUSAL_CODES['too-many-files'],
            `Upload at most ${limits.maxFiles} files at a time`,
          )
        : uploadRefused(400, 'UNEXPECTED_FIELD', `Send files in the field ${FILES_FIELD} only`);
    default:
      return uploadRefused(
        400,
        'UNEXPECTED_FIELD',
        `Send files in the field ${FILES_FIELD} and nothing else (${error.message})`,
      );
  }
}
