import { wipe } from '../crypto/secure-memory.js'
import { type Clock, SYSTEM_CLOCK } from '../internal/clock.js'

interface Entry {
  key: Buffer
  expiresAtMs: number
  uses: number
  leases: number
  /** Removed from the map; wiped when the last lease is released. */
  evicted: boolean
}

/** A key handed out for use across awaits. Call `release` once when done; the key is invalid after. */
export interface KeyLease {
  readonly key: Buffer
  release(): void
}

/** Counters of the cache since it was made (a miss is an unwrap), and its size now. */
export interface OrgKeyCacheStats {
  hits: number
  misses: number
  /** Entries dropped before their next use: TTL, size bound, use bound, forgotten orgs, shutdown. */
  evictions: number
  size: number
}

/**
 * Unwrapped org keys in memory: bounded size (least recently used evicted first), a TTL, a bound
 * on uses per unwrap, and every evicted or expired key wiped from its buffer — but never while a
 * lease on it is held, so a key in use is never zeroed under its user.
 */
export class OrgKeyCache {
  readonly #entries = new Map<string, Entry>()
  readonly #ttlMs: number
  readonly #maxEntries: number
  readonly #maxUses: number
  readonly #clock: Clock
  /** Bumped by forgetOrg, so a load that was in flight when the org was forgotten is not cached. */
  readonly #generations = new Map<string, number>()
  #hits = 0
  #misses = 0
  #evictions = 0

  constructor(options: { ttlSeconds: number; maxEntries: number; maxUses?: number; clock?: Clock }) {
    this.#ttlMs = options.ttlSeconds * 1000
    this.#maxEntries = options.maxEntries
    this.#maxUses = options.maxUses ?? Number.POSITIVE_INFINITY
    this.#clock = options.clock ?? SYSTEM_CLOCK
  }

  /**
   * Runs `use` with the org key, from the cache or loaded (and cached) on a miss. `use` is
   * synchronous: the key buffer is only valid during the call. Never keep a reference to it.
   */
  async useKey<T>(
    orgId: string,
    version: number,
    load: () => Promise<Buffer>,
    use: (key: Buffer) => T,
  ): Promise<T> {
    const lease = await this.lease(orgId, version, load)
    try {
      return use(lease.key)
    } finally {
      lease.release()
    }
  }

  /** Leases the org key (cached, or loaded on a miss) for use across awaits; release it when done. */
  async lease(orgId: string, version: number, load: () => Promise<Buffer>): Promise<KeyLease> {
    const id = `${orgId}/${version}`
    const cached = this.#entries.get(id)
    if (cached && cached.expiresAtMs > this.#clock.now() && cached.uses < this.#maxUses) {
      this.#hits++
      // Re-insert to mark as most recently used.
      this.#entries.delete(id)
      this.#entries.set(id, cached)
      return this.#leaseOf(id, cached)
    }
    if (cached) this.#evict(id)
    this.#misses++
    const generation = this.#generations.get(orgId) ?? 0
    const key = await load()
    const entry: Entry = {
      key,
      expiresAtMs: this.#clock.now() + this.#ttlMs,
      uses: 0,
      leases: 0,
      evicted: false,
    }
    const racing = this.#entries.get(id)
    if ((this.#generations.get(orgId) ?? 0) !== generation) {
      // The org was forgotten (rotated, destroyed) while this key was loading: use once, never cache.
      entry.evicted = true
      return this.#leaseOf(id, entry)
    }
    if (racing) {
      // A concurrent miss loaded the same key first: keep that one, wipe ours.
      wipe(key)
      return this.#leaseOf(id, racing)
    }
    this.#entries.set(id, entry)
    // The new entry is the most recently used, so the bound evicts others first.
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries || oldest === id) break
      this.#evict(oldest)
    }
    return this.#leaseOf(id, entry)
  }

  /** Drops and wipes every cached version of one org's key (wiped on release if leased). */
  forgetOrg(orgId: string): void {
    this.#generations.set(orgId, (this.#generations.get(orgId) ?? 0) + 1)
    for (const id of [...this.#entries.keys()]) if (id.startsWith(`${orgId}/`)) this.#evict(id)
  }

  /** Drops and wipes everything (shutdown). */
  clear(): void {
    for (const id of [...this.#entries.keys()]) this.#evict(id)
  }

  stats(): OrgKeyCacheStats {
    return { hits: this.#hits, misses: this.#misses, evictions: this.#evictions, size: this.#entries.size }
  }

  #leaseOf(id: string, entry: Entry): KeyLease {
    entry.uses++
    entry.leases++
    if (entry.uses >= this.#maxUses && !entry.evicted) this.#evict(id)
    let released = false
    return {
      key: entry.key,
      release: () => {
        if (released) return
        released = true
        entry.leases--
        if (entry.evicted && entry.leases === 0) wipe(entry.key)
      },
    }
  }

  #evict(id: string): void {
    const entry = this.#entries.get(id)
    if (!entry) return
    this.#entries.delete(id)
    this.#evictions++
    entry.evicted = true
    if (entry.leases === 0) wipe(entry.key)
  }
}
