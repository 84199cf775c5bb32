import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type RateLimiter, withinRateLimit } from '@sg/auth';
import { type Clock } from '@sg/complaint-service';
import { type EnvironmentVariables } from '@sg/config';
import { RATE_LIMITER, SECURITY_CLOCK } from './auth.tokens';
import { type RequestWithIdentity } from './request-identity';

const HOUR = 3600;

/**
 * Lodging is limited per account and per client address (LODGES_PER_HOUR, and ten times that from
 * one address, where a trust's staff may share one), after the identity guard has said who it is.
 */
@Injectable()
export class LodgingRateLimit implements CanActivate {
  private readonly perAccount: number;

  constructor(
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(SECURITY_CLOCK) private readonly clock: Clock,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.perAccount = config.get('LODGES_PER_HOUR', { infer: true });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithIdentity>();
    const now = this.clock.now();
    for (const [key, limit] of [
      [`lodging:account:${request.actor?.id ?? 'none'}`, this.perAccount],
      [`lodging:client:${request.ip ?? 'unknown'}`, this.perAccount * 10],
    ] as const) {
      await withinRateLimit(this.limiter, key, limit, HOUR, now);
    }
    return true;
  }
}
