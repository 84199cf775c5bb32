import { Logger } from '@nestjs/common';
import IORedis, { type RedisOptions } from 'ioredis';

/** How often, at most, one client says again that Redis is not answering. */
const REPEAT_MS = 30_000;

/**
 * A Redis client that says, in the process's own log, when Redis stops answering and when it
 * answers again. ioredis retries by itself; without a listener it writes each failed attempt to
 * stderr as three lines of plain text, which floods a log that is meant to be one JSON object a
 * line, and says nothing useful after the first.
 */
export function redisClient(url: string, options: RedisOptions, purpose: string): IORedis {
  const client = new IORedis(url, options);
  const logger = new Logger('Redis');
  let lastSaid = 0;
  let failing = false;
  client.on('error', (error: Error) => {
    const now = Date.now();
    if (failing && now - lastSaid < REPEAT_MS) return;
    failing = true;
    lastSaid = now;
    logger.warn(`Redis for ${purpose} is not answering: ${error.message}; retrying`);
  });
  client.on('ready', () => {
    if (!failing) return;
    failing = false;
    logger.log(`Redis for ${purpose} answers again`);
  });
  return client;
}
