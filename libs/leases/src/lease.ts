/**
 * A lease at most one holder has at a time, for `ttlMs` after it last took or renewed it: in
 * Redis for several hosts (RedisLease), or in a file for the processes of one host sharing a data
 * directory (SqliteLease). Both pass the same suite (test/leases).
 */
export interface Lease {
  readonly key: string;
  readonly holder: string;
  readonly ttlMs: number;
  /** Where it is kept, to say what cannot be reached: "Redis", "the lease file …". */
  readonly keptIn: string;
  /** Takes the lease if nobody holds it, or renews it if this holder does. */
  tryAcquire(): Promise<boolean>;
  /** Whether this holder still held the lease and has it for another `ttlMs`. */
  renew(): Promise<boolean>;
  /** Gives the lease up at once, so a standby need not wait for it to run out. */
  release(): Promise<void>;
  /** Who holds the lease now, if anyone. */
  currentHolder(): Promise<string | null>;
}
