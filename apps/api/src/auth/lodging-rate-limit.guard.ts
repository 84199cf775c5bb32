import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type RateLimiter, withinRateLimit } from '@sg/auth';
import { type Clock } from '@sg/complaint-service';
import { type EnvironmentVariables } from '@sg/config';
import { IDEMPOTENCY_HEADER } from '../http/idempotency.interceptor';
import { IdempotencyStore } from '../http/idempotency-store';
import { RATE_LIMITER, SECURITY_CLOCK } from './auth.tokens';
import { type RequestWithIdentity } from './request-identity';

const HOUR = 3600;

/**
 * Lodging is limited per account and per client address (LODGES_PER_HOUR, and ten times that from
 * one address, where a trust's staff may share one), after the identity guard has said who it is.
 * A retry of a lodge already answered (its Idempotency-Key's answer is kept) lodges nothing: it is
 * not counted, and gets its first answer however many lodges came since.
 */
@Injectable()
export class LodgingRateLimit implements CanActivate {
  private readonly perAccount: number;

  constructor(
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(SECURITY_CLOCK) private readonly clock: Clock,
    private readonly answered: IdempotencyStore,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.perAccount = config.get('LODGES_PER_HOUR', { infer: true });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithIdentity>();
    const key = request.header(IDEMPOTENCY_HEADER);
    if (key && request.actor && this.answered.find(request.actor.id, key)) return true;
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
