/** The time, injected at the edge so that nothing below it reads the machine's clock. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

export const systemClock: Clock = { now: () => new Date() };

/**
 * Time that runs `scale` times faster than the machine's from `startedAt` (the moment it is made,
 * unless every node of a demonstration is given the same): for demonstrations, so ten working days
 * pass in minutes.
 */
export class AcceleratedClock implements Clock {
  constructor(
    readonly scale: number,
    private readonly startedAt: number = Date.now(),
  ) {}

  now(): Date {
    return new Date(this.startedAt + (Date.now() - this.startedAt) * this.scale);
  }
}
