import { Body, Get, Inject, NotFoundException, Post, Req, Res } from '@nestjs/common';
import { CLOCK, type Clock } from '@sg/complaint-service';
import { type Actor, hasRole, type Role } from '@sg/complaints';
import { Directory, PeopleRecords } from '@sg/directory';
import { MAIL_CHOICES, type MailChoice } from '@sg/notifications';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { PageController } from '../core/page-controller';
import { checkCsrf } from '../core/page-csrf';
import { listField } from '../core/page-form';
import { PageRenderer } from '../core/page-renderer';

type Form = Record<string, unknown>;

/** The council's staff; a school's staff are sent only what their own complaint needs. */
const STAFF: Role[] = [
  'business-support',
  'service-manager',
  'board-member',
  'finance',
  'admin',
  'scrutiny',
];

/** Each role's choices under a heading of its own, in the order a complaint reaches them. */
const GROUPS: readonly { role: Role; legend: string }[] = [
  { role: 'business-support', legend: 'As Business Support' },
  { role: 'service-manager', legend: 'For your service' },
  { role: 'board-member', legend: 'As a Board member' },
  { role: 'finance', legend: 'For payments' },
];

const choicesFor = (actor: Actor): MailChoice[] =>
  MAIL_CHOICES.filter((choice) => choice.roles.some((role) => hasRole(actor, role)));

/**
 * "Emails you get": staff turn off the news they would rather read in their queues. Warnings,
 * missed deadlines and escalations are not offered (see MAIL_CHOICES for why).
 */
@PageController('account/mail')
@RolesAllowed(...STAFF)
export class MailPagesController {
  private readonly people: PeopleRecords;

  constructor(
    private readonly pages: PageRenderer,
    private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.people = new PeopleRecords(directory);
  }

  @Get()
  async show(@Req() request: RequestWithIdentity, @Res() response: Response) {
    const actor = await this.personOf(request);
    const turnedOff = new Set(await this.directory.mailTurnedOff(actor.id));
    const choices = choicesFor(actor);
    const groups = GROUPS.filter((group) => hasRole(actor, group.role)).map((group) => ({
      legend: group.legend,
      items: choices
        .filter((choice) => choice.roles.includes(group.role))
        .map((choice) => ({
          value: choice.id,
          text: choice.label,
          checked: !choice.kinds.some((kind) => turnedOff.has(kind)),
        })),
    }));
    this.pages.render(request, response, 'account/mail.njk', {
      pageTitle: 'Emails you get',
      backLink: { href: '/home', text: 'Back to your home page' },
      groups: groups.filter((group) => group.items.length > 0),
    });
  }

  @Post()
  async save(@Body() form: Form, @Req() request: RequestWithIdentity, @Res() response: Response) {
    checkCsrf(request, form.csrfToken);
    const actor = await this.personOf(request);
    const wanted = new Set(listField(form, 'emails'));
    const offered = choicesFor(actor);
    const offeredKinds = new Set<string>(offered.flatMap((choice) => choice.kinds));
    // What they turned off under a role they no longer hold stays off, should it come back.
    const kept = (await this.directory.mailTurnedOff(actor.id)).filter(
      (kind) => !offeredKinds.has(kind),
    );
    const turnedOff = [
      ...kept,
      ...offered.filter((choice) => !wanted.has(choice.id)).flatMap((choice) => choice.kinds),
    ];
    await this.people.setMailPreferences(actor.id, turnedOff, this.clock.now().toISOString(), {
      actor: { id: actor.id, role: actor.roles.find((grant) => STAFF.includes(grant.role))!.role },
    });
    this.pages.redirect(response, '/account/mail', 'Your email choices have been saved');
  }

  /** The person signed in; an API token has no mail of its own, so no such page. */
  private async personOf(request: RequestWithIdentity): Promise<Actor> {
    const actor = request.actor!;
    if (!(await this.directory.person(actor.id)))
      throw new NotFoundException({ code: 'NO_PERSON', message: 'This caller is not a person' });
    return actor;
  }
}
