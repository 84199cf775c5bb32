import { Body, Get, Inject, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { POLICY } from '@sg/complaint-service';
import { SignInLog, Sessions } from '@sg/auth';
import { type Actor, conflict, type Policy } from '@sg/complaints';
import { Directory, PeopleRecords, type Person, schoolStaffOnly } from '@sg/directory';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { addPerson } from '../../auth/admin/add-person';
import { SignInMethodChange } from '../../auth/admin/change-sign-in-method';
import { requireBoardQuorumKept } from '../../auth/admin/board-quorum-kept';
import { PersonIdDto, PersonSessionDto } from '../../auth/admin/person-id.dto';
import {
  AccountReasonDto,
  InvitePersonDto,
  RolesDto,
  SignInMethodDto,
} from '../../auth/dto/admin.dto';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { sessionView } from '../../auth/sign-in.controller';
import { PasswordLinkMail } from '../../auth/password-link-mail';
import { PageController } from '../core/page-controller';
import { checkCsrf } from '../core/page-csrf';
import { checkForm, type FormMessages, textField } from '../core/page-form';
import { PageRenderer } from '../core/page-renderer';
import { AdminForm } from './admin-form';
import { pageNumbers, peopleListHref, peopleListPage, peopleListQuery } from './people-list';
import {
  checkRoleForm,
  grantInWords,
  ROLE_CHOICES,
  roleFormValues,
  rolesFromForm,
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

/** How a person signs in, as the end of a sentence: "… now signs in with a password". */
const SIGN_IN_WAYS: Record<string, string> = {
  password: 'with a password',
  'identity-provider': 'with their council account',
  'email-link': 'with a link emailed to their address at the school',
};

const SIGN_IN_MESSAGES: FormMessages<SignInMethodDto> = {
  signIn: { empty: 'Select how the person will sign in' },
};

/** How a person signs in, in words: accounts made before invitations (the demo's, an import's) say nothing of it, and one with a password signs in with it. */
const signInInWords = (person: Person) =>
  SIGN_IN_NAMES[person.signIn ?? (person.passwordSet ? 'password' : '')] ??
  'Not invited to sign in';

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

/** Every change to a person ends on their page. */
const personPage = (person: Person) => `/admin/people/${person.personId}`;

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
    private readonly signInChange: SignInMethodChange,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  @Get()
  async list(@Query() query: Form, @Req() request: RequestWithIdentity, @Res() response: Response) {
    const asked = peopleListQuery(query);
    const found = peopleListPage(await this.directory.people(), asked);
    const pageLink = (page: number) => ({
      number: page,
      href: peopleListHref(asked, page),
      current: page === found.page,
    });
    this.pages.render(request, response, 'admin/people.njk', {
      pageTitle: found.pages > 1 ? `People (page ${found.page} of ${found.pages})` : 'People',
      columnClasses: 'govuk-grid-column-full',
      backLink: { href: '/admin', text: 'Administration' },
      search: asked.search,
      role: asked.role,
      roleItems: [
        { value: '', text: 'Any role' },
        ...Object.entries(ROLE_CHOICES.roleNames).map(([value, text]) => ({ value, text })),
      ],
      people: found.people.map(personRow),
      total: found.total,
      from: found.from,
      to: found.to,
      filtered: asked.search !== '' || asked.role !== '',
      pagination:
        found.pages > 1
          ? {
              previous: found.page > 1 ? { href: peopleListHref(asked, found.page - 1) } : null,
              next:
                found.page < found.pages ? { href: peopleListHref(asked, found.page + 1) } : null,
              items: pageNumbers(found.page, found.pages).map((page) =>
                page === null ? { ellipsis: true } : pageLink(page),
              ),
            }
          : null,
    });
  }

  @Get('new')
  addPage(@Req() request: RequestWithIdentity, @Res() response: Response) {
    this.addForm(request, response).show({ signIn: 'password', ...roleFormValues([]) });
  }

  @Post()
  async add(@Body() form: Form, @Req() request: RequestWithIdentity, @Res() response: Response) {
    checkCsrf(request, form.csrfToken);
    const body = {
      name: textField(form, 'name').trim(),
      email: textField(form, 'email').trim(),
      signIn: textField(form, 'signIn'),
      roles: rolesFromForm(form),
    };
    const checked = await checkRoleForm(InvitePersonDto, body, this.directory, ADD_MESSAGES);
    await this.addForm(request, response).submit(
      form,
      checked,
      async (invite) => {
        const { person, passwordLink } = await addPerson(
          this.directory,
          this.people,
          this.passwordLinks,
          invite,
          request.actor!,
        );
        const flash = passwordLink
          ? `${person.name} added. We sent them a link to choose a password`
          : `${person.name} added`;
        return { to: personPage(person), flash };
      },
      '#email',
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
      signInMethod: signInInWords(person),
      sessions: sessions.map((session) => sessionView(session, null)),
    });
  }

  @Get(':personId/roles')
  async rolesPage(
    @Param() path: PersonIdDto,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const person = await this.existing(path.personId);
    this.rolesForm(request, response, person).show(roleFormValues(person.roles));
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
    const checked = await checkRoleForm(RolesDto, { roles: rolesFromForm(form) }, this.directory);
    await this.rolesForm(request, response, person).submit(
      form,
      checked,
      async ({ roles }) => {
        await requireBoardQuorumKept(this.directory, this.policy, person.personId, roles);
        await this.people.setRoles(person.personId, roles, by(request.actor!));
        return { to: personPage(person), flash: `${person.name}’s roles changed` };
      },
      '#roles',
    );
  }

  @Get(':personId/disabling')
  async disablePage(
    @Param() path: PersonIdDto,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    this.disableForm(request, response, await this.existing(path.personId)).show();
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
    await this.disableForm(request, response, person).submit(
      form,
      checked,
      async ({ reason }) => {
        await this.people.disable(person.personId, reason, by(request.actor!));
        await this.sessions.endAllFor(person.personId);
        return {
          to: personPage(person),
          flash: `${person.name}’s account is disabled and their sessions have ended`,
        };
      },
      '#reason',
    );
  }

  @Get(':personId/sign-in-method')
  async signInMethodPage(
    @Param() path: PersonIdDto,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const person = await this.existing(path.personId);
    this.signInForm(request, response, person).show({ signIn: person.signIn ?? '' });
  }

  @Post(':personId/sign-in-method')
  async changeSignIn(
    @Param() path: PersonIdDto,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const person = await this.existing(path.personId);
    const checked = await checkForm(
      SignInMethodDto,
      { signIn: textField(form, 'signIn') },
      SIGN_IN_MESSAGES,
    );
    await this.signInForm(request, response, person).submit(
      form,
      checked,
      async ({ signIn }) => {
        const changed = await this.signInChange.change(person.personId, signIn, request.actor!);
        const now = `${person.name} now signs in ${SIGN_IN_WAYS[signIn]}, and their sessions have ended`;
        return {
          to: personPage(person),
          flash: !changed.changed
            ? `${person.name} already signs in that way: nothing changed`
            : changed.passwordLinkExpiresAt
              ? `${now}. We emailed them a link to choose a password`
              : now,
        };
      },
      '#signIn',
    );
  }

  @Post(':personId/enabling')
  enable(
    @Param() path: PersonIdDto,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    return this.personPageButton(path.personId, form, request, response, async (person) => {
      await this.people.enable(person.personId, by(request.actor!));
      return `${person.name} can sign in again`;
    });
  }

  @Post(':personId/second-factor-reset')
  resetSecondFactor(
    @Param() path: PersonIdDto,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    return this.personPageButton(path.personId, form, request, response, async (person) => {
      await this.people.secondFactorReset(person.personId, by(request.actor!));
      await this.sessions.endAllFor(person.personId);
      return `${person.name} will set up their authenticator app again when they next sign in`;
    });
  }

  @Post(':personId/password-link')
  passwordLink(
    @Param() path: PersonIdDto,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    return this.personPageButton(path.personId, form, request, response, async (person) => {
      if (person.signIn !== 'password' && !person.passwordSet)
        throw conflict('NOT_A_PASSWORD_ACCOUNT', 'This person does not sign in with a password');
      await this.passwordLinks.send(person);
      return `We sent ${person.name} a link to choose a password`;
    });
  }

  @Post(':personId/sessions/:key/end')
  endSession(
    @Param() path: PersonSessionDto,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    return this.personPageButton(path.personId, form, request, response, async (person) => {
      if (await this.sessions.endOne(person.personId, path.key))
        await this.log.signedOut(person.personId, path.key, request.actor!.id);
      return 'Session ended';
    });
  }

  /** A button on a person's page: it does what it says, then back to their page to say it is done. */
  private async personPageButton(
    personId: string,
    form: Form,
    request: RequestWithIdentity,
    response: Response,
    act: (person: Person) => Promise<string>,
  ) {
    checkCsrf(request, form.csrfToken);
    const person = await this.existing(personId);
    this.pages.redirect(response, personPage(person), await act(person));
  }

  private async existing(personId: string): Promise<Person> {
    const person = await this.directory.person(personId);
    if (!person)
      throw new NotFoundException({ code: 'PERSON_NOT_FOUND', message: 'There is no such person' });
    return person;
  }

  private addForm(request: RequestWithIdentity, response: Response) {
    return new AdminForm(this.pages, request, response, 'admin/add-person.njk', {
      pageTitle: 'Add a person',
      backLink: { href: '/admin/people', text: 'People' },
      ...ROLE_CHOICES,
    });
  }

  private rolesForm(request: RequestWithIdentity, response: Response, person: Person) {
    return new AdminForm(this.pages, request, response, 'admin/roles.njk', {
      pageTitle: `Change ${person.name}’s roles`,
      backLink: { href: personPage(person), text: person.name },
      managed: personRow(person),
      ...ROLE_CHOICES,
    });
  }

  private signInForm(request: RequestWithIdentity, response: Response, person: Person) {
    return new AdminForm(this.pages, request, response, 'admin/sign-in-method.njk', {
      pageTitle: `Change how ${person.name} signs in`,
      backLink: { href: personPage(person), text: person.name },
      managed: personRow(person),
      signInMethod: signInInWords(person).toLowerCase(),
      // School staff alone: someone with no role yet is given one before a way to sign in.
      offerEmailLink: person.roles.length > 0 && schoolStaffOnly(person),
    });
  }

  private disableForm(request: RequestWithIdentity, response: Response, person: Person) {
    return new AdminForm(this.pages, request, response, 'admin/disable-person.njk', {
      pageTitle: `Disable ${person.name}’s account`,
      backLink: { href: personPage(person), text: person.name },
      managed: personRow(person),
    });
  }
}
