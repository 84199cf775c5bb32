import { type Clock } from '@sg/complaint-service';
import { type VirtualTimerHost } from '@sg/deadlines';

/** The app's clock and its timers both read virtual time, so weeks pass in milliseconds. */
export class VirtualClock implements Clock {
  constructor(readonly host: VirtualTimerHost) {}
  now(): Date {
    return new Date(this.host.now());
  }
  set(): void {
    throw new Error('virtual time only moves forward, through advanceTo');
  }
}
