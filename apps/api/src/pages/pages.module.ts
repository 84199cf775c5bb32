import { Module } from '@nestjs/common';
import { ComplaintServiceModule } from '@sg/complaint-service';
import { ReadModelsModule } from '@sg/read-models';
import { AuthModule } from '../auth/auth.module';
import { ComplaintPagesController } from './complaint/complaint-pages.controller';
import { PageCommands } from './core/page-commands';
import { PageRenderer } from './core/page-renderer';
import { SignInPagesController } from './sign-in/sign-in-pages.controller';
import { StartPagesController } from './start/start-pages.controller';

/** The GOV.UK pages: a channel like the API, sending the same commands and reading the same read models. */
@Module({
  imports: [ComplaintServiceModule, ReadModelsModule, AuthModule],
  controllers: [StartPagesController, SignInPagesController, ComplaintPagesController],
  providers: [PageRenderer, PageCommands],
  exports: [PageRenderer, PageCommands],
})
export class PagesModule {}
