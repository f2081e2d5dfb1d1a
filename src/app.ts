import { join } from 'node:path'
import { type Archive, createArchive } from './archive/archive.js'
import { ARCHIVE_ENCRYPTED_TABLE } from './archive/archive-encryption.js'
import { ArchivedRecordStubs } from './archive/archive-stubs.js'
import { writeCheckpointFile } from './audit/audit-checkpoint-files.js'
import { AuditLog } from './audit/audit-log.js'
import { AuditSequencer } from './audit/audit-sequencer.js'
import { AuditSigningKeys } from './audit/audit-signing-keys.js'
import { ApiTokens } from './auth/api-tokens.js'
import { credentialRefusal } from './auth/credential-liveness.js'
import { SessionService } from './auth/sessions.js'
import { TokenManagement } from './auth/token-management.js'
import type { KeyedConfig } from './config/dev-secrets.js'
import { ConnectorProviders } from './connectors/connector-providers.js'
import { ConnectorRefresh } from './connectors/connector-refresh.js'
import { ConnectorStateSigner } from './connectors/connector-state.js'
import { CONNECTORS_ENCRYPTED_TABLE } from './connectors/connectors-encryption.js'
import { ConnectorService } from './connectors/connectors-service.js'
import { deriveKey } from './crypto/hkdf.js'
import { lockDataDir } from './db/data-dir-lock.js'
import { assertTenantIsolation } from './db/isolation-check.js'
import { migrate } from './db/migrate.js'
import { openPostgres } from './db/pg-driver.js'
import { openPGlite } from './db/pglite-driver.js'
import type { Database } from './db/sql.js'
import { type TenantSql, withTenant } from './db/tenant-door.js'
import { type Clock, SYSTEM_CLOCK } from './internal/clock.js'
import { COFFER_VERSION } from './internal/version.js'
import { createRootKeyProvider } from './keys/create-root-provider.js'
import type { EncryptedTable } from './keys/encrypted-tables.js'
import type { TenantRunner } from './keys/key-ports.js'
import { OrgKeyCache } from './keys/org-key-cache.js'
import { OrgKeyRotation } from './keys/org-key-rotation.js'
import { OrgKeyring } from './keys/org-keyring.js'
import type { RootKeyProvider } from './keys/root-key-provider.js'
import { instrumentDatabase } from './observability/instrumented-database.js'
import { instrumentProvider } from './observability/instrumented-provider.js'
import { CofferMetrics } from './observability/metrics.js'
import { TRACING_OFF, type Tracing } from './observability/tracing.js'
import { traceDatabase } from './observability/tracing-database.js'
import { traceProvider } from './observability/tracing-provider.js'
import { OperatorTokens } from './operator/operator-tokens.js'
import { OrgsService } from './operator/orgs-service.js'
import { SystemAudit } from './operator/system-audit.js'
import { Grants } from './records/grants.js'
import { IDEMPOTENCY_ENCRYPTED_TABLE } from './records/idempotency-store.js'
import { PendingTerms } from './records/pending-terms.js'
import { RECORDS_ENCRYPTED_TABLE } from './records/records-encryption.js'
import { RecordsSearch } from './records/records-search.js'
import { RecordsService } from './records/records-service.js'
import { TermIndexer } from './records/term-index.js'
import { SECRETS_ENCRYPTED_TABLE } from './secrets/secrets-encryption.js'
import { SecretsService } from './secrets/secrets-service.js'
import { backlogAt } from './tenancy/due-work.js'
import { RecordQuota } from './usage/record-quota.js'
import type { WebhookEvent } from './webhooks/webhook-events.js'
import { createWebhooks, type Webhooks } from './webhooks/webhooks.js'
import { WEBHOOKS_ENCRYPTED_TABLE } from './webhooks/webhooks-encryption.js'

/** Coffer's services, wired once by a composition root (server or CLI). */
export interface Coffer {
  config: KeyedConfig
  db: Database
  clock: Clock
  /** Prometheus metrics of this instance (served on COFFER_METRICS_LISTEN by `coffer serve`). */
  metrics: CofferMetrics
  /** OpenTelemetry spans of this instance ({@link TRACING_OFF} unless OTEL_* configures an exporter). */
  tracing: Tracing
  keyCache: OrgKeyCache
  provider: RootKeyProvider
  keyring: OrgKeyring
  rotation: OrgKeyRotation
  /** `withTenant` bound to this database: the port `keys/` uses to open tenant transactions. */
  inTenant: TenantRunner
  tokens: ApiTokens
  tokenManagement: TokenManagement
  sessions: SessionService
  audit: AuditLog
  /** The instance's Ed25519 checkpoint signing keys (wrapped by the root key provider). */
  auditKeys: AuditSigningKeys
  /** Seals audit entries into each org's Merkle tree and signs its checkpoints (a periodic job). */
  auditSequencer: AuditSequencer
  records: RecordsService
  /** Ranked search over the blind term index (`POST /v1/records/search`). */
  search: RecordsSearch
  /** Moves records' pending blind index rows into the by-bucket index (a periodic job). */
  pendingTerms: PendingTerms
  /** Write-only vendor secrets (`/v1/secrets`). */
  secrets: SecretsService
  grants: Grants
  /** Archive of aged records to the org's own bucket: settings, job, restore (`/v1/archive`). */
  archive: Archive
  /** Webhook endpoints and the outbox of their deliveries (`/v1/webhooks`). */
  webhooks: Webhooks
  /**
   * Queues a webhook event in the caller's transaction (the outbox). Passed as the `emitEvent`
   * of lower layers that take `coffer` as deps (erasure, key destruction, org deletion).
   */
  emitEvent: (sql: TenantSql, event: WebhookEvent) => Promise<void>
  /** The operator plane's org lifecycle: the one service behind `coffer org ...` and `/v1/orgs`. */
  orgs: OrgsService
  /** OAuth providers the operator registers (`/v1/connectors/providers`). */
  connectorProviders: ConnectorProviders
  /** Connector credentials of orgs (`/v1/connectors`): authorize, callback, resolve. */
  connectors: ConnectorService
  /** Refreshes connector credentials before they expire (a periodic job; `refreshNow` for resolve). */
  connectorRefresh: ConnectorRefresh
  /** Operator credentials (`cfo_`), never tenant-scoped. */
  operatorTokens: OperatorTokens
  /** The system audit log of operator-plane actions; it outlives every org. */
  systemAudit: SystemAudit
  /** The plans' records and storage quotas on the write path (`charge` before a write adds). */
  recordQuota: RecordQuota
  close(): Promise<void>
}

/** Audit entries sealed per sequencer transaction (and so per checkpoint, at most). */
const AUDIT_SEQUENCE_BATCH_SIZE = 5000

/** Every table with envelope columns: key rotation re-encrypts them all. */
export const ENCRYPTED_TABLES: readonly EncryptedTable[] = [
  RECORDS_ENCRYPTED_TABLE,
  SECRETS_ENCRYPTED_TABLE,
  WEBHOOKS_ENCRYPTED_TABLE,
  IDEMPOTENCY_ENCRYPTED_TABLE,
  CONNECTORS_ENCRYPTED_TABLE,
  ARCHIVE_ENCRYPTED_TABLE,
]

/** Opens the configured database: PostgreSQL when a URL is set, else PGlite in the data dir (locked). */
export async function openConfiguredDatabase(
  config: KeyedConfig,
  log?: (error: Error) => void,
): Promise<{ db: Database; release: () => void }> {
  if (config.databaseUrl) {
    return {
      db: await openPostgres({
        connectionString: config.databaseUrl,
        preparedStatements: config.preparedStatements,
        ...(log ? { onIdleError: log } : {}),
      }),
      release: () => undefined,
    }
  }
  const release = lockDataDir(config.dataDir)
  try {
    return { db: await openPGlite({ dataDir: join(config.dataDir, 'pgdata') }), release }
  } catch (error) {
    release()
    throw error
  }
}

/**
 * Wires Coffer on an open database: migrates, refuses a schema without enforced tenant isolation,
 * and builds the key hierarchy and services. Subkeys of COFFER_TOKEN_SECRET are HKDF-derived
 * with distinct labels (token hashes, sessions).
 * @throws MIGRATION_FAILED, TENANT_ISOLATION_BROKEN
 */
export async function wireCoffer(
  config: KeyedConfig,
  rawDb: Database,
  options: {
    clock?: Clock
    onClose?: () => void
    provider?: RootKeyProvider
    /** Event-loop, heap and process metrics too (the server; not every test's Coffer). */
    processMetrics?: boolean
    /** Spans of requests, statements, provider calls (owned from here on: `close` shuts it down). */
    tracing?: Tracing
  } = {},
): Promise<Coffer> {
  const clock = options.clock ?? SYSTEM_CLOCK
  const tracing = options.tracing ?? TRACING_OFF
  const metrics = new CofferMetrics({
    version: COFFER_VERSION,
    processMetrics: options.processMetrics ?? false,
  })
  // COFFER_METRICS_LISTEN=off: nothing is served, so nothing is counted either (no per-statement,
  // per-call or per-request work).
  const measured = config.metricsListen !== undefined
  const db = traceDatabase(measured ? instrumentDatabase(rawDb, metrics) : rawDb, tracing)
  await migrate(db)
  await assertTenantIsolation(db)
  const keyCache = new OrgKeyCache({
    ttlSeconds: config.keyCacheTtlSeconds,
    maxEntries: config.keyCacheMaxEntries,
    maxUses: config.keyCacheMaxUses,
    clock,
  })
  const rawProvider = options.provider ?? (await createRootKeyProvider(config.keyProvider, config.masterKey))
  const provider = traceProvider(measured ? instrumentProvider(rawProvider, metrics) : rawProvider, tracing)
  const keyring = new OrgKeyring({ provider, cache: keyCache })
  const audit = new AuditLog({ clock, origin: config.auditOrigin })
  const auditKeys = new AuditSigningKeys({ db, provider, clock })
  const inTenant: TenantRunner = (orgId, fn) => withTenant(db, orgId, fn)
  const webhooks = createWebhooks({
    keyring,
    audit,
    clock,
    requirePublicTargets: config.requirePublicTargets,
    plans: config.plans,
  })
  const emitEvent = (sql: TenantSql, event: WebhookEvent) => webhooks.outbox.emit(sql, event)
  const checkpointDir = config.auditCheckpointDir
  const auditSequencer = new AuditSequencer({
    db,
    keys: auditKeys,
    origin: config.auditOrigin,
    clock,
    batchSize: AUDIT_SEQUENCE_BATCH_SIZE,
    inTransaction: (sql, checkpoint) =>
      emitEvent(sql, {
        type: 'audit.checkpoint',
        data: {
          id: `checkpoint:${checkpoint.treeSize}`,
          tree_size: checkpoint.treeSize,
          note: checkpoint.note,
        },
      }),
    ...(checkpointDir ? { afterCommit: (checkpoint) => writeCheckpointFile(checkpointDir, checkpoint) } : {}),
  })
  const recordQuota = new RecordQuota({ plans: config.plans, emit: emitEvent })
  const records = new RecordsService({
    keyring,
    audit,
    clock,
    indexers: [new TermIndexer({ keyring })],
    emit: emitEvent,
    charge: (sql, charge) => recordQuota.charge(sql, charge),
    archived: new ArchivedRecordStubs(),
  })
  const archive = createArchive({
    db,
    keyring,
    audit,
    clock,
    records,
    requirePublicTargets: config.requirePublicTargets,
    emit: emitEvent,
  })
  // Rotation re-encrypts records and rebuilds their blind indexes under the new version.
  const recordsRotated = {
    ...RECORDS_ENCRYPTED_TABLE,
    reindex: (sql, rows, version) =>
      records.reindex(
        sql,
        rows.map((row) => RecordsService.plaintextOf(row.id, row.fields)),
        version,
      ),
  } satisfies EncryptedTable
  const rotation = new OrgKeyRotation({
    inTenant,
    keyring,
    audit,
    emit: emitEvent,
    clock,
    tables: ENCRYPTED_TABLES.map((table) => (table === RECORDS_ENCRYPTED_TABLE ? recordsRotated : table)),
    batchSize: config.rotationBatchSize,
  })
  const tokens = new ApiTokens({
    pepper: deriveKey(config.tokenSecret, 'coffer/api-token-hash'),
    clock,
    plans: config.plans,
  })
  metrics.observe({
    keyCache: () => keyCache.stats(),
    pool: () => db.poolStats?.(),
    backlog: async () => {
      const now = new Date(clock.now())
      const backlog = await backlogAt(db, now)
      const ageSeconds = (since: Date | null) =>
        since ? Math.max(0, (now.getTime() - since.getTime()) / 1000) : 0
      return {
        pendingDeliveries: backlog.pendingDeliveries,
        oldestDueDeliverySeconds: ageSeconds(backlog.oldestDueDelivery),
        ttlSweepLagSeconds: ageSeconds(backlog.oldestExpiredRecord),
      }
    },
  })
  const systemAudit = new SystemAudit({ db, clock })
  const operatorTokens = new OperatorTokens({
    db,
    pepper: deriveKey(config.tokenSecret, 'coffer/operator-token-hash'),
    clock,
    audit: systemAudit,
  })
  const orgs = new OrgsService({
    db,
    inTenant,
    keyring,
    tokens,
    audit,
    clock,
    emitEvent,
    plans: config.plans,
    systemAudit,
    purgeArchivedObjects: (orgId, actor) => archive.erasure.purgeOrg(orgId, actor),
  })
  const connectorProviders = new ConnectorProviders({
    db,
    provider,
    clock,
    requirePublicTargets: config.requirePublicTargets,
  })
  const connectorRefresh = new ConnectorRefresh({
    db,
    providers: connectorProviders,
    keyring,
    audit,
    clock,
    requirePublicTargets: config.requirePublicTargets,
    emit: emitEvent,
  })
  const sessions = new SessionService({
    secret: deriveKey(config.tokenSecret, 'coffer/session'),
    clock,
    plans: config.plans,
    audit: { log: audit, emailKey: deriveKey(config.tokenSecret, 'coffer/audit-login-email') },
  })
  const connectors = new ConnectorService({
    db,
    providers: connectorProviders,
    keyring,
    audit,
    clock,
    signer: new ConnectorStateSigner(config.tokenSecret),
    credentialRefusal: credentialRefusal({ db, tokens, sessions }),
    refresh: connectorRefresh,
    redirectUrl: config.connectorsRedirectUrl,
    requirePublicTargets: config.requirePublicTargets,
  })
  return {
    config,
    db,
    connectorProviders,
    connectors,
    connectorRefresh,
    clock,
    metrics,
    tracing,
    keyCache,
    provider,
    keyring,
    rotation,
    inTenant,
    tokens,
    tokenManagement: new TokenManagement({ tokens, audit, clock, emit: emitEvent, plans: config.plans }),
    sessions,
    audit,
    auditKeys,
    auditSequencer,
    records,
    search: new RecordsSearch({ keyring, records }),
    pendingTerms: new PendingTerms({ db }),
    secrets: new SecretsService({
      keyring,
      audit,
      clock,
      inTenant,
      requirePublicTargets: config.requirePublicTargets,
      emit: emitEvent,
    }),
    grants: new Grants({ audit, clock }),
    archive,
    webhooks,
    emitEvent,
    orgs,
    operatorTokens,
    systemAudit,
    recordQuota,
    async close() {
      keyCache.clear()
      await provider.close()
      await db.close()
      await tracing.shutdown()
      options.onClose?.()
    },
  }
}

/** Opens the configured database and wires Coffer on it. */
export async function openCoffer(
  config: KeyedConfig,
  options: { clock?: Clock; processMetrics?: boolean; tracing?: Tracing } = {},
): Promise<Coffer> {
  const { db, release } = await openConfiguredDatabase(config)
  try {
    return await wireCoffer(config, db, { ...options, onClose: release })
  } catch (error) {
    await db.close().catch(() => undefined)
    release()
    throw error
  }
}
