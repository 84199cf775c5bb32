import { createParamDecorator, type ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { type Actor } from '@sg/complaints';
import { type RequestWithIdentity } from '../auth/request-identity';

/** The person (or token) the identity guard found; only on routes whose policy needs one. */
export const ActingPerson = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithIdentity>().actor;
  if (!actor)
    throw new UnauthorizedException({ code: 'SIGN_IN_REQUIRED', message: 'Sign-in is required' });
  return actor;
});
