import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ATTACHMENT_STORE,
  AttachmentIntake,
  type AttachmentStore,
  FilesystemAttachmentStore,
  PostgresAttachmentStore,
  MAX_FILES_PER_UPLOAD,
} from '@sg/attachments';
import { type EnvironmentVariables } from '@sg/config';
import { ReadModelsModule } from '@sg/read-models';
import { join } from 'node:path';
import { AttachmentsController } from './attachments.controller';
import { ComplaintAttachments } from './complaint-attachments';

type Config = ConfigService<EnvironmentVariables, true>;

/**
 * Files on complaints: their bytes in `DATA_DIR/attachments`, the intake that checks and stores an
 * upload, and the routes that add and serve them. The pages import it for the intake and
 * `ComplaintAttachments`.
 */
@Module({
  imports: [ReadModelsModule],
  controllers: [AttachmentsController],
  providers: [
    {
      provide: ATTACHMENT_STORE,
      inject: [ConfigService],
      // With the PostgreSQL event store the nodes may share no disk: the bytes go in its database.
      useFactory: (config: Config): AttachmentStore =>
        config.get('EVENT_STORE', { infer: true }) === 'postgres'
          ? new PostgresAttachmentStore({
              connectionString: config.get('DATABASE_URL', { infer: true }),
            })
          : new FilesystemAttachmentStore(
              join(config.get('DATA_DIR', { infer: true }), 'attachments'),
            ),
    },
    {
      provide: AttachmentIntake,
      inject: [ATTACHMENT_STORE, ConfigService],
      useFactory: (store: AttachmentStore, config: Config) =>
        new AttachmentIntake(store, {
          maxBytes: config.get('ATTACHMENT_MAX_BYTES', { infer: true }),
          maxFiles: MAX_FILES_PER_UPLOAD,
        }),
    },
    ComplaintAttachments,
  ],
  exports: [ATTACHMENT_STORE, AttachmentIntake, ComplaintAttachments],
})
export class AttachmentsModule {}
