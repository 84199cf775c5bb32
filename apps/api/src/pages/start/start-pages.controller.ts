import { Get, Inject, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CLOCK, type Clock, POLICY } from '@sg/complaint-service';
import { type Policy } from '@sg/complaints';
import { type EnvironmentVariables } from '@sg/config';
import { complaintsMailbox } from '@sg/mail';
import { ComplaintQueries, InboundMailQueries } from '@sg/read-models';
import { type Response } from 'express';
import { Anyone, SignedIn } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { navigationFor } from '../core/navigation';
import { PageController } from '../core/page-controller';
import { PageRenderer } from '../core/page-renderer';
import { workWaiting } from './work-waiting';

/** The pages anyone may read: what the guarantee promises, and the service's statements. */
@PageController()
export class StartPagesController {
  /** The mailbox the engine reads, where a school may write its complaint. */
  private readonly mailbox: string;

  constructor(
    private readonly pages: PageRenderer,
    @Inject(POLICY) private readonly policy: Policy,
    private readonly queries: ComplaintQueries,
    private readonly mail: InboundMailQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.mailbox = complaintsMailbox({
      MAIL_REPLY_TO: config.get('MAIL_REPLY_TO', { infer: true }),
      MAIL_FROM: config.get('MAIL_FROM', { infer: true }),
    });
  }

  @Get()
  @Anyone()
  start(@Req() request: RequestWithIdentity, @Res() response: Response) {
    this.pages.render(request, response, 'start/start.njk', {
      triageDays: this.policy.triageTargetWorkingDays,
      resolutionDays: this.policy.resolutionTargetWorkingDays,
      mailbox: this.mailbox,
    });
  }

  @Get('home')
  @SignedIn()
  async home(@Req() request: RequestWithIdentity, @Res() response: Response) {
    const places = navigationFor(request.actor, request.path);
    // Someone with one place to go (a school's staff, say) goes straight there.
    if (places.length === 1) return response.redirect(303, places[0].href);
    const waiting = await workWaiting(request.actor!, this.queries, this.mail, this.clock.now());
    this.pages.render(request, response, 'start/home.njk', {
      pageTitle: 'Your home page',
      places: places.map((place) => ({ ...place, waiting: waiting[place.href] ?? null })),
    });
  }

  @Get('accessibility')
  @Anyone()
  accessibility(@Req() request: RequestWithIdentity, @Res() response: Response) {
    this.pages.render(request, response, 'start/accessibility.njk');
  }

  @Get('cookies')
  @Anyone()
  cookies(@Req() request: RequestWithIdentity, @Res() response: Response) {
    this.pages.render(request, response, 'start/cookies.njk');
  }

  @Get('privacy')
  @Anyone()
  privacy(@Req() request: RequestWithIdentity, @Res() response: Response) {
    this.pages.render(request, response, 'start/privacy.njk', {
      resolutionDays: this.policy.resolutionTargetWorkingDays,
    });
  }
}
