import {
  Controller,
  HttpCode,
  HttpException,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables } from '@sg/config';
import { type IntakeOutcome, MailIntake, returnPathOf } from '@sg/mail';
import { type Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Anyone } from '../auth/access-policy';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * A mail provider's inbound webhook posts each message whole (`message/rfc822`) to a URL that
 * carries the shared secret, since most providers can set a URL but not a header. Without the
 * secret, or with none configured, the route does not exist (404), so it tells a prober nothing.
 */
@Controller('api/inbound-mail')
export class InboundMailController {
  private readonly token: Buffer | null;
  private readonly maxBytes: number;

  constructor(
    @Inject(MailIntake) private readonly intake: MailIntake,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    const token = config.get('INBOUND_MAIL_TOKEN', { infer: true });
    this.token = token ? digest(token) : null;
    this.maxBytes = config.get('INBOUND_MAIL_MAX_BYTES', { infer: true });
  }

  @Post(':token')
  @HttpCode(202)
  @Anyone()
  async upload(@Param('token') token: string, @Req() request: Request): Promise<IntakeOutcome> {
    if (!this.token || !timingSafeEqual(digest(token), this.token)) throw new NotFoundException();
    const raw = await readWhole(request, this.maxBytes);
    return this.intake.accept(raw, {
      source: 'upload',
      // A provider posts the message as its server received it, Return-Path and all.
      mailFrom: returnPathOf(raw),
      recipients: [],
      remoteAddress: null,
      heloName: null,
    });
  }
}

/** The body as sent, refused (413) as soon as it passes `maxBytes`, and never held beyond it. */
function readWhole(request: Request, maxBytes: number): Promise<Buffer> {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'message/rfc822' && type !== 'application/octet-stream') {
    return Promise.reject(
      new HttpException(
        {
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: 'Post the message whole, as message/rfc822',
          errors: [{ field: 'Content-Type', messages: ['must be message/rfc822'] }],
        },
        415,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.pause();
        request.removeAllListeners('data');
        reject(
          new HttpException(
            {
              code: 'MESSAGE_TOO_LARGE',
              message: `A message may be at most ${maxBytes} bytes`,
              errors: [{ field: 'body', messages: [`must be at most ${maxBytes} bytes`] }],
            },
            413,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (size === 0) {
        reject(
          new HttpException(
            {
              code: 'VALIDATION_FAILED',
              message: 'The message is empty',
              errors: [{ field: 'body', messages: ['must be a whole message'] }],
            },
            400,
          ),
        );
        return;
      }
      resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}
