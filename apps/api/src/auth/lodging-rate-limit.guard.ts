import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type RateLimiter, withinRateLimit } from '@sg/auth';
import { type Clock } from '@sg/complaint-service';
import { type EnvironmentVariables } from '@sg/config';
import { IDEMPOTENCY_HEADER } from '../http/idempotency.interceptor';
import { IdempotencyStore } from '../http/idempotency-store';
import { RATE_LIMITER, SECURITY_CLOCK } from './auth.tokens';
import { type RequestWithIdentity } from './request-identity';
import { type ServerResponse } from 'node:http';

const HOUR = 3600;

/**
 * Lodging is limited per account and per client address (LODGES_PER_HOUR, and ten times that from
 * one address, where a trust's staff may share one), after the identity guard has said who it is.
 * A retry of a lodge already answered (its Idempotency-Key's answer is kept) lodges nothing: it is
 * not counted, and gets its first answer however many lodges came since. Each lodge is counted
 * before the work, so lodges sent at once cannot all slip under the limit, and given back when it
 * is refused (a form with a mistake, a school not theirs): only complaints lodged use it up.
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
    const response = context.switchToHttp().getResponse<ServerResponse>();
    const key = request.header(IDEMPOTENCY_HEADER);
    if (key && request.actor && (await this.answered.find(request.actor.id, key))) return true;
    const now = this.clock.now();
    const counted: string[] = [];
    try {
      for (const [key, limit] of [
        [`lodging:account:${request.actor?.id ?? 'none'}`, this.perAccount],
        [`lodging:client:${request.ip ?? 'unknown'}`, this.perAccount * 10],
      ] as const) {
        await withinRateLimit(this.limiter, key, limit, HOUR, now);
        counted.push(key);
      }
    } catch (error) {
      await this.refund(counted, now);
      throw error;
    }
    response.once('finish', () => {
      if (response.statusCode >= 400) void this.refund(counted, now);
    });
    return true;
  }

  /** Gives back what was counted; a limiter that cannot be reached just keeps the count. */
  private async refund(keys: readonly string[], counted: Date): Promise<void> {
    for (const key of keys) await this.limiter.refund(key, HOUR, counted).catch(() => undefined);
  }
}
