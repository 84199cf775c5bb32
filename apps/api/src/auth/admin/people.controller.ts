import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  Req,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignInLog, Sessions } from '@sg/auth';
import { type Actor, conflict, type Policy } from '@sg/complaints';
import { POLICY } from '@sg/complaint-service';
import { Directory, findPeople, PeopleRecords, type Person } from '@sg/directory';
import { IdempotencyInterceptor } from '../../http/idempotency.interceptor';
import { RolesAllowed } from '../access-policy';
import { AccountReasonDto, InvitePersonDto, RolesDto, SignInMethodDto } from '../dto/admin.dto';
import { type RequestWithIdentity } from '../request-identity';
import { PasswordLinkMail } from '../password-link-mail';
import { sessionView } from '../sign-in.controller';
import { addPerson } from './add-person';
import { SignInMethodChange } from './change-sign-in-method';
import { requireBoardQuorumKept } from './board-quorum-kept';
import { PeopleQueryDto } from './people-query.dto';
import { PersonIdDto, PersonSessionDto } from './person-id.dto';

const noSuchPerson = () =>
  new NotFoundException({ code: 'PERSON_NOT_FOUND', message: 'There is no such person' });

const personView = (person: Person) => ({
  id: person.personId,
  name: person.name,
  email: person.email,
  roles: person.roles,
  signIn: person.signIn,
  disabled: person.disabled,
  passwordSet: person.passwordSet,
  secondFactorEnrolled: person.secondFactorEnrolled,
  identityLinked: person.identityLinked,
});

const by = (actor: Actor) => ({ actor: { id: actor.id, role: 'admin' } });

/** Administrators manage people: who they are, how they sign in, their roles, their sessions. */
@ApiTags('administration')
@Controller('api/admin/people')
@RolesAllowed('admin')
@UseInterceptors(IdempotencyInterceptor)
export class PeopleController {
  constructor(
    private readonly directory: Directory,
    private readonly people: PeopleRecords,
    private readonly sessions: Sessions,
    private readonly log: SignInLog,
    private readonly passwordLinks: PasswordLinkMail,
    private readonly signInChange: SignInMethodChange,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Everyone in the directory by name, with their roles and how they sign in; or those matching q (part of a name or address) and holding role',
  })
  async list(@Query() query: PeopleQueryDto) {
    return findPeople(await this.directory.people(), {
      search: query.q ?? '',
      role: query.role ?? '',
    }).map(personView);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Add a person; one who signs in with a password is mailed a link to choose it (the answer says to whom, never the link)',
  })
  async invite(@Body() body: InvitePersonDto, @Req() request: RequestWithIdentity) {
    const { person, passwordLink } = await addPerson(
      this.directory,
      this.people,
      this.passwordLinks,
      body,
      request.actor!,
    );
    return { ...personView(person), ...(passwordLink && { passwordLink }) };
  }

  @Get(':personId')
  @ApiOperation({ summary: 'One person' })
  async one(@Param() path: PersonIdDto) {
    return personView(await this.existing(path.personId));
  }

  @Put(':personId/roles')
  @ApiOperation({
    summary: 'Set every role the person holds (grants and revocations are recorded)',
  })
  async setRoles(
    @Param() path: PersonIdDto,
    @Body() body: RolesDto,
    @Req() request: RequestWithIdentity,
  ) {
    await this.existing(path.personId);
    await requireBoardQuorumKept(this.directory, this.policy, path.personId, body.roles);
    await this.people.setRoles(path.personId, body.roles, by(request.actor!));
    return personView(await this.existing(path.personId));
  }

  @Post(':personId/disabling')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop the person signing in; their sessions end now' })
  async disable(
    @Param() path: PersonIdDto,
    @Body() body: AccountReasonDto,
    @Req() request: RequestWithIdentity,
  ) {
    await this.existing(path.personId);
    await this.people.disable(path.personId, body.reason, by(request.actor!));
    await this.sessions.endAllFor(path.personId);
    return personView(await this.existing(path.personId));
  }

  @Post(':personId/sign-in-method')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Change how the person signs in; their sessions end now, and one moved to a password is mailed a link to choose it',
    description:
      'A password and second factor left behind stop working (coming back to a password means choosing a new one and enrolling again); an identity provider subject already linked signs them in only while the identity provider is their way. The link goes to the person’s own address only, never in this answer.',
  })
  async changeSignIn(
    @Param() path: PersonIdDto,
    @Body() body: SignInMethodDto,
    @Req() request: RequestWithIdentity,
  ) {
    await this.existing(path.personId);
    const { person, passwordLinkExpiresAt } = await this.signInChange.change(
      path.personId,
      body.signIn,
      request.actor!,
    );
    return {
      ...personView(person),
      ...(passwordLinkExpiresAt && {
        passwordLink: { sentTo: person.email, expiresAt: passwordLinkExpiresAt },
      }),
    };
  }

  @Post(':personId/enabling')
  @HttpCode(200)
  @ApiOperation({ summary: 'Let a disabled person sign in again' })
  async enable(@Param() path: PersonIdDto, @Req() request: RequestWithIdentity) {
    await this.existing(path.personId);
    await this.people.enable(path.personId, by(request.actor!));
    return personView(await this.existing(path.personId));
  }

  @Post(':personId/second-factor/reset')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Clear a lost authenticator: the person enrols again at their next sign-in',
  })
  async resetSecondFactor(@Param() path: PersonIdDto, @Req() request: RequestWithIdentity) {
    await this.existing(path.personId);
    await this.people.secondFactorReset(path.personId, by(request.actor!));
    await this.sessions.endAllFor(path.personId);
    return personView(await this.existing(path.personId));
  }

  @Post(':personId/password-link')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Email the person a new link to choose a password (a forgotten one)',
    description:
      'The link goes to the person’s own address only, never in this answer: with a second-factor reset, an administrator holding it could become any named person, a Board member or finance officer among them.',
  })
  async passwordLink(@Param() path: PersonIdDto) {
    const person = await this.existing(path.personId);
    if (person.signIn !== 'password' && !person.passwordSet)
      throw conflict('NOT_A_PASSWORD_ACCOUNT', 'This person does not sign in with a password');
    return { passwordLink: await this.passwordLinks.send(person) };
  }

  @Get(':personId/sessions')
  @ApiOperation({ summary: 'The person’s live sessions' })
  async personSessions(@Param() path: PersonIdDto) {
    await this.existing(path.personId);
    return (await this.sessions.list(path.personId)).map((session) => sessionView(session, null));
  }

  @Delete(':personId/sessions')
  @HttpCode(200)
  @ApiOperation({ summary: 'End every session the person has' })
  async endSessions(@Param() path: PersonIdDto, @Req() request: RequestWithIdentity) {
    await this.existing(path.personId);
    const sessions = await this.sessions.list(path.personId);
    await this.sessions.endAllFor(path.personId);
    for (const session of sessions)
      await this.log.signedOut(path.personId, session.key, request.actor!.id);
    return { ended: sessions.length };
  }

  @Delete(':personId/sessions/:key')
  @HttpCode(204)
  @ApiOperation({ summary: 'End one of the person’s sessions' })
  async endSession(@Param() path: PersonSessionDto, @Req() request: RequestWithIdentity) {
    await this.existing(path.personId);
    const key = path.key;
    if (!(await this.sessions.endOne(path.personId, key)))
      throw new NotFoundException({
        code: 'SESSION_NOT_FOUND',
        message: 'There is no such session',
      });
    await this.log.signedOut(path.personId, key, request.actor!.id);
  }

  private async existing(personId: string): Promise<Person> {
    const person = await this.directory.person(personId);
    if (!person) throw noSuchPerson();
    return person;
  }
}
