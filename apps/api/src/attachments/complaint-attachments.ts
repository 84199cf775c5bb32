import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ATTACHMENT_STORE,
  AttachmentIntake,
  type AttachmentRefusal,
  type AttachmentStore,
  type StoredFile,
  type UploadedFile,
} from '@sg/attachments';
import {
  CLOCK,
  type Clock,
  type ComplaintCommandResult,
  ComplaintRepository,
  ExecuteComplaintCommand,
  requireUnchangedSinceSeen,
} from '@sg/complaint-service';
import {
  type Actor,
  type AttachmentOnFile,
  INITIAL_STATE,
  notFound,
  requireAccess,
  requireMayAttach,
} from '@sg/complaints';
import { ComplaintQueries } from '@sg/read-models';
import { type CommandRequest } from '../complaints/command-request';

/**
 * Files on complaints, for every channel that handles them (the API, the pages): adding an
 * upload's files, and handing one back to someone who may see it.
 */
@Injectable()
export class ComplaintAttachments {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly queries: ComplaintQueries,
    private readonly intake: AttachmentIntake,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Adds one upload's files to a complaint. Who may is checked first, on the complaint's own
   * stream, and so is the version the client last saw (If-Match); only then is the upload read
   * (`readFiles`), so a stranger's bytes are never read, let alone stored. The files are taken in
   * (checked and stored) and recorded by one command, in one append.
   *
   * Bytes stored for an upload whose command then fails (the complaint closed a moment before)
   * stay in the store, named by no event and so never served.
   */
  async add(
    complaintId: string,
    request: CommandRequest,
    readFiles: () => Promise<readonly UploadedFile[]>,
  ): Promise<
    | { readonly added: ComplaintCommandResult }
    | { readonly refused: AttachmentRefusal; readonly alsoRefused?: readonly AttachmentRefusal[] }
  > {
    const loaded = await this.complaints.load(complaintId);
    requireMayAttach(request.actor, loaded.state);
    requireUnchangedSinceSeen(loaded, request, request.actor);
    const outcome = await this.intake.accept(await readFiles());
    if ('refused' in outcome) return outcome;
    const added = await this.commands.execute(
      new ExecuteComplaintCommand(
        complaintId,
        {
          type: 'AddAttachments',
          actor: request.actor,
          at: this.clock.now().toISOString(),
          attachments: outcome.accepted,
        },
        request,
      ),
    );
    return { added };
  }

  /**
   * One file of a complaint and its bytes, for someone who may see the complaint; anyone else is
   * told exactly what they would be told of a complaint that does not exist.
   */
  async open(
    actor: Actor,
    complaintId: string,
    attachmentId: string,
  ): Promise<{ readonly attachment: AttachmentOnFile; readonly file: StoredFile }> {
    const found = await this.queries.complaint(complaintId);
    const complaint = requireAccess(actor, found?.state ?? INITIAL_STATE);
    const attachment = complaint.attachments.find((each) => each.attachmentId === attachmentId);
    if (!attachment)
      throw notFound('ATTACHMENT_NOT_FOUND', 'There is no such file on this complaint');
    const file = await this.store.open(attachment.sha256);
    if (file === null || file.sizeBytes !== attachment.sizeBytes) {
      file?.stream.destroy();
      // Not the caller's doing: the store has lost or damaged what an event records.
      throw new Error(
        `The attachment store has no intact copy of ${attachment.sha256} (attachment ${attachmentId} of complaint ${complaintId})`,
      );
    }
    return { attachment, file };
  }
}
