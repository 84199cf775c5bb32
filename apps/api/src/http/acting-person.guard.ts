import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type Actor } from '@sg/complaints';
import { type EnvironmentVariables } from '@sg/config';
import { Directory } from '@sg/directory';
import { type Request } from 'express';

export const ACTING_PERSON_HEADER = 'x-acting-person';

export interface RequestWithActor extends Request {
  actor?: Actor;
}

/**
 * Until real sign-in lands, the acting person is named by a development-only header and looked up
 * in the directory; start-up refuses to enable the header in production, where every request is
 * then refused here.
 */
@Injectable()
export class ActingPersonGuard implements CanActivate {
  constructor(
    private readonly directory: Directory,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    if (this.config.get('DEV_IDENTITY_HEADER', { infer: true }) !== 'enabled') {
      throw new UnauthorizedException({ code: 'SIGN_IN_REQUIRED', message: 'Sign-in is required' });
    }
    const personId = request.header(ACTING_PERSON_HEADER);
    if (!personId) {
      throw new UnauthorizedException({
        code: 'SIGN_IN_REQUIRED',
        message: `Name the acting person in the ${ACTING_PERSON_HEADER} header`,
      });
    }
    const actor = await this.directory.actor(personId);
    if (!actor) {
      throw new UnauthorizedException({
        code: 'UNKNOWN_PERSON',
        message: `No person ${personId} in the directory`,
      });
    }
    request.actor = actor;
    return true;
  }
}

export const ActingPerson = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor)
    throw new UnauthorizedException({ code: 'SIGN_IN_REQUIRED', message: 'Sign-in is required' });
  return actor;
});
