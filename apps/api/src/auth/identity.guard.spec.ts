import { type ExecutionContext, type HttpException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type AccessPolicy } from './access-policy';
import { type CallerIdentity } from './caller-identity';
import { IdentityGuard } from './identity.guard';
import { type RequestWithIdentity } from './request-identity';

/** A route under `policy`, called by a request whose caller cannot be looked up because `failure`. */
async function guarded(policy: AccessPolicy, failure: Error, method = 'GET') {
  const reflector = new Reflector();
  reflector.getAllAndOverride = (() => policy) as Reflector['getAllAndOverride'];
  const caller = {
    identify: (request: RequestWithIdentity) => {
      request.actor = { id: 'half-read', name: 'Half read', roles: [] };
      return Promise.reject(failure);
    },
  } as unknown as CallerIdentity;
  const request = { method } as RequestWithIdentity;
  const context = {
    getHandler: () => undefined,
    getClass: () => undefined,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  try {
    return { allowed: await new IdentityGuard(reflector, caller).canActivate(context), request };
  } catch (error) {
    return { refused: error as HttpException, request };
  }
}

describe('IdentityGuard when the session store or the directory does not answer', () => {
  const down = new Error('connect ECONNREFUSED 127.0.0.1:6379');

  it('serves a page open to anyone as to anyone (health, the sign-in page)', async () => {
    const outcome = await guarded({ kind: 'anyone' }, down);
    expect(outcome).toMatchObject({ allowed: true });
    expect(outcome.request.actor).toBeUndefined();
  });

  it('answers 503 to a sign-out or sign-in, which would seem to work and change nothing', async () => {
    const { refused } = await guarded({ kind: 'anyone' }, down, 'POST');
    expect(refused?.getStatus()).toBe(503);
  });

  it.each<AccessPolicy>([{ kind: 'signed-in' }, { kind: 'roles', roles: ['business-support'] }])(
    'answers 503 for a route that needs the caller (%j), not 500',
    async (policy) => {
      const { refused } = await guarded(policy, down);
      expect(refused?.getStatus()).toBe(503);
      expect(refused?.getResponse()).toMatchObject({ code: 'SIGN_IN_UNAVAILABLE' });
    },
  );

  it('lets a refusal about the caller stand (an API token that does not work)', async () => {
    const { refused } = await guarded(
      { kind: 'anyone' },
      new UnauthorizedException({ code: 'SIGN_IN_REQUIRED' }),
    );
    expect(refused?.getStatus()).toBe(401);
  });
});
