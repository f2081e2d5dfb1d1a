import { wipe } from '../crypto/secure-memory.js'
import { type Clock, SYSTEM_CLOCK } from '../internal/clock.js'

interface Entry {
  key: Buffer
  expiresAtMs: number
}

/** Hit and miss counters of the cache (a miss is an unwrap). */
export interface OrgKeyCacheStats {
  hits: number
  misses: number
  size: number
}

/**
 * Unwrapped org keys in memory: bounded size (least recently used evicted first), a TTL, and
 * every evicted or expired key wiped from its buffer.
 */
export class OrgKeyCache {
  readonly #entries = new Map<string, Entry>()
  readonly #ttlMs: number
  readonly #maxEntries: number
  readonly #clock: Clock
  /** Bumped by forgetOrg, so a load that was in flight when the org was forgotten is not cached. */
  readonly #generations = new Map<string, number>()
  #hits = 0
  #misses = 0

  constructor(options: { ttlSeconds: number; maxEntries: number; clock?: Clock }) {
    this.#ttlMs = options.ttlSeconds * 1000
    this.#maxEntries = options.maxEntries
    this.#clock = options.clock ?? SYSTEM_CLOCK
  }

  /**
   * Runs `use` with the org key, from the cache or loaded (and cached) on a miss. `use` is
   * synchronous on purpose: the key buffer is only valid during the call, because an eviction
   * after it may wipe it. Never keep a reference to the key.
   */
  async useKey<T>(
    orgId: string,
    version: number,
    load: () => Promise<Buffer>,
    use: (key: Buffer) => T,
  ): Promise<T> {
    const id = `${orgId}/${version}`
    const entry = this.#entries.get(id)
    if (entry && entry.expiresAtMs > this.#clock.now()) {
      this.#hits++
      // Re-insert to mark as most recently used.
      this.#entries.delete(id)
      this.#entries.set(id, entry)
      return use(entry.key)
    }
    if (entry) this.#evict(id)
    this.#misses++
    const generation = this.#generations.get(orgId) ?? 0
    const key = await load()
    if ((this.#generations.get(orgId) ?? 0) !== generation) {
      // The org was forgotten (rotated, destroyed) while this key was loading: use once, never cache.
      try {
        return use(key)
      } finally {
        wipe(key)
      }
    }
    const racing = this.#entries.get(id)
    if (racing) {
      // A concurrent miss loaded the same key first: keep that one, wipe ours.
      wipe(key)
      return use(racing.key)
    }
    this.#entries.set(id, { key, expiresAtMs: this.#clock.now() + this.#ttlMs })
    // Evict before `use`, so a throwing `use` cannot leave the cache over its bound. The new
    // entry is the most recently used, so it is evicted last (only when maxEntries is 0).
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest === undefined || oldest === id) break
      this.#evict(oldest)
    }
    return use(key)
  }

  /** Drops and wipes every cached version of one org's key. */
  forgetOrg(orgId: string): void {
    this.#generations.set(orgId, (this.#generations.get(orgId) ?? 0) + 1)
    for (const id of [...this.#entries.keys()]) if (id.startsWith(`${orgId}/`)) this.#evict(id)
  }

  /** Drops and wipes everything (shutdown). */
  clear(): void {
    for (const id of [...this.#entries.keys()]) this.#evict(id)
  }

  stats(): OrgKeyCacheStats {
    return { hits: this.#hits, misses: this.#misses, size: this.#entries.size }
  }

  #evict(id: string): void {
    const entry = this.#entries.get(id)
    this.#entries.delete(id)
    if (entry) wipe(entry.key)
  }
}
