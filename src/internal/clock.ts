/** A clock, injectable so that TTL, expiry and backoff are testable without sleeping. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
}

/** The real clock. */
export const SYSTEM_CLOCK: Clock = { now: () => Date.now() }
