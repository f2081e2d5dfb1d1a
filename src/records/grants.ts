import type { AuditLog } from '../audit/audit-log.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'

/** A cross-namespace read grant as the API shows it. */
export interface GrantView {
  id: string
  namespace: string
  reads: string
  types: string[] | null
  expires_at: string | null
  created_at: string
  created_by: string
}

interface GrantRow {
  id: string
  namespace: string
  reads: string
  types: string[] | null
  expires_at: Date | null
  created_at: Date
  created_by: string
}

const GRANT_SELECT = `SELECT g.id, a.name AS namespace, b.name AS reads, g.types, g.expires_at, g.created_at, g.created_by
  FROM grants g
  JOIN namespaces a ON a.org_id = g.org_id AND a.id = g.grantee_namespace_id
  JOIN namespaces b ON b.org_id = g.org_id AND b.id = g.granted_namespace_id`

function toView(row: GrantRow): GrantView {
  return {
    id: row.id,
    namespace: row.namespace,
    reads: row.reads,
    types: row.types,
    expires_at: row.expires_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    created_by: row.created_by,
  }
}

/** Grants: namespace A may read namespace B (optionally only some record types) until an expiry. */
export class Grants {
  readonly #audit: AuditLog
  readonly #clock: Clock

  constructor(options: { audit: AuditLog; clock: Clock }) {
    this.#audit = options.audit
    this.#clock = options.clock
  }

  /**
   * Lets `namespace` read `reads`. Audited as `grant.created`.
   * @throws VALIDATION_FAILED for an unknown namespace or a grant of a namespace to itself
   */
  async create(
    sql: TenantSql,
    actor: string,
    input: {
      namespace: string
      reads: string
      types?: string[] | undefined
      expiresInSeconds?: number | undefined
    },
  ): Promise<GrantView> {
    if (input.namespace === input.reads) {
      throw new CofferError('VALIDATION_FAILED', 'reads: a namespace already reads itself')
    }
    const grantee = await this.#namespaceId(sql, input.namespace, 'namespace')
    const granted = await this.#namespaceId(sql, input.reads, 'reads')
    const now = this.#clock.now()
    const id = uuidV7(now)
    await sql.query(
      `INSERT INTO grants (org_id, id, grantee_namespace_id, granted_namespace_id, types, expires_at, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        sql.orgId,
        id,
        grantee,
        granted,
        input.types ?? null,
        input.expiresInSeconds === undefined ? null : new Date(now + input.expiresInSeconds * 1000),
        actor,
        new Date(now),
      ],
    )
    await this.#audit.append(sql, { actor, action: 'grant.created', resource: `grant:${id}` })
    return this.#get(sql, id)
  }

  /** Every grant of the org, newest first. */
  async list(sql: TenantSql): Promise<GrantView[]> {
    const { rows } = await sql.query<GrantRow>(`${GRANT_SELECT} WHERE g.org_id = $1 ORDER BY g.id DESC`, [
      sql.orgId,
    ])
    return rows.map(toView)
  }

  /**
   * Deletes a grant; reads through it stop at once. Audited as `grant.deleted`.
   * @throws NOT_FOUND
   */
  async delete(sql: TenantSql, actor: string, id: string): Promise<void> {
    const { rowCount } = await sql.query('DELETE FROM grants WHERE org_id = $1 AND id = $2', [sql.orgId, id])
    if (rowCount === 0) throw new CofferError('NOT_FOUND', 'no grant with this id')
    await this.#audit.append(sql, { actor, action: 'grant.deleted', resource: `grant:${id}` })
  }

  async #get(sql: TenantSql, id: string): Promise<GrantView> {
    const { rows } = await sql.query<GrantRow>(`${GRANT_SELECT} WHERE g.org_id = $1 AND g.id = $2`, [
      sql.orgId,
      id,
    ])
    if (!rows[0]) throw new CofferError('NOT_FOUND', 'no grant with this id')
    return toView(rows[0])
  }

  async #namespaceId(sql: TenantSql, name: string, field: string): Promise<string> {
    const { rows } = await sql.query<{ id: string }>(
      'SELECT id FROM namespaces WHERE org_id = $1 AND name = $2',
      [sql.orgId, name],
    )
    if (!rows[0]) throw new CofferError('VALIDATION_FAILED', `${field}: no namespace with this name`)
    return rows[0].id
  }
}
