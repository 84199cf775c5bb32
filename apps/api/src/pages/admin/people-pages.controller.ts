import { Body, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { SignInLog, Sessions } from '@sg/auth';
import { type Actor, conflict } from '@sg/complaints';
import { Directory, LLE_SERVICES, PeopleRecords, type Person } from '@sg/directory';
import { type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { RolesAllowed } from '../../auth/access-policy';
import { PersonIdDto, PersonSessionDto } from '../../auth/admin/person-id.dto';
import { AccountReasonDto, InvitePersonDto, RolesDto } from '../../auth/dto/admin.dto';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { PasswordLinkMail } from '../../auth/password-link-mail';
import { PageController } from '../core/page-controller';
import { checkCsrf } from '../core/page-csrf';
import { checkForm, errorsByField, type FormMessages, textField } from '../core/page-form';
import { type PageError, PageRenderer } from '../core/page-renderer';
import { adminRefusal } from './admin-refusal';
import {
  grantInWords,
  ROLE_NAMES,
  roleFormValues,
  rolesFromForm,
  wordRoleErrors,
} from './role-form';

type Form = Record<string, unknown>;

const by = (actor: Actor) => ({ actor: { id: actor.id, role: 'admin' } });

const SIGN_IN_NAMES: Record<string, string> = {
  password: 'Password',
  'identity-provider': 'Council account (identity provider)',
  'email-link': 'Email link',
};

const ADD_MESSAGES: FormMessages<InvitePersonDto> = {
  name: { empty: 'Enter the person’s name', invalid: 'Enter a name of 200 characters or fewer' },
  email: {
    empty: 'Enter the person’s email address',
    invalid: 'Enter an email address in the correct format, like name@lancashire.gov.uk',
  },
  signIn: { empty: 'Select how the person will sign in' },
};

const REASON_MESSAGES: FormMessages<AccountReasonDto> = {
  reason: {
    empty: 'Enter why you are disabling the account',
    invalid: 'Enter a reason of 500 characters or fewer',
  },
};

/** A person's account in words, for the table and their page. */
function accountState(person: Person): string {
  if (person.disabled) return 'Disabled';
  if (person.signIn === 'password' && !person.passwordSet) return 'Invited: password not chosen';
  return 'Active';
}

const personRow = (person: Person) => ({
  id: person.personId,
  name: person.name,
  email: person.email,
  roles: person.roles.map(grantInWords),
  state: accountState(person),
  disabled: person.disabled,
});

/**
 * Administrators manage people from pages as through the API's people routes: the same directory
 * records, the same DTOs, the same invitations and sessions.
 */
@PageController('admin/people')
@RolesAllowed('admin')
export class PeoplePagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly directory: Directory,
    private readonly people: PeopleRecords,
    private readonly sessions: Sessions,
    private readonly log: SignInLog,
    private readonly passwordLinks: PasswordLinkMail,
  ) {}

  @Get()
  async list(@Req() request: RequestWithIdentity, @Res() response: Response) {
    const people = await this.directory.people();
    this.pages.render(request, response, 'admin/people.njk', {
      pageTitle: 'People',
      columnClasses: 'govuk-grid-column-full',
      backLink: { href: '/admin', text: 'Administration' },
      people: people.map(personRow),
    });
  }

  @Get('new')
  addPage(@Req() request: RequestWithIdentity, @Res() response: Response) {
    this.renderAdd(request, response, { signIn: 'password', ...roleFormValues([]) }, []);
  }

  @Post()
  async add(@Body() form: Form, @Req() request: RequestWithIdentity, @Res() response: Response) {
    checkCsrf(request, form.csrfToken);
    const roles = rolesFromForm(form);
    const body = {
      name: textField(form, 'name').trim(),
      email: textField(form, 'email').trim(),
      signIn: textField(form, 'signIn'),
      roles,
    };
    const checked = await checkForm(InvitePersonDto, body, ADD_MESSAGES);
    if (!checked.ok)
      return this.renderAdd(request, response, form, wordRoleErrors(checked.errors, roles), 400);
    const personId = `person-${randomUUID()}`;
    const value = checked.value;
    try {
      const added = await this.people.add(
        {
          personId,
          name: value.name,
          email: value.email,
          roles: value.roles,
          signIn: value.signIn,
        },
        by(request.actor!),
      );
      if (!added) throw conflict('PERSON_EXISTS', 'That person is already in the directory');
    } catch (error) {
      return this.renderAdd(request, response, form, [adminRefusal(error, '#email')], 400);
    }
    const person = (await this.directory.person(personId))!;
    if (person.signIn === 'password') await this.sendPasswordLink(person);
    this.pages.redirect(
      response,
      `/admin/people/${personId}`,
      person.signIn === 'password'
        ? `${person.name} added. We sent them a link to choose a password`
        : `${person.name} added`,
    );
  }

  @Get(':personId')
  async person(
    @Param() path: PersonIdDto,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const person = await this.existing(path.personId);
    const sessions = await this.sessions.list(person.personId);
    this.pages.render(request, response, 'admin/person.njk', {
      pageTitle: person.name,
      backLink: { href: '/admin/people', text: 'People' },
      // The layout's `person` is the administrator signed in; this page is about `managed`.
      managed: {
        ...personRow(person),
        passwordAccount: person.signIn === 'password' || person.passwordSet,
        secondFactorEnrolled: person.secondFactorEnrolled,
      },
      signInMethod: SIGN_IN_NAMES[person.signIn ?? ''] ?? 'Not invited to sign in',
      sessions: sessions.map((session) => ({
        key: session.key,
        method: session.method,
        signedInAt: session.createdAt,
        lastSeenAt: session.lastSeenAt,
        userAgent: session.userAgent,
      })),
    });
  }

  @Get(':personId/roles')
  async rolesPage(
    @Param() path: PersonIdDto,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const person = await this.existing(path.personId);
    this.renderRoles(request, response, person, roleFormValues(person.roles), []);
  }

  @Post(':personId/roles')
  async setRoles(
    @Param() path: PersonIdDto,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const person = await this.existing(path.personId);
    const roles = rolesFromForm(form);
    const checked = await checkForm(RolesDto, { roles });
    if (!checked.ok)
      return this.renderRoles(
        request,
        response,
        person,
        form,
        wordRoleErrors(checked.errors, roles),
        400,
      );
    try {
      await this.people.setRoles(person.personId, checked.value.roles, by(request.actor!));
    } catch (error) {
      return this.renderRoles(
        request,
        response,
        person,
        form,
        [adminRefusal(error, '#roles')],
        400,
      );
    }
    this.pages.redirect(
      response,
      `/admin/people/${person.personId}`,
      `${person.name}’s roles changed`,
    );
  }

  @Get(':personId/disabling')
  async disablePage(
    @Param() path: PersonIdDto,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const person = await this.existing(path.personId);
    this.renderDisable(request, response, person, {}, []);
  }

  @Post(':personId/disabling')
  async disable(
    @Param() path: PersonIdDto,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const person = await this.existing(path.personId);
    const checked = await checkForm(
      AccountReasonDto,
      { reason: textField(form, 'reason').trim() },
      REASON_MESSAGES,
    );
    if (!checked.ok)
      return this.renderDisable(request, response, person, form, checked.errors, 400);
    await this.people.disable(person.personId, checked.value.reason, by(request.actor!));
    await this.sessions.endAllFor(person.personId);
    this.pages.redirect(
      response,
      `/admin/people/${person.personId}`,
      `${person.name}’s account is disabled and their sessions have ended`,
    );
  }

  @Post(':personId/enabling')
  async enable(
    @Param() path: PersonIdDto,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const person = await this.existing(path.personId);
    await this.people.enable(person.personId, by(request.actor!));
    this.pages.redirect(
      response,
      `/admin/people/${person.personId}`,
      `${person.name} can sign in again`,
    );
  }

  @Post(':personId/second-factor-reset')
  async resetSecondFactor(
    @Param() path: PersonIdDto,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const person = await this.existing(path.personId);
    await this.people.secondFactorReset(person.personId, by(request.actor!));
    await this.sessions.endAllFor(person.personId);
    this.pages.redirect(
      response,
      `/admin/people/${person.personId}`,
      `${person.name} will set up their authenticator app again when they next sign in`,
    );
  }

  @Post(':personId/password-link')
  async passwordLink(
    @Param() path: PersonIdDto,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const person = await this.existing(path.personId);
    if (person.signIn !== 'password' && !person.passwordSet)
      throw conflict('NOT_A_PASSWORD_ACCOUNT', 'This person does not sign in with a password');
    await this.sendPasswordLink(person);
    this.pages.redirect(
      response,
      `/admin/people/${person.personId}`,
      `We sent ${person.name} a link to choose a password`,
    );
  }

  @Post(':personId/sessions/:key/end')
  async endSession(
    @Param() path: PersonSessionDto,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const person = await this.existing(path.personId);
    if (await this.sessions.endOne(person.personId, path.key))
      await this.log.signedOut(person.personId, path.key, request.actor!.id);
    this.pages.redirect(response, `/admin/people/${person.personId}`, 'Session ended');
  }

  private async existing(personId: string): Promise<Person> {
    const person = await this.directory.person(personId);
    if (!person)
      throw new NotFoundException({ code: 'PERSON_NOT_FOUND', message: 'There is no such person' });
    return person;
  }

  /** As the API's people routes do: a link to choose a password, mailed to the person. */
  private async sendPasswordLink(person: Person): Promise<void> {
    await this.passwordLinks.send(person);
  }

  private roleChoices() {
    return {
      roleNames: ROLE_NAMES,
      services: LLE_SERVICES.map((service) => ({ value: service.serviceId, text: service.name })),
    };
  }

  private renderAdd(
    request: RequestWithIdentity,
    response: Response,
    values: Form,
    errors: PageError[],
    status = 200,
  ) {
    this.pages.render(
      request,
      response,
      'admin/add-person.njk',
      {
        pageTitle: 'Add a person',
        backLink: { href: '/admin/people', text: 'People' },
        values,
        errorList: errors,
        fieldErrors: errorsByField(errors),
        ...this.roleChoices(),
      },
      status,
    );
  }

  private renderRoles(
    request: RequestWithIdentity,
    response: Response,
    person: Person,
    values: Form,
    errors: PageError[],
    status = 200,
  ) {
    this.pages.render(
      request,
      response,
      'admin/roles.njk',
      {
        pageTitle: `Change ${person.name}’s roles`,
        backLink: { href: `/admin/people/${person.personId}`, text: person.name },
        managed: personRow(person),
        values,
        errorList: errors,
        fieldErrors: errorsByField(errors),
        ...this.roleChoices(),
      },
      status,
    );
  }

  private renderDisable(
    request: RequestWithIdentity,
    response: Response,
    person: Person,
    values: Form,
    errors: PageError[],
    status = 200,
  ) {
    this.pages.render(
      request,
      response,
      'admin/disable-person.njk',
      {
        pageTitle: `Disable ${person.name}’s account`,
        backLink: { href: `/admin/people/${person.personId}`, text: person.name },
        managed: personRow(person),
        values,
        errorList: errors,
        fieldErrors: errorsByField(errors),
      },
      status,
    );
  }
}
