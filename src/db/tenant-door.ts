import { CofferError } from '../errors.js'
import { isUuid, type OrgId } from './org-id.js'
import type { Database, Queryable, SqlResult, Statement } from './sql.js'

/** A statement runner scoped to one org: RLS shows it that org's rows only. */
export interface TenantSql extends Queryable {
  readonly orgId: OrgId
  /**
   * Runs a write whose result nobody reads (an INSERT without RETURNING) no later than the next
   * statement of the transaction or its COMMIT: writes deferred one after another travel as one
   * statement (`WITH d0 AS (...), d1 AS (...) ...`), one round trip instead of one each. They share
   * one snapshot, so a deferred write must not need to see another's rows (foreign keys are checked
   * at the end of the statement, so a row and the rows referencing it may go together). Any later
   * statement sees them all. An error surfaces at that statement and rolls the transaction back.
   */
  defer(text: string, params: readonly unknown[]): Promise<void>
  /**
   * `query` for a statement that reads no row a deferred write adds: the pending writes are sent
   * in the same statement, ahead of it (a SELECT, INSERT, UPDATE or DELETE).
   */
  queryBesideDeferred<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<SqlResult<Row>>
}

interface Deferred extends Statement {
  params: readonly unknown[]
}

/** Deferred writes sent together at most: past this, they go at once. */
const MAX_DEFERRED = 50

/** `$n` placeholders of a statement of our own (its text has no other `$`). */
const PLACEHOLDER = /\$(\d+)/g

/** One statement of the deferred writes, then `tail` (or `SELECT 1`), parameters renumbered in order. */
function combine(pending: readonly Deferred[], tail: Deferred | undefined): Deferred {
  const params: unknown[] = []
  const shift = (statement: Deferred) => {
    const offset = params.length
    params.push(...statement.params)
    return statement.text.replace(PLACEHOLDER, (_, n: string) => `$${Number(n) + offset}`)
  }
  const ctes = pending.map((statement, i) => `d${i} AS (${shift(statement)})`)
  const last = tail ? shift(tail) : 'SELECT 1'
  return { text: `WITH ${ctes.join(', ')} ${last}`, params }
}

/** The text of the tenant scope statement (see tenantScope): one text, prepared once per connection. */
const TENANT_SCOPE = "SELECT set_config('role', 'coffer_app', true), set_config('app.org_id', $1, true)"

/**
 * The statement that switches a transaction into one org's scope: role `coffer_app` (which cannot
 * bypass RLS) and `app.org_id`, both transaction-local (`set_config(..., true)` is `SET LOCAL`),
 * so a pooled connection never carries them on. It travels with BEGIN; the org id is a parameter,
 * and a checked canonical UUID all the same.
 * @throws INTERNAL when `orgId` is not a canonical UUID (a cast that skipped asOrgId)
 */
export function tenantScope(orgId: OrgId): Statement {
  if (!isUuid(orgId)) throw new CofferError('INTERNAL', 'org id is not a UUID')
  return { text: TENANT_SCOPE, params: [orgId] }
}

/**
 * The TenantSql of a transaction already in `orgId`'s scope. With `deferring`, deferred writes wait
 * for the next statement (the door that made it sends what is left with COMMIT, see
 * `takeDeferred`); without, a deferred write runs at once (doors that commit on their own).
 */
function scopedTo(
  tx: Queryable,
  orgId: OrgId,
  deferring = false,
): TenantSql & { takeDeferred(): Statement | undefined } {
  let pending: Deferred[] = []
  const take = () => {
    const taken = pending
    pending = []
    return taken
  }
  /** The writes still deferred, as one statement, taken off the queue. */
  const takeDeferred = () => (pending.length === 0 ? undefined : combine(take(), undefined))
  const flush = async () => {
    const statement = takeDeferred()
    if (statement) await tx.query(statement.text, statement.params)
  }
  const query = <Row>(text: string, params: readonly unknown[] = []) => {
    if (pending.length === 0) return tx.query<Row>(text, params)
    return flush().then(() => tx.query<Row>(text, params))
  }
  return {
    orgId,
    query,
    exec: async (script) => {
      await flush()
      await tx.exec(script)
    },
    defer: async (text, params) => {
      if (!deferring) {
        await tx.query(text, params)
        return
      }
      pending.push({ text, params })
      // A loop of writes (a sweep's events) goes in statements of a bounded size.
      if (pending.length >= MAX_DEFERRED) await flush()
    },
    queryBesideDeferred: <Row>(text: string, params: readonly unknown[] = []) => {
      if (pending.length === 0) return tx.query<Row>(text, params)
      const statement = combine(take(), { text, params })
      return tx.query<Row>(statement.text, statement.params)
    },
    takeDeferred,
  }
}

/**
 * Switches an open transaction into one org's scope (see tenantScope). Only the doors call
 * this; feature code receives the TenantSql it returns.
 */
export async function enterTenantScope(tx: Queryable, orgId: OrgId): Promise<TenantSql> {
  const scope = tenantScope(orgId)
  await tx.query(scope.text, scope.params)
  return scopedTo(tx, orgId)
}

/**
 * The only door to tenant data: runs `fn` in one transaction in the org's scope, the scope set by
 * the statement sent with BEGIN. Writes still deferred when `fn` resolves go with COMMIT. On error
 * the transaction rolls back and the connection is destroyed, not returned to the pool.
 */
export function withTenant<T>(db: Database, orgId: OrgId, fn: (sql: TenantSql) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      const sql = scopedTo(tx, orgId, true)
      const result = await fn(sql)
      const last = sql.takeDeferred()
      if (last) await tx.commitWith(last)
      return result
    },
    { start: tenantScope(orgId) },
  )
}

/**
 * The door for reads that need no snapshot shared by their statements (a record by id): each
 * statement of `fn` runs alone, in a read-only transaction of its own in the org's scope, sent with
 * BEGIN, the scope and COMMIT in one write (one round trip a statement). A statement that writes
 * fails (READ ONLY); `defer` and `exec` are refused. Work that must see one snapshot, or write,
 * goes through withTenant.
 */
export function readInTenant<T>(db: Database, orgId: OrgId, fn: (sql: TenantSql) => Promise<T>): Promise<T> {
  const start = tenantScope(orgId)
  const query = <Row>(text: string, params: readonly unknown[] = []) =>
    db.transaction((tx) => tx.query<Row>(text, params), { start, readOnly: true, oneStatement: true })
  const refused = async () => {
    throw new CofferError('INTERNAL', 'readInTenant runs reads only')
  }
  return fn({ orgId, query, queryBesideDeferred: query, defer: refused, exec: refused })
}
