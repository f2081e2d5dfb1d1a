import { withAdmin } from '../db/admin-door.js'
import type { Database, Queryable } from '../db/sql.js'
import { CofferError } from '../errors.js'
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

/** Filters of a system log query; all optional, combined with AND. */
export interface SystemAuditQuery {
  limit: number
  actor?: string | undefined
  action?: string | undefined
  resource?: string | undefined
  since?: Date | undefined
  until?: Date | undefined
  /** Only entries older than this id (the `next_cursor` of the previous page). */
  before?: string | undefined
}

/** Most entries one page lists. */
export const SYSTEM_AUDIT_MAX_LIMIT = 500

/**
 * The system audit log: operator tokens made and revoked, orgs created, changed, suspended and
 * deleted, org keys destroyed, root rewraps. It is not any org's log, so it outlives every org;
 * the roles Coffer runs as may only append to it (through `coffer_system_audit_append`, migration
 * 0018) and, as `coffer_admin`, read it. It holds ids, never a secret.
 */
export class SystemAudit {
  readonly #db: Database
  readonly #clock: Clock

  constructor(options: { db: Database; clock: Clock }) {
    this.#db = options.db
    this.#clock = options.clock
  }

  /**
   * Appends one entry inside the caller's transaction (admin door or tenant door alike), so the
   * entry exists exactly when the change it records was committed.
   */
  async append(sql: Queryable, entry: SystemAuditEntry): Promise<void> {
    const now = this.#clock.now()
    await sql.query('SELECT coffer_system_audit_append($1, $2, $3, $4, $5)', [
      uuidV7(now),
      new Date(now),
      entry.actor,
      entry.action,
      entry.resource,
    ])
  }

  /**
   * Entries matching `query`, newest first, at most `limit` (1 to {@link SYSTEM_AUDIT_MAX_LIMIT}
   * and one more, which tells a pager whether a next page exists).
   * @throws VALIDATION_FAILED for a bad limit or a cursor that is not an entry id
   */
  async list(query: SystemAuditQuery): Promise<SystemAuditRecord[]> {
    if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > SYSTEM_AUDIT_MAX_LIMIT + 1) {
      throw new CofferError('VALIDATION_FAILED', `limit: must be 1-${SYSTEM_AUDIT_MAX_LIMIT}`)
    }
    const params: unknown[] = []
    const where: string[] = []
    const add = (condition: string, value: unknown) => {
      params.push(value)
      where.push(condition.replace('?', `$${params.length}`))
    }
    if (query.actor !== undefined) add('actor = ?', query.actor)
    if (query.action !== undefined) add('action = ?', query.action)
    if (query.resource !== undefined) add('resource = ?', query.resource)
    if (query.since !== undefined) add('at >= ?', query.since)
    if (query.until !== undefined) add('at < ?', query.until)
    if (query.before !== undefined) {
      const before = await this.#positionOf(query.before)
      params.push(before.at, before.id)
      where.push(`(at, id) < ($${params.length - 1}, $${params.length}::uuid)`)
    }
    params.push(query.limit)
    const { rows } = await withAdmin(this.#db, (sql) =>
      sql.query<SystemAuditRecord>(
        `SELECT id, at, actor, action, resource FROM system_audit
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY at DESC, id DESC LIMIT $${params.length}`,
        params,
      ),
    )
    return rows
  }

  async #positionOf(id: string): Promise<{ id: string; at: Date }> {
    const { rows } = await withAdmin(this.#db, (sql) =>
      sql.query<{ id: string; at: Date }>('SELECT id, at FROM system_audit WHERE id::text = $1', [
        id.toLowerCase(),
      ]),
    )
    if (!rows[0]) throw new CofferError('VALIDATION_FAILED', 'cursor is invalid')
    return rows[0]
  }
}
