import { type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, ReactionReport } from '@sg/event-store';
import { type Registry } from 'prom-client';
import { reactionsKeepUp, storeAnswers } from './engine-readiness';
import { measureAppends } from './measured-event-store';
import { followReactions } from './reaction-metrics';
import { type Readiness } from './readiness';
import { followStore } from './store-metrics';
import { RedisPing } from './redis-ping';

export interface EngineSources {
  readonly store: EventStore;
  /** The reports of the reactions this process runs. */
  readonly reports: () => Promise<ReactionReport[]>;
  readonly redisUrl?: string;
  /** READY_MAX_LAG_EVENTS: a reaction further behind makes the process not ready. */
  readonly maxLagEvents: number;
}

/**
 * What every process that runs the engine reports, once per process: the event store's appends and
 * each reaction's lag as metrics, and as readiness the store answering, Redis answering (when there
 * is one), and every reaction keeping up. Closes its Redis connection when the application stops.
 */
export class EngineObservation implements OnApplicationShutdown {
  private readonly redis?: RedisPing;

  constructor(
    registry: Registry | undefined,
    readiness: Readiness | undefined,
    sources: EngineSources,
  ) {
    if (registry) {
      measureAppends(registry, sources.store);
      followStore(registry, sources.store);
      followReactions(registry, sources.reports);
    }
    if (!readiness) return;
    readiness.require('event store', () => storeAnswers(sources.store));
    if (sources.redisUrl) {
      const redis = (this.redis = new RedisPing(sources.redisUrl));
      readiness.require('redis', () => redis.check());
    }
    readiness.require('reactions', () => reactionsKeepUp(sources.reports, sources.maxLagEvents));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.close();
  }
}
