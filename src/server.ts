import type { Server as TlsServer } from 'node:tls'
import type { FastifyInstance } from 'fastify'
import type { DestinationStream } from 'pino'
import { type Coffer, openCoffer } from './app.js'
import { ARCHIVE_INTERVAL_MS } from './archive/archive-job.js'
import { AUDIT_SEQUENCE_INTERVAL_MS } from './audit/audit-sequencer.js'
import { SESSION_SWEEP_INTERVAL_MS, sweepExpiredSessions } from './auth/sessions.js'
import { loadConfig } from './config/config.js'
import { ensureKeys } from './config/dev-secrets.js'
import { CONNECTOR_REFRESH_INTERVAL_MS } from './connectors/connector-refresh.js'
import { isCofferError } from './errors.js'
import { buildHttpServer } from './http/http-server.js'
import { readTlsOptions } from './http/tls-options.js'
import { type PeriodicTask, startPeriodic } from './internal/periodic.js'
import { COFFER_VERSION } from './internal/version.js'
import { listenForMetrics, type MetricsListener } from './observability/metrics-listener.js'
import { startTracing } from './observability/tracing.js'
import { readTracingConfig } from './observability/tracing-config.js'
import { sweepOperatorKeys } from './operator/operator-idempotency.js'
import { IDEMPOTENCY_SWEEP_INTERVAL_MS, sweepExpiredIdempotencyKeys } from './records/idempotency-store.js'
import { TERM_INDEX_INTERVAL_MS } from './records/pending-terms.js'
import { RecordsSweeper, TTL_SWEEP_INTERVAL_MS } from './records/records-sweeper.js'
import { createOrg, listOrgs } from './tenancy/orgs.js'
import { REQUEST_COUNT_FLUSH_MS } from './usage/request-counter.js'
import { DELIVERY_LOG_PRUNE_INTERVAL_MS, pruneDeliveryLog } from './webhooks/webhook-retention.js'
import { DELIVERY_INTERVAL_MS, WebhookWorker } from './webhooks/webhook-worker.js'

/** A running server. */
export interface RunningServer {
  coffer: Coffer
  http: FastifyInstance
  url: string
  /** Where `GET /metrics` is served; undefined with COFFER_METRICS_LISTEN=off. */
  metricsUrl: string | undefined
  close(): Promise<void>
}

/**
 * Composition root of `coffer serve`: reads config, wires Coffer, listens. In dev mode (no keys
 * configured, embedded database) the first start creates org `default` and prints its owner
 * token once on `out`.
 * @throws CONFIG_INVALID, DATA_DIR_LOCKED, MIGRATION_FAILED, TENANT_ISOLATION_BROKEN
 */
export async function startServer(
  options: { env?: NodeJS.ProcessEnv; out?: (line: string) => void; logStream?: DestinationStream } = {},
): Promise<RunningServer> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`))
  const { config, devMode } = ensureKeys(loadConfig(options.env))
  const tracingConfig = readTracingConfig(options.env ?? process.env)
  const coffer = await openCoffer(config, {
    processMetrics: true,
    tracing: startTracing(tracingConfig, { version: COFFER_VERSION }),
  })
  let metrics: MetricsListener | undefined
  try {
    if (devMode) {
      out('WARNING: development mode. Keys were generated into the data dir beside the database;')
      out(`WARNING: anyone with ${config.dataDir} can read everything. Never use this in production.`)
    }
    const firstOrg =
      devMode && (await listOrgs(coffer.db)).length === 0
        ? await createOrg(coffer, { slug: 'default', actor: 'system:first-start' })
        : undefined
    const tls = config.tls ? readTlsOptions(config.tls) : undefined
    const http = await buildHttpServer(coffer, {
      ...(options.logStream ? { logStream: options.logStream } : {}),
      ...(tls ? { tls } : {}),
      flushRequestCountsEveryMs: REQUEST_COUNT_FLUSH_MS,
    })
    await http.listen({ host: config.listen.host, port: config.listen.port })
    const address = http.server.address()
    const port = typeof address === 'object' && address ? address.port : config.listen.port
    const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host
    const url = `${tls ? 'https' : 'http'}://${host}:${port}`
    const stopReloading = config.tls ? reloadCertificateOnSighup(http, config.tls) : () => undefined
    metrics = config.metricsListen ? await listenForMetrics(coffer.metrics, config.metricsListen) : undefined
    const sweepers = startSweepers(coffer, (error, task) => {
      // A database outage is logged once, when it starts and ends (buildHttpServer), not per run.
      if (isCofferError(error, 'DATABASE_UNAVAILABLE'))
        http.log.debug({ task }, `${task} skipped: database unavailable`)
      else http.log.error({ err: error }, `${task} failed`)
    })
    out(
      `Coffer listening on ${url} (database: ${config.databaseUrl ? 'PostgreSQL' : `embedded, in ${config.dataDir}`})`,
    )
    out(metrics ? `Metrics on ${metrics.url}` : 'Metrics off (COFFER_METRICS_LISTEN=off)')
    out(
      tracingConfig
        ? `Tracing on: OTLP/HTTP (JSON) as service ${tracingConfig.serviceName}, sampler ${tracingConfig.sampler}`
        : 'Tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)',
    )
    out(publicTargetsLine(config))
    if (firstOrg) {
      out('')
      out('Created org "default". Its owner token, shown once (store it now):')
      out(`  ${firstOrg.ownerToken}`)
      out('')
      out(
        `Try: curl -s ${url}/v1/records -H "Authorization: Bearer <token>" -H 'content-type: application/json' -d '{"content":"hello"}'`,
      )
    }
    const metricsListener = metrics
    return {
      coffer,
      http,
      url,
      metricsUrl: metricsListener?.url,
      async close() {
        stopReloading()
        await Promise.all(sweepers.map((sweeper) => sweeper.stop()))
        await http.close()
        await metricsListener?.close()
        await coffer.close()
      },
    }
  } catch (error) {
    await metrics?.close()
    await coffer.close()
    throw error
  }
}

/** The start line that says where outbound requests (webhooks, verify URLs) may go, and why. */
export function publicTargetsLine(
  config: Pick<Coffer['config'], 'requirePublicTargets' | 'requirePublicTargetsSource'>,
): string {
  if (!config.requirePublicTargets) {
    return `Outbound requests: private addresses allowed (${config.requirePublicTargetsSource === 'env' ? 'COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS=false' : 'default outside production'})`
  }
  return `Outbound requests: public https targets only (${config.requirePublicTargetsSource === 'env' ? 'COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS=true' : 'NODE_ENV=production default; COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS=false opts out'})`
}

/**
 * On SIGHUP, reads the certificate files again and gives new handshakes the new context;
 * connections already open keep theirs, so nothing is dropped. A bad file keeps the old
 * certificate and logs why (the variable, never the content). Returns the unsubscribe.
 */
function reloadCertificateOnSighup(
  http: FastifyInstance,
  files: NonNullable<Coffer['config']['tls']>,
): () => void {
  const reload = () => {
    try {
      ;(http.server as unknown as TlsServer).setSecureContext(readTlsOptions(files))
      http.log.info('TLS certificate reloaded')
    } catch (error) {
      http.log.error({ err: error }, 'TLS certificate reload failed; keeping the previous certificate')
    }
  }
  process.on('SIGHUP', reload)
  return () => process.off('SIGHUP', reload)
}

/** Rows per sweeper transaction. */
const SWEEP_BATCH_SIZE = 1000

/**
 * The periodic jobs of every instance: expired records (every 30 s ± jitter, so a record is
 * deleted within 60 s of expiry), expired or long-revoked sessions (every 10 min), webhook
 * deliveries (every 2 s), the delivery log past its 30 days (hourly) and the audit sequencer
 * (every 1 s: seals new audit entries into each org's Merkle tree and signs its checkpoint), the
 * term indexer (every 1 s: moves records' pending blind index rows into the by-bucket index), and
 * idempotency keys past their 24 h (every 10 min).
 */
function startSweepers(coffer: Coffer, onError: (error: unknown, task: string) => void): PeriodicTask[] {
  const records = new RecordsSweeper({
    db: coffer.db,
    audit: coffer.audit,
    clock: coffer.clock,
    batchSize: SWEEP_BATCH_SIZE,
    emit: coffer.emitEvent,
  })
  const webhooks = new WebhookWorker({
    db: coffer.db,
    endpoints: coffer.webhooks.endpoints,
    clock: coffer.clock,
    requirePublicTargets: coffer.config.requirePublicTargets,
    tracing: coffer.tracing,
  })
  return [
    startPeriodic({
      intervalMs: AUDIT_SEQUENCE_INTERVAL_MS,
      task: () => coffer.auditSequencer.sequenceDue(),
      onError: (error) => onError(error, 'audit sequencer'),
    }),
    startPeriodic({
      intervalMs: TERM_INDEX_INTERVAL_MS,
      task: () => coffer.pendingTerms.moveDue(),
      onError: (error) => onError(error, 'term indexer'),
    }),
    startPeriodic({
      intervalMs: DELIVERY_INTERVAL_MS,
      task: () => webhooks.deliverOnce(),
      onError: (error) => onError(error, 'webhook delivery'),
    }),
    startPeriodic({
      intervalMs: TTL_SWEEP_INTERVAL_MS,
      task: () => records.sweepOnce(),
      onError: (error) => onError(error, 'TTL sweep'),
    }),
    startPeriodic({
      intervalMs: DELIVERY_LOG_PRUNE_INTERVAL_MS,
      task: () => pruneDeliveryLog(coffer.db, coffer.clock, SWEEP_BATCH_SIZE),
      onError: (error) => onError(error, 'webhook log pruning'),
    }),
    startPeriodic({
      intervalMs: CONNECTOR_REFRESH_INTERVAL_MS,
      task: () => coffer.connectorRefresh.refreshDue(),
      onError: (error) => onError(error, 'connector refresh'),
    }),
    startPeriodic({
      intervalMs: ARCHIVE_INTERVAL_MS,
      task: () => coffer.archive.job.runDue(),
      onError: (error) => onError(error, 'archive'),
    }),
    startPeriodic({
      intervalMs: SESSION_SWEEP_INTERVAL_MS,
      task: () => sweepExpiredSessions(coffer.db, new Date(coffer.clock.now()), SWEEP_BATCH_SIZE),
      onError: (error) => onError(error, 'session sweep'),
    }),
    startPeriodic({
      intervalMs: IDEMPOTENCY_SWEEP_INTERVAL_MS,
      task: async () => {
        const now = new Date(coffer.clock.now())
        await sweepExpiredIdempotencyKeys(coffer.db, now, SWEEP_BATCH_SIZE)
        await sweepOperatorKeys(coffer.db, now)
      },
      onError: (error) => onError(error, 'idempotency key sweep'),
    }),
  ]
}
