import { Module } from '@nestjs/common';
import { ComplaintServiceModule } from '@sg/complaint-service';
import { ReadModelsModule } from '@sg/read-models';
import { AttachmentsModule } from '../attachments/attachments.module';
import { MailIntakeModule } from '../mail-intake/mail-intake.module';
import { MailMatchingPagesController } from './mail/mail-matching-pages.controller';
import { AuthModule } from '../auth/auth.module';
import { AttachmentPagesController } from './complaint/attachment-pages.controller';
import { ADMIN_PAGE_CONTROLLERS } from './admin';
import { ReportPagesController } from './reports/report-pages.controller';
import { ServiceQueuePagesController } from './service-queue/service-queue-pages.controller';
import { SessionPagesController } from './account/session-pages.controller';
import { MailPagesController } from './account/mail-pages.controller';
import { BoardPagesController } from './board/board-pages.controller';
import { ComplaintPagesController } from './complaint/complaint-pages.controller';
import { ComplaintEmailsController } from './complaint/complaint-emails.controller';
import { FinancePagesController } from './finance/finance-pages.controller';
import { DirectoryNames } from './core/directory-names';
import { PageCommands } from './core/page-commands';
import { PageRenderingModule } from './core/page-renderer';
import { SignInPagesController } from './sign-in/sign-in-pages.controller';
import { StartPagesController } from './start/start-pages.controller';
import { LodgeForSchoolPagesController } from './triage/lodge-for-school-pages.controller';
import { TriagePagesController } from './triage/triage-pages.controller';
import { SearchPagesController } from './search/search-pages.controller';
import { LodgePagesController } from './lodge/lodge-pages.controller';
import { YourComplaintsPagesController } from './your-complaints/your-complaints-pages.controller';

/** The GOV.UK pages: a channel like the API, sending the same commands and reading the same read models. */
@Module({
  imports: [
    ComplaintServiceModule,
    ReadModelsModule,
    AuthModule,
    AttachmentsModule,
    PageRenderingModule,
    MailIntakeModule,
  ],
  controllers: [
    StartPagesController,
    SignInPagesController,
    ComplaintPagesController,
    ComplaintEmailsController,
    AttachmentPagesController,
    ReportPagesController,
    SessionPagesController,
    MailPagesController,
    ServiceQueuePagesController,
    TriagePagesController,
    MailMatchingPagesController,
    LodgeForSchoolPagesController,
    SearchPagesController,
    BoardPagesController,
    FinancePagesController,
    LodgePagesController,
    YourComplaintsPagesController,
    ...ADMIN_PAGE_CONTROLLERS,
  ],
  providers: [PageCommands, DirectoryNames],
  exports: [PageCommands, PageRenderingModule],
})
export class PagesModule {}
