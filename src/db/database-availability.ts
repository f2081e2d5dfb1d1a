/** What a listener hears when the database goes away or comes back. */
export type AvailabilityChange =
  | { available: false; reason: string }
  | { available: true; reason: string; downForMs: number }

/**
 * Whether the database answers, as the driver last saw it: it turns "unavailable" at the first
 * lost or refused connection and "available" at the next statement that succeeds, and tells its
 * listeners only at those two edges, so an outage is logged once, not once per request.
 */
export class DatabaseAvailability {
  #down: { reason: string; sinceMs: number } | undefined
  readonly #listeners = new Set<(change: AvailabilityChange) => void>()
  readonly #now: () => number

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now
  }

  /** The reason of the current outage, or `undefined` while the database answers. */
  get unavailableReason(): string | undefined {
    return this.#down?.reason
  }

  /** Records a lost or refused connection; the first of an outage tells the listeners. */
  reportFailure(reason: string): void {
    if (this.#down) return
    this.#down = { reason, sinceMs: this.#now() }
    this.#emit({ available: false, reason })
  }

  /** Records a statement that succeeded; the first after an outage tells the listeners. */
  reportSuccess(): void {
    const down = this.#down
    if (!down) return
    this.#down = undefined
    this.#emit({ available: true, reason: down.reason, downForMs: this.#now() - down.sinceMs })
  }

  /** Calls `listener` at each edge; returns the function that stops it. */
  onChange(listener: (change: AvailabilityChange) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #emit(change: AvailabilityChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change)
      } catch {
        // A listener (a logger) that throws must not turn a query's outcome into its error.
      }
    }
  }
}
