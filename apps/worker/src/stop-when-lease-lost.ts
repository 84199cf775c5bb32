import { type INestApplicationContext, Logger } from '@nestjs/common';
import { closeThenExit } from '@sg/config';
import { WorkerLease } from './worker-lease';

/**
 * A worker that has lost its lease may no longer be the only one acting: it shuts down at once and
 * exits with a failure, for its supervisor to start it again as a standby.
 */
export function stopWhenLeaseLost(app: INestApplicationContext): void {
  app.get(WorkerLease).onLost((why) => {
    const logger = new Logger('Worker');
    logger.error(`worker lease lost (${why}); stopping`);
    closeThenExit(app, 1, (message) => logger.error(message));
  });
}
