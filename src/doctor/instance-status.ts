import { openConfiguredDatabase } from '../app.js'
import type { KeyedConfig } from '../config/dev-secrets.js'
import { loadMigrations, pendingMigrations } from '../db/migrate.js'
import type { OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { withTenant } from '../db/tenant-door.js'
import { COFFER_VERSION } from '../internal/version.js'
import { createRootKeyProvider } from '../keys/create-root-provider.js'
import { listOrgs } from '../tenancy/orgs.js'

/** One screen about an instance, as `coffer status --json` prints it (snake_case). */
export interface InstanceStatus {
  version: string
  database: { kind: 'postgresql' | 'pglite'; server_version: string }
  migrations: { applied: number; pending: number[]; latest: string | null }
  provider: { name: string; root_key_id: string }
  orgs: { active: number; deleted: number }
  /** Orgs with a key rotation job still running (resumable with `coffer keys rotate`). */
  pending_rotations: number
}

async function runningRotations(db: Database, orgIds: readonly OrgId[]): Promise<number> {
  let running = 0
  for (const orgId of orgIds) {
    const { rows } = await withTenant(db, orgId, (sql) =>
      sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM key_rotation_jobs WHERE org_id = $1 AND state = 'running'`,
        [sql.orgId],
      ),
    )
    if ((rows[0]?.n ?? 0) > 0) running++
  }
  return running
}

/**
 * Reads the instance's status without changing anything: no migration is applied (pending ones are
 * listed), the key provider is asked only for its root key id.
 * @throws CONFIG_INVALID, DATA_DIR_LOCKED, KEY_UNAVAILABLE, MIGRATION_FAILED (a changed or unknown migration)
 */
export async function readInstanceStatus(config: KeyedConfig): Promise<InstanceStatus> {
  const { db, release } = await openConfiguredDatabase(config)
  try {
    const all = await loadMigrations()
    const pending = await pendingMigrations(db, all)
    const applied = all.filter((m) => !pending.includes(m.version))
    const version = await db.query<{ server_version: string }>('SHOW server_version')
    const orgs = applied.length > 0 ? await listOrgs(db) : []
    const live = orgs.filter((org) => !org.deletedAt)
    const provider = await createRootKeyProvider(config.keyProvider, config.masterKey)
    const rootKeyId = provider.rootKeyId
    await provider.close()
    const last = applied.at(-1)
    return {
      version: COFFER_VERSION,
      database: {
        kind: config.databaseUrl ? 'postgresql' : 'pglite',
        server_version: version.rows[0]?.server_version ?? 'unknown',
      },
      migrations: {
        applied: applied.length,
        pending,
        latest: last ? `${String(last.version).padStart(4, '0')}_${last.name}` : null,
      },
      provider: { name: provider.name, root_key_id: rootKeyId },
      orgs: { active: live.length, deleted: orgs.length - live.length },
      pending_rotations:
        pending.length === 0
          ? await runningRotations(
              db,
              live.map((org) => org.id),
            )
          : 0,
    }
  } finally {
    await db.close()
    release()
  }
}
