import {
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Req,
  Res,
  type StreamableFile,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  AttachmentIntake,
  everyRefusal,
  MAX_FILES_PER_UPLOAD,
  WHAT_MAY_BE_SENT,
} from '@sg/attachments';
import { COMPLAINT_ROLES } from '@sg/complaints';
import { type EnvironmentVariables } from '@sg/config';
import { ReadModelProjector } from '@sg/read-models';
import { type Request, type Response } from 'express';
import { RolesAllowed, SignedIn } from '../auth/access-policy';
import { answerWithView } from '../complaints/command-answer';
import { type CommandRequest, CommandRequestOf } from '../complaints/command-request';
import { Id } from '../complaints/complaint-id.param';
import { ComplaintAttachments } from './complaint-attachments';
import { asDownload } from './as-download';
import { FILES_FIELD, intakeRefused } from './upload-refusal';
import { readUploadedFiles } from './uploaded-files';

/**
 * Files on a complaint: anyone who may see the complaint adds them while it is open, and reads
 * them back, always as a download: never shown in the browser's own window, never sniffed.
 */
@ApiTags('complaints')
@Controller('api/complaints')
export class AttachmentsController {
  private readonly readWaitMs: number;

  constructor(
    private readonly attachments: ComplaintAttachments,
    private readonly intake: AttachmentIntake,
    private readonly projector: ReadModelProjector,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.readWaitMs = config.get('READ_YOUR_WRITES_TIMEOUT_MS', { infer: true });
  }

  @Post(':id/attachments')
  @HttpCode(200)
  // Who may see the complaint is the domain's rule; checked before a byte of the upload is read.
  @RolesAllowed(...COMPLAINT_ROLES)
  @ApiOperation({
    operationId: 'attach',
    summary: 'Add files to the complaint: anyone who may see it, while it is open',
    description: `Up to ${MAX_FILES_PER_UPLOAD} files in the multipart field \`${FILES_FIELD}\`, each no larger than ATTACHMENT_MAX_BYTES (10 MB unless configured). Each file's type is found from its bytes, and its name must agree: ${WHAT_MAY_BE_SENT}. The answer is the complaint, listing its files. Idempotency-Key is not read here: the same file under the same name is recorded once whatever happens.`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [FILES_FIELD],
      properties: {
        [FILES_FIELD]: { type: 'array', items: { type: 'string', format: 'binary' } },
      },
    },
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag last read; 412 if the complaint has changed since',
  })
  @ApiResponse({ status: 413, description: 'ATTACHMENT_TOO_LARGE: a file is over the limit' })
  @ApiResponse({
    status: 415,
    description:
      'ATTACHMENT_TYPE_NOT_ALLOWED or ATTACHMENT_TYPE_MISMATCH, naming the file; or not multipart',
  })
  async attach(
    @Id() complaintId: string,
    @CommandRequestOf() request: CommandRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.attachments.add(complaintId, request, () =>
      readUploadedFiles(req, res, this.intake.limits),
    );
    if ('refused' in outcome) throw intakeRefused(everyRefusal(outcome));
    return answerWithView(res, outcome.added, this.projector, this.readWaitMs, request.actor);
  }

  @Get(':id/attachments/:attachmentId')
  @SignedIn()
  @ApiOperation({
    operationId: 'attachment',
    summary:
      'One file of the complaint, as a download (to anyone who may see the complaint; to anyone else, no such complaint)',
  })
  @ApiProduces('application/octet-stream')
  async attachment(
    @Id() complaintId: string,
    @Param('attachmentId') attachmentId: string,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return asDownload(res, await this.attachments.open(request.actor, complaintId, attachmentId));
  }
}
