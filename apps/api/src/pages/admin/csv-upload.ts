import { importFileText } from '@sg/directory';
import { type Request, type Response } from 'express';
import multer, { MulterError } from 'multer';

/** The largest CSV an administrator may upload: a whole county's schools is some 300 KB. */
export const CSV_UPLOAD_LIMIT = 2 * 1024 * 1024;

export type CsvUpload =
  | { readonly ok: true; readonly text: string; readonly form: Record<string, unknown> }
  | { readonly ok: false; readonly problem: string; readonly form: Record<string, unknown> };

const readUpload = multer({
  storage: multer.memoryStorage(),
  // One file and the form's token: anything more is not this form.
  limits: { fileSize: CSV_UPLOAD_LIMIT, files: 1, fields: 2, parts: 3, fieldNameSize: 100 },
}).single('file');

/**
 * Reads the one file of an import form, posted as multipart/form-data (which the edge leaves
 * unread outside the API), into memory, stopping at the size limit. A problem with the upload is
 * said as the page says it; the form's other fields come back for its token to be checked.
 */
export async function readCsvUpload(request: Request, response: Response): Promise<CsvUpload> {
  const problem = await new Promise<string | null>((resolve) =>
    readUpload(request, response, (error: unknown) => resolve(uploadProblem(error))),
  );
  const form = (request.body ?? {}) as Record<string, unknown>;
  if (problem) return { ok: false, problem, form };
  const file = request.file;
  if (!file || file.size === 0) return { ok: false, problem: 'Select a CSV file', form };
  // A GIAS extract comes in Windows-1252: read as UTF-8 its accented names would be kept broken.
  return { ok: true, text: importFileText(file.buffer).text, form };
}

function uploadProblem(error: unknown): string | null {
  if (error === undefined || error === null) return null;
  if (error instanceof MulterError && error.code === 'LIMIT_FILE_SIZE')
    return 'The selected file must be smaller than 2 MB';
  if (error instanceof MulterError) return 'Select one CSV file and upload it with this form';
  return 'The file could not be read: select it and upload it again';
}
