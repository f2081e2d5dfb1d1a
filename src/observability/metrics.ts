/**
 * Coffer's Prometheus metrics (prom-client), one registry per wired Coffer. Label values come
 * only from closed sets (route templates, status classes, error codes, provider operations), never
 * from a URL, an id or any caller text, so the number of series is fixed by the code.
 * The table of every metric is in the README (Operations → Metrics).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { OrgRequestCounts, TOP_ORGS } from './org-request-counts.js'

/** What the scrape-time gauges read: counters kept by other modules, and the backlog in the database. */
export interface MetricSources {
  keyCache: () => { hits: number; misses: number; evictions: number; size: number }
  /** Connections of the PostgreSQL pool; undefined on the embedded database (one connection). */
  pool: () => { total: number; idle: number; waiting: number } | undefined
  /** Work waiting in the database, read through the admin door at scrape time. */
  backlog: () => Promise<Backlog>
}

/** The work waiting in the database at one instant. */
export interface Backlog {
  pendingDeliveries: number
  /** Seconds since the oldest pending delivery became due (0 when none is due). */
  oldestDueDeliverySeconds: number
  /** Seconds since the oldest record that should be gone expired (0 when none waits). */
  ttlSweepLagSeconds: number
}

/** Buckets of request and provider durations, seconds: 1 ms to 10 s. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** The metrics of one Coffer instance. */
export class CofferMetrics {
  readonly registry = new Registry()
  readonly requestDuration: Histogram<'method' | 'route' | 'status_class'>
  readonly requestsInFlight: Gauge
  readonly problems: Counter<'code'>
  readonly rateLimited: Counter<'route'>
  readonly providerCalls: Counter<'operation' | 'outcome'>
  readonly providerDuration: Histogram<'operation'>
  readonly transactionDuration: Histogram<'outcome'>
  /** Answered requests per org, reported for the TOP_ORGS busiest only (bounded series). */
  readonly orgRequests = new OrgRequestCounts()

  constructor(options: { version: string; processMetrics?: boolean }) {
    const registers = [this.registry]
    new Gauge({
      name: 'coffer_build_info',
      help: 'Always 1; the version label names the running build',
      labelNames: ['version'],
      registers,
    }).set({ version: options.version }, 1)
    this.requestDuration = new Histogram({
      name: 'coffer_http_request_duration_seconds',
      help: 'HTTP request duration by route template and status class',
      labelNames: ['method', 'route', 'status_class'],
      buckets: DURATION_BUCKETS,
      registers,
    })
    this.requestsInFlight = new Gauge({
      name: 'coffer_http_requests_in_flight',
      help: 'HTTP requests being served now',
      registers,
    })
    this.problems = new Counter({
      name: 'coffer_http_problems_total',
      help: 'Problem (error) answers by Coffer error code',
      labelNames: ['code'],
      registers,
    })
    this.rateLimited = new Counter({
      name: 'coffer_http_rate_limited_total',
      help: '429 answers by route template (login routes: per client address; others: per credential)',
      labelNames: ['route'],
      registers,
    })
    this.providerCalls = new Counter({
      name: 'coffer_key_provider_calls_total',
      help: 'Root key provider calls by operation and outcome',
      labelNames: ['operation', 'outcome'],
      registers,
    })
    this.providerDuration = new Histogram({
      name: 'coffer_key_provider_duration_seconds',
      help: 'Root key provider call duration by operation',
      labelNames: ['operation'],
      buckets: DURATION_BUCKETS,
      registers,
    })
    this.transactionDuration = new Histogram({
      name: 'coffer_db_transaction_duration_seconds',
      help: 'Database transaction duration (BEGIN to COMMIT or ROLLBACK) by outcome',
      labelNames: ['outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    })
    const orgRequests = this.orgRequests
    new Gauge({
      name: 'coffer_org_requests',
      help: `Answered requests per org since start, by status class: the ${TOP_ORGS} busiest orgs by id, every other org summed under org_id="other"`,
      labelNames: ['org_id', 'status_class'],
      registers,
      collect() {
        this.reset() // an org that left the top N must not keep its last value
        const { orgs, other } = orgRequests.top()
        for (const { orgId, counts } of [...orgs, { orgId: 'other', counts: other }]) {
          for (const [statusClass, value] of Object.entries(counts)) {
            this.set({ org_id: orgId, status_class: statusClass }, value)
          }
        }
      },
    })
    // Event-loop lag, heap, GC, CPU, file descriptors: prom-client's standard process metrics.
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry })
  }

  /** Registers the gauges read at scrape time from other modules' counters and the database. */
  observe(sources: MetricSources): void {
    const registers = [this.registry]
    const fromCache = (
      name: string,
      help: string,
      pick: (stats: ReturnType<MetricSources['keyCache']>) => number,
    ) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(pick(sources.keyCache()))
        },
      })
    fromCache(
      'coffer_key_cache_hits',
      'Org key cache hits since start (a counter read at scrape)',
      (s) => s.hits,
    )
    fromCache(
      'coffer_key_cache_misses',
      'Org key cache misses (each one unwrap) since start',
      (s) => s.misses,
    )
    fromCache(
      'coffer_key_cache_evictions',
      'Org keys evicted (TTL, size or use bound) since start',
      (s) => s.evictions,
    )
    fromCache('coffer_key_cache_entries', 'Unwrapped org key versions in memory now', (s) => s.size)
    new Gauge({
      name: 'coffer_db_pool_connections',
      help: 'PostgreSQL pool connections by state (absent on the embedded database)',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = sources.pool()
        if (!pool) return
        this.set({ state: 'total' }, pool.total)
        this.set({ state: 'idle' }, pool.idle)
        this.set({ state: 'waiting' }, pool.waiting)
      },
    })
    // One database read per scrape serves the three backlog gauges.
    let pending: Promise<Backlog> | undefined
    const backlog = () => {
      pending ??= sources.backlog().finally(() => {
        pending = undefined
      })
      return pending
    }
    const fromBacklog = (name: string, help: string, pick: (b: Backlog) => number) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          this.set(pick(await backlog()))
        },
      })
    fromBacklog(
      'coffer_webhook_deliveries_pending',
      'Webhook deliveries waiting to be sent',
      (b) => b.pendingDeliveries,
    )
    fromBacklog(
      'coffer_webhook_oldest_due_seconds',
      'Seconds since the oldest pending webhook delivery became due',
      (b) => b.oldestDueDeliverySeconds,
    )
    fromBacklog(
      'coffer_ttl_sweep_lag_seconds',
      'Seconds since the oldest expired record still in the database expired',
      (b) => b.ttlSweepLagSeconds,
    )
  }
}
