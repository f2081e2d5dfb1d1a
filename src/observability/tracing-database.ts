import type { Database, Queryable, Transaction } from '../db/sql.js'
import { SpanKind, type Tracing } from './tracing.js'

/** Statement keywords a span name may start with; anything else is named `QUERY`. */
const KEYWORDS = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'WITH',
  'SET',
  'RESET',
  'LOCK',
  'CREATE',
  'ALTER',
  'DROP',
  'GRANT',
  'REVOKE',
  'TRUNCATE',
  'DO',
  'SHOW',
  'VALUES',
])

/** `WITH d0 AS (INSERT ...`: a WITH whose first part is a write. */
const WITH_WRITE = /^\s*WITH\s+[A-Za-z_][A-Za-z0-9_]*\s+AS\s+\(\s*(INSERT|UPDATE|DELETE)\b/i

/** The first table a statement names: after FROM, INTO, UPDATE or TABLE, an identifier only. */
const TABLE = /\b(?:FROM|INTO|UPDATE|TABLE)\s+([A-Za-z_][A-Za-z0-9_]{0,62})\b/i

/**
 * A span name for a statement: its keyword and first table (`SELECT records`), nothing else of
 * its text, so no literal, parameter or value can reach a span. Exported for its test.
 */
export function statementName(text: string): { name: string; operation: string; table: string | undefined } {
  const bare = text.replace(/^\s*(--[^\n]*\n\s*)*/, '')
  const first = /^\s*([A-Za-z]+)/.exec(bare)?.[1]?.toUpperCase()
  // Writes sent together (TenantSql.defer) lead with a data-modifying WITH part: named by that write.
  const leadingWrite = first === 'WITH' ? WITH_WRITE.exec(bare)?.[1]?.toUpperCase() : undefined
  const operation = leadingWrite ?? (first !== undefined && KEYWORDS.has(first) ? first : 'QUERY')
  const table = TABLE.exec(text)?.[1]?.toLowerCase()
  return { name: table ? `${operation} ${table}` : operation, operation, table }
}

/**
 * The database with a span for every transaction (`transaction`) and statement
 * (`SELECT records`), only inside a span already (a request, a delivery), so background polls
 * open no traces. Attributes: `db.system`, operation and table; never the statement or its parameters.
 */
export function traceDatabase(db: Database, tracing: Tracing): Database {
  if (!tracing.enabled) return db
  const system = db.kind === 'pglite' ? 'pglite' : 'postgresql'
  const statementSpan = <T>(text: string, run: () => Promise<T>): Promise<T> => {
    const { name, operation, table } = statementName(text)
    const attributes = {
      'db.system': system,
      'db.operation.name': operation,
      ...(table ? { 'db.collection.name': table } : {}),
    }
    return tracing.inSpan(name, { kind: SpanKind.CLIENT, attributes, requireParent: true }, run)
  }
  const traced = (queryable: Queryable): Queryable => ({
    query: (text, params) => statementSpan(text, () => queryable.query(text, params)),
    exec: (script) =>
      tracing.inSpan(
        'exec',
        { kind: SpanKind.CLIENT, attributes: { 'db.system': system }, requireParent: true },
        () => queryable.exec(script),
      ),
  })
  // The last statement, sent with COMMIT, is a statement span like the others.
  const tracedTransaction = (tx: Transaction): Transaction => ({
    ...traced(tx),
    commitWith: (statement) => statementSpan(statement.text, () => tx.commitWith(statement)),
  })
  const outside = traced(db)
  return {
    kind: db.kind,
    ...(db.availability ? { availability: db.availability } : {}),
    query: outside.query,
    exec: outside.exec,
    // The options carry the tenant door's scope (role and org): dropping them would run the
    // transaction as the login role with no org set.
    transaction: (fn, options) =>
      tracing.inSpan(
        'transaction',
        { kind: SpanKind.CLIENT, attributes: { 'db.system': system }, requireParent: true },
        () => db.transaction((tx) => fn(tracedTransaction(tx)), options),
      ),
    poolStats: () => db.poolStats?.(),
    close: () => db.close(),
  }
}
