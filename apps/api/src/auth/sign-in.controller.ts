import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type EmailLinkSignIn,
  type IssuedSession,
  type PasswordInvitations,
  type PasswordSignIn,
  SignInLog,
  Sessions,
  type StoredSession,
} from '@sg/auth';
import { Directory } from '@sg/directory';
import { type Response } from 'express';
import { Anyone, SignedIn } from './access-policy';
import { EMAIL_LINK_SIGN_IN, PASSWORD_INVITATIONS, PASSWORD_SIGN_IN } from './auth.tokens';
import {
  EmailDto,
  EnrolmentConfirmationDto,
  PasswordSignInDto,
  SecondFactorDto,
  SetPasswordDto,
} from './dto/sign-in.dto';
import { type RequestWithIdentity } from './request-identity';
import { SessionResponder } from './session-responder';
import { Inject } from '@nestjs/common';

/** Where a session has got to, as a client needs to know what to ask for next. */
const stageOf = (issued: IssuedSession) => ({ stage: issued.session.stage });

const pendingSession = (request: RequestWithIdentity): StoredSession => {
  if (!request.session)
    throw new UnauthorizedException({
      code: 'SIGN_IN_REQUIRED',
      message: 'Start signing in again',
    });
  return request.session;
};

/** Signing in and out over the API: the same steps the pages take, answered in JSON. */
@ApiTags('sign-in')
@Controller('api/auth')
export class SignInController {
  constructor(
    @Inject(PASSWORD_SIGN_IN) private readonly passwords: PasswordSignIn,
    @Inject(PASSWORD_INVITATIONS) private readonly invitations: PasswordInvitations,
    @Inject(EMAIL_LINK_SIGN_IN) private readonly emailLinks: EmailLinkSignIn,
    private readonly sessions: Sessions,
    private readonly log: SignInLog,
    private readonly directory: Directory,
    private readonly responder: SessionResponder,
  ) {}

  @Post('sign-in')
  @HttpCode(200)
  @Anyone()
  @ApiOperation({
    summary:
      'Council staff with a local account: email and password. Answers the next stage: signed-in, second-factor or second-factor-enrolment',
  })
  async signIn(
    @Body() body: PasswordSignInDto,
    @Req() request: RequestWithIdentity,
    @Res({ passthrough: true }) response: Response,
  ) {
    const issued = await this.passwords.signIn(
      body.email,
      body.password,
      this.responder.client(request),
    );
    if (request.session) await this.sessions.end(request.session);
    this.responder.give(response, issued);
    return stageOf(issued);
  }

  @Post('second-factor')
  @HttpCode(200)
  @Anyone()
  @ApiOperation({ summary: 'The code from the authenticator app, or a recovery code' })
  async secondFactor(
    @Body() body: SecondFactorDto,
    @Req() request: RequestWithIdentity,
    @Res({ passthrough: true }) response: Response,
  ) {
    const issued = await this.passwords.proveSecondFactor(
      pendingSession(request),
      body,
      this.responder.client(request),
    );
    this.responder.give(response, issued);
    return stageOf(issued);
  }

  @Post('second-factor/enrolment')
  @HttpCode(200)
  @Anyone()
  @ApiOperation({
    summary: 'A new authenticator secret (and its otpauth:// link for a QR code), to be confirmed',
  })
  enrol(@Req() request: RequestWithIdentity) {
    return this.passwords.beginEnrolment(pendingSession(request));
  }

  @Post('second-factor/enrolment/confirmation')
  @HttpCode(200)
  @Anyone()
  @ApiOperation({
    summary: 'The first code from the new secret; answers the recovery codes, shown this once',
  })
  async confirmEnrolment(
    @Body() body: EnrolmentConfirmationDto,
    @Req() request: RequestWithIdentity,
    @Res({ passthrough: true }) response: Response,
  ) {
    const issued = await this.passwords.confirmEnrolment(
      pendingSession(request),
      body.code,
      this.responder.client(request),
    );
    this.responder.give(response, issued);
    return { ...stageOf(issued), recoveryCodes: issued.recoveryCodes };
  }

  @Post('email-link')
  @HttpCode(202)
  @Anyone()
  @ApiOperation({
    summary:
      'School staff: send a sign-in link to an address registered for their school (the same answer for any address)',
  })
  async emailLink(@Body() body: EmailDto, @Req() request: RequestWithIdentity) {
    await this.emailLinks.request(body.email, this.responder.client(request));
    return {
      message:
        'If that address is registered for a school, we have sent it a sign-in link. It works for 15 minutes.',
    };
  }

  @Post('password')
  @HttpCode(204)
  @Anyone()
  @ApiOperation({ summary: 'Choose a password with the token from an invitation link' })
  async setPassword(@Body() body: SetPasswordDto) {
    await this.invitations.redeem(body.token, body.password);
  }

  @Get('session')
  @SignedIn()
  @ApiOperation({ summary: 'Who is signed in, with their roles' })
  async whoAmI(@Req() request: RequestWithIdentity) {
    const actor = request.actor!;
    const person = request.session ? await this.directory.person(actor.id) : null;
    return {
      person: { id: actor.id, name: actor.name, email: person?.email ?? null, roles: actor.roles },
      session: request.session ? sessionView(request.session, request.session.key) : null,
    };
  }

  @Post('sign-out')
  @HttpCode(204)
  @Anyone()
  @ApiOperation({ summary: 'End this session' })
  async signOut(
    @Req() request: RequestWithIdentity,
    @Res({ passthrough: true }) response: Response,
  ) {
    const session = request.session;
    if (session) {
      await this.sessions.end(session);
      if (session.personId) await this.log.signedOut(session.personId, session.key, 'self');
    }
    this.responder.clear(response);
  }

  @Get('sessions')
  @SignedIn()
  @ApiOperation({ summary: 'The signed-in person’s sessions, this one marked' })
  async mySessions(@Req() request: RequestWithIdentity) {
    const current = signedInSession(request);
    return (await this.sessions.list(current.personId!)).map((session) =>
      sessionView(session, current.key),
    );
  }

  @Delete('sessions/:key')
  @HttpCode(204)
  @SignedIn()
  @ApiOperation({ summary: 'End another of the signed-in person’s sessions' })
  async endMySession(@Param('key') key: string, @Req() request: RequestWithIdentity) {
    const current = signedInSession(request);
    const ended = await this.sessions.endOne(current.personId!, key);
    if (!ended)
      throw new NotFoundException({
        code: 'SESSION_NOT_FOUND',
        message: 'There is no such session',
      });
    await this.log.signedOut(current.personId!, key, 'self');
  }
}

/** Sessions are a person's: a token or the development header has none. */
export function signedInSession(request: RequestWithIdentity): StoredSession {
  if (!request.session?.personId)
    throw new NotFoundException({ code: 'NO_SESSION', message: 'This request has no session' });
  return request.session;
}

export const sessionView = (session: StoredSession, currentKey: string | null) => ({
  key: session.key,
  current: session.key === currentKey,
  method: session.method,
  signedInAt: session.createdAt,
  lastSeenAt: session.lastSeenAt,
  expiresAt: session.expiresAt,
  ip: session.ip,
  userAgent: session.userAgent,
});
