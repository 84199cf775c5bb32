import { Get, Inject, Req, Res, type StreamableFile } from '@nestjs/common';
import { ATTACHMENT_STORE, type AttachmentStore } from '@sg/attachments';
import {
  COMPLAINT_ROLES,
  INITIAL_STATE,
  notFound,
  readsCouncilNotes,
  requireAccess,
} from '@sg/complaints';
import { MailIntake } from '@sg/mail';
import { ComplaintQueries } from '@sg/read-models';
import { type Response } from 'express';
import { storedBytesAsDownload } from '../../attachments/as-download';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { Id } from '../../complaints/complaint-id.param';
import { PageController } from '../core/page-controller';
import { MailId } from '../mail/mail-id.param';

const NO_SUCH_EMAIL = () => notFound('MAIL_NOT_FOUND', 'There is no such email');

/**
 * The email that lodged or answered a complaint, whole, as it arrived (kept by its digest): for
 * the council's staff who may see the complaint, as a download that opens in a mail client and
 * never in the browser. The school, and anyone else, find no such page.
 */
@PageController('complaints')
export class ComplaintEmailsController {
  constructor(
    private readonly queries: ComplaintQueries,
    @Inject(MailIntake) private readonly intake: MailIntake,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
  ) {}

  @Get(':id/emails/:mailId')
  @RolesAllowed(...COMPLAINT_ROLES)
  async original(
    @Id() id: string,
    @MailId() mailId: string,
    @Req() request: RequestWithIdentity,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const found = await this.queries.complaint(id);
    const complaint = requireAccess(request.actor!, found?.state ?? INITIAL_STATE);
    // The council's copies, officers' emailed notes among them: not for finance paying it, nor
    // for an officer who only logged it, as the notes are not.
    if (!readsCouncilNotes(request.actor!, complaint)) throw NO_SUCH_EMAIL();
    const { state } = await this.intake.load(mailId);
    // An email waiting to be matched only names a complaint; it is not the complaint's until filed.
    if (state.status !== 'filed' || state.complaintId !== id || !state.received)
      throw NO_SUCH_EMAIL();
    const file = await this.store.open(state.received.rawSha256);
    if (!file) throw NO_SUCH_EMAIL();
    return storedBytesAsDownload(
      response,
      file,
      'message/rfc822',
      `${complaint.reference} email ${state.received.at.slice(0, 10)}.eml`,
    );
  }
}
