/** The time, injected at the edge so that nothing below it reads the machine's clock. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

export const systemClock: Clock = { now: () => new Date() };

/**
 * Time that runs `scale` times faster than the machine's from the moment it is made: for
 * demonstrations, so ten working days pass in minutes.
 */
export class AcceleratedClock implements Clock {
  private readonly startedAt = Date.now();

  constructor(readonly scale: number) {}

  now(): Date {
    return new Date(this.startedAt + (Date.now() - this.startedAt) * this.scale);
  }
}
