import { Get, Param, Post, Req, Res, type StreamableFile } from '@nestjs/common';
import {
  AttachmentIntake,
  everyRefusal,
  MAX_FILES_PER_UPLOAD,
  WHAT_MAY_BE_SENT,
} from '@sg/attachments';
import { COMPLAINT_ROLES, INITIAL_STATE, readsAsCouncil, requireAccess } from '@sg/complaints';
import { ComplaintQueries } from '@sg/read-models';
import { type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { asDownload } from '../../attachments/as-download';
import { ComplaintAttachments } from '../../attachments/complaint-attachments';
import { readUploadedFiles } from '../../attachments/uploaded-files';
import { Id } from '../../complaints/complaint-id.param';
import { versionFor } from '../../complaints/complaint-view';
import { malformedVersion, PageCommands, STALE_PAGE_MESSAGE, VERSION } from '../core/page-commands';
import { PageController } from '../core/page-controller';
import { checkCsrf } from '../core/page-csrf';
import { errorsByField, textField } from '../core/page-form';
import { type PageError, PageRenderer } from '../core/page-renderer';
import { uploadRefusal } from '../core/upload-refusal';
import { StaleVersion } from '@sg/complaint-service';

/** The page's form sends its token and the version it showed beside the files. */
const FORM_FIELDS = ['csrfToken', 'version'] as const;

/**
 * Files on a complaint from the pages: adding them (the same checks, store and command as the
 * API's upload) and downloading them (the same headers: always a download, never sniffed).
 */
@PageController('complaints')
export class AttachmentPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: PageCommands,
    private readonly attachments: ComplaintAttachments,
    private readonly intake: AttachmentIntake,
    private readonly queries: ComplaintQueries,
  ) {}

  @Get(':id/files/new')
  @RolesAllowed(...COMPLAINT_ROLES)
  async uploadPage(
    @Id() id: string,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    await this.renderUpload(request, response, id, []);
  }

  @Post(':id/files')
  @RolesAllowed(...COMPLAINT_ROLES)
  async upload(@Id() id: string, @Req() request: RequestWithIdentity, @Res() response: Response) {
    let errors: PageError[];
    let chosen = 0;
    try {
      const outcome = await this.attachments.add(
        id,
        // The version is checked once the form is read: a multipart body is read in the handler.
        this.commands.commandRequest(request, {}),
        async () => {
          const files = await readUploadedFiles(
            request,
            response,
            this.intake.limits,
            FORM_FIELDS.length,
          );
          chosen = files.length;
          const form = (request.body ?? {}) as Record<string, unknown>;
          checkCsrf(request, form.csrfToken);
          const shown = textField(form, 'version');
          if (shown !== '' && !VERSION.test(shown)) throw malformedVersion();
          const latest = await this.queries.complaint(id);
          const version = latest && versionFor(request.actor!, latest.state, latest.history);
          if (VERSION.test(shown) && latest && BigInt(shown) !== version)
            throw new StaleVersion(BigInt(shown), version!);
          return files;
        },
      );
      if ('added' in outcome) {
        const count = (await this.commands.shown(outcome.added)).appended.length;
        return this.pages.redirect(
          response,
          `/complaints/${id}`,
          count === 1 ? 'File added' : `${count} files added`,
        );
      }
      const refusals = everyRefusal(outcome);
      errors = refusals.map((refused) => ({ text: refused.message, href: '#files' }));
      // An upload is recorded whole or not at all: the files that passed with these were not added.
      if (chosen > refusals.filter((refused) => refused.fileName !== null).length)
        errors.push({
          text: 'No file you chose was added. Choose the others again, without the files refused',
          href: '#files',
        });
    } catch (error) {
      const refusal =
        error instanceof StaleVersion
          ? { text: STALE_PAGE_MESSAGE, href: '#files' }
          : uploadRefusal(error);
      if (!refusal) throw error;
      errors = [refusal];
    }
    await this.renderUpload(request, response, id, errors, 400);
  }

  @Get(':id/attachments/:attachmentId')
  @RolesAllowed(...COMPLAINT_ROLES)
  async download(
    @Id() id: string,
    @Param('attachmentId') attachmentId: string,
    @Req() request: RequestWithIdentity,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(response, await this.attachments.open(request.actor!, id, attachmentId));
  }

  private async renderUpload(
    request: RequestWithIdentity,
    response: Response,
    id: string,
    errors: PageError[],
    status = 200,
  ) {
    const found = await this.queries.complaint(id);
    const complaint = requireAccess(request.actor!, found?.state ?? INITIAL_STATE);
    this.pages.render(
      request,
      response,
      'complaint/upload.njk',
      {
        pageTitle: 'Add files',
        backLink: { href: `/complaints/${id}`, text: 'Back to the complaint' },
        complaint,
        // Files are the school's to read too: council staff are told before they add one.
        council: readsAsCouncil(request.actor!, complaint.schoolUrn),
        version: String(versionFor(request.actor!, complaint, found!.history)),
        maxFiles: MAX_FILES_PER_UPLOAD,
        maxSize: `${Math.floor(this.intake.limits.maxBytes / 1024 / 1024)} MB`,
        allowed: WHAT_MAY_BE_SENT,
        errorList: errors,
        fieldErrors: errorsByField(errors),
        idempotencyKey: randomUUID(),
      },
      status,
    );
  }
}
