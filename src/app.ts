import { join } from 'node:path'
import { AuditLog } from './audit/audit-log.js'
import { ApiTokens } from './auth/api-tokens.js'
import type { KeyedConfig } from './config/dev-secrets.js'
import { deriveKey } from './crypto/hkdf.js'
import { lockDataDir } from './db/data-dir-lock.js'
import { assertTenantIsolation } from './db/isolation-check.js'
import { migrate } from './db/migrate.js'
import { openPostgres } from './db/pg-driver.js'
import { openPGlite } from './db/pglite-driver.js'
import type { Database } from './db/sql.js'
import { type Clock, SYSTEM_CLOCK } from './internal/clock.js'
import { createLocalRootProvider } from './keys/local-root-provider.js'
import { OrgKeyCache } from './keys/org-key-cache.js'
import { OrgKeyring } from './keys/org-keyring.js'
import { RecordsService } from './records/records-service.js'

/** Coffer's services, wired once by a composition root (server or CLI). */
export interface Coffer {
  config: KeyedConfig
  db: Database
  clock: Clock
  keyCache: OrgKeyCache
  keyring: OrgKeyring
  tokens: ApiTokens
  audit: AuditLog
  records: RecordsService
  close(): Promise<void>
}

/** Opens the configured database: PostgreSQL when a URL is set, else PGlite in the data dir (locked). */
export async function openConfiguredDatabase(
  config: KeyedConfig,
  log?: (error: Error) => void,
): Promise<{ db: Database; release: () => void }> {
  if (config.databaseUrl) {
    return {
      db: await openPostgres({ connectionString: config.databaseUrl, ...(log ? { onIdleError: log } : {}) }),
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
 * with distinct labels (token hashes, audit chain).
 * @throws MIGRATION_FAILED, TENANT_ISOLATION_BROKEN
 */
export async function wireCoffer(
  config: KeyedConfig,
  db: Database,
  options: { clock?: Clock; onClose?: () => void } = {},
): Promise<Coffer> {
  const clock = options.clock ?? SYSTEM_CLOCK
  await migrate(db)
  await assertTenantIsolation(db)
  const keyCache = new OrgKeyCache({
    ttlSeconds: config.keyCacheTtlSeconds,
    maxEntries: config.keyCacheMaxEntries,
    clock,
  })
  const keyring = new OrgKeyring({
    provider: createLocalRootProvider({ masterKey: config.masterKey }),
    cache: keyCache,
  })
  const audit = new AuditLog({ auditKey: deriveKey(config.tokenSecret, 'coffer/audit-chain'), clock })
  const tokens = new ApiTokens({ pepper: deriveKey(config.tokenSecret, 'coffer/api-token-hash'), clock })
  return {
    config,
    db,
    clock,
    keyCache,
    keyring,
    tokens,
    audit,
    records: new RecordsService({ keyring, audit, clock }),
    async close() {
      keyCache.clear()
      await db.close()
      options.onClose?.()
    },
  }
}

/** Opens the configured database and wires Coffer on it. */
export async function openCoffer(config: KeyedConfig, options: { clock?: Clock } = {}): Promise<Coffer> {
  const { db, release } = await openConfiguredDatabase(config)
  try {
    return await wireCoffer(config, db, { ...options, onClose: release })
  } catch (error) {
    await db.close().catch(() => undefined)
    release()
    throw error
  }
}
