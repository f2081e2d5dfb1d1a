import { withAdmin } from '../db/admin-door.js'
import type { Database } from '../db/sql.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'

/** One operator-plane action: who (`operator:<id>` or `cli`), what, on which resource (ids only). */
export interface SystemAuditEntry {
  actor: string
  action: string
  resource: string
}

/** A stored entry, as listed. */
export interface SystemAuditRecord extends SystemAuditEntry {
  id: string
  at: Date
}

/**
 * The system audit log: operator tokens made and revoked, orgs created, changed and deleted. It
 * is not any org's log, so it outlives every org; the roles Coffer runs as may only append to it
 * and read it. It holds ids, never a secret.
 */
export class SystemAudit {
  readonly #db: Database
  readonly #clock: Clock

  constructor(options: { db: Database; clock: Clock }) {
    this.#db = options.db
    this.#clock = options.clock
  }

  /** Appends one entry in its own transaction. */
  async append(entry: SystemAuditEntry): Promise<void> {
    const now = this.#clock.now()
    await withAdmin(this.#db, (sql) =>
      sql.query('INSERT INTO system_audit (id, at, actor, action, resource) VALUES ($1, $2, $3, $4, $5)', [
        uuidV7(now),
        new Date(now),
        entry.actor,
        entry.action,
        entry.resource,
      ]),
    )
  }

  /** The newest entries first, at most `limit`. */
  async list(options: { limit: number }): Promise<SystemAuditRecord[]> {
    const { rows } = await withAdmin(this.#db, (sql) =>
      sql.query<SystemAuditRecord>(
        'SELECT id, at, actor, action, resource FROM system_audit ORDER BY at DESC, id DESC LIMIT $1',
        [options.limit],
      ),
    )
    return rows
  }
}
