import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  HttpException,
  Injectable,
  Logger,
  ServiceUnavailableException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasRole } from '@sg/complaints';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy';
import { CallerIdentity, signInRequired } from './caller-identity';
import { type RequestWithIdentity } from './request-identity';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is calling, and whether the route's declared policy lets them: before any handler, pipe or
 * lookup runs.
 */
@Injectable()
export class IdentityGuard implements CanActivate {
  private readonly logger = new Logger('Identity');

  constructor(
    private readonly reflector: Reflector,
    private readonly caller: CallerIdentity,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy)
      throw new ForbiddenException({ code: 'NO_ACCESS_POLICY', message: 'Nobody may use this' });
    const request = context.switchToHttp().getRequest<RequestWithIdentity>();
    try {
      await this.caller.identify(request);
    } catch (error) {
      if (error instanceof HttpException) throw error;
      // The session store or the directory did not answer (Redis or the store is down). A page
      // open to anyone (health, the sign-in page) is read as by anyone; anything else, a sign-out
      // or sign-in included (it would seem to work and change nothing), is unavailable for now.
      this.logger.warn(`could not tell who is calling: ${String(error)}`);
      request.actor = undefined;
      if (policy.kind === 'anyone' && READS.has(request.method)) return true;
      throw new ServiceUnavailableException({
        code: 'SIGN_IN_UNAVAILABLE',
        message: 'We cannot check who you are just now. Try again in a few minutes',
      });
    }
    if (policy.kind === 'anyone') return true;
    if (!request.actor) throw signInRequired();
    if (policy.kind === 'roles' && !policy.roles.some((role) => hasRole(request.actor!, role)))
      throw new ForbiddenException({ code: 'NOT_AUTHORISED', message: 'You may not do this' });
    return true;
  }
}
