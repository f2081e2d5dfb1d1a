import type { Writable } from 'node:stream'
import pg from 'pg'
import pgUtils from 'pg/lib/utils.js'

/** One statement of a batch; `name` prepares it once per connection. */
export interface BatchStatement {
  text: string
  params?: readonly unknown[] | undefined
  name?: string | undefined
}

/** The parts of node-postgres' connection a batch writes to (lib/connection.js). */
interface PgConnection {
  parsedStatements: Record<string, string>
  submittedNamedStatements: Record<string, string>
  stream: Writable
  parse(message: { text: string; name?: string }): void
  bind(message: {
    portal: string
    statement?: string
    values: unknown[]
    valueMapper: (value: unknown) => unknown
  }): void
  describe(message: { type: 'P'; name: string }): void
  execute(message: { portal: string }): void
  sync(): void
  sendCopyFail(message: string): void
  on(event: 'parseComplete', listener: () => void): void
  removeListener(event: 'parseComplete', listener: () => void): void
}

/** node-postgres' result of one statement (lib/result.js), with the parts a kept row shape sets. */
interface PgResult extends pg.QueryResult {
  _parsers: unknown[] | undefined
  _prebuiltEmptyResultObject: Record<string, null> | null
  addFields(fields: unknown[]): void
  parseRow(fields: unknown[]): unknown
  addRow(row: unknown): void
  addCommandComplete(message: unknown): void
}

const PgResultClass = (pg as unknown as { Result: new () => PgResult }).Result

/** The columns of a prepared statement's rows and their parsers, as its first RowDescription gave them. */
interface RowShape {
  fields: PgResult['fields']
  parsers: PgResult['_parsers']
  empty: PgResult['_prebuiltEmptyResultObject']
}

/**
 * Row shapes of the named statements of each connection. A named statement's rows keep their
 * columns for the life of the connection (PostgreSQL fails a prepared statement whose result type
 * changed: "cached plan must not change result type"), so it is described once: later executions
 * skip the Describe and its RowDescription, and the client builds no parsers again.
 */
const rowShapes = new WeakMap<PgConnection, Map<string, RowShape>>()

interface Pending {
  statement: BatchStatement
  resolve(result: pg.QueryResult): void
  reject(error: unknown): void
}

/**
 * Statements sent as one extended-protocol exchange: Parse (a named statement's first use on the
 * connection), Bind, Describe (until a named statement's rows are known) and Execute for each,
 * then a single Sync. PostgreSQL answers them all
 * in one flush, where a Sync per statement costs the server a ReadyForQuery and a socket write per
 * statement and the client as many reads (a read's `BEGIN`, scope, `SELECT` and `COMMIT` were three
 * exchanges). Up to the Sync the statements share the server's error handling: when one fails, the
 * server skips the rest, so it and every statement after it reject with its error, while those
 * before it resolve. Statements are added until the batch is handed to the client (`add`).
 *
 * A node-postgres Query by prototype (its pipeline mode requires one, see the end of this file). It
 * keeps node-postgres' bookkeeping of prepared names true: a name counts as parsed on the
 * connection only once the server has answered its ParseComplete.
 */
export class StatementBatch implements pg.Submittable {
  readonly #client: pg.ClientBase
  readonly #pending: Pending[] = []
  readonly #results: PgResult[] = []
  /** Names whose rows this batch described (no shape kept yet), by statement index. */
  readonly #describing = new Map<number, string>()
  /**
   * Every Parse this batch sent, in order (an unnamed statement's too: the server answers each
   * with a ParseComplete), and how many the server has confirmed.
   */
  readonly #parsing: { name: string | undefined; text: string }[] = []
  #parsed = 0
  /** Statements the server has answered (CommandComplete or EmptyQueryResponse). */
  #completed = 0
  #submitted = false
  #settled = false
  #rowError: unknown
  #connection: PgConnection | undefined

  constructor(client: pg.ClientBase) {
    this.#client = client
  }

  /** Adds a statement; its promise settles when the server has answered it. */
  add(statement: BatchStatement): Promise<pg.QueryResult> {
    if (this.#submitted) throw new Error('a statement added to a batch already sent')
    return new Promise((resolve, reject) => {
      this.#pending.push({ statement, resolve, reject })
    })
  }

  readonly #onParseComplete = () => {
    if ((this.#client as unknown as { _activeQuery: unknown })._activeQuery === this) this.#parsed++
  }

  submit(driverConnection: pg.Connection): Error | null {
    const connection = driverConnection as unknown as PgConnection
    this.#submitted = true
    this.#connection = connection
    let shapes = rowShapes.get(connection)
    if (!shapes) {
      shapes = new Map()
      rowShapes.set(connection, shapes)
    }
    const stream = connection.stream
    stream.cork()
    try {
      for (const [i, { statement }] of this.#pending.entries()) {
        const name = statement.name
        const known =
          name !== undefined &&
          (connection.parsedStatements[name] !== undefined ||
            connection.submittedNamedStatements[name] !== undefined)
        if (!known) {
          connection.parse({ text: statement.text, ...(name !== undefined ? { name } : {}) })
          if (name !== undefined) connection.submittedNamedStatements[name] = statement.text
          this.#parsing.push({ name, text: statement.text })
        }
        connection.bind({
          portal: '',
          ...(name !== undefined ? { statement: name } : {}),
          values: [...(statement.params ?? [])],
          valueMapper: pgUtils.prepareValue,
        })
        const result = new PgResultClass()
        const shape = name !== undefined ? shapes.get(name) : undefined
        if (shape) {
          result.fields = shape.fields
          result._parsers = shape.parsers
          result._prebuiltEmptyResultObject = shape.empty
        } else {
          connection.describe({ type: 'P', name: '' })
          if (name !== undefined) this.#describing.set(i, name)
        }
        connection.execute({ portal: '' })
        this.#results.push(result)
      }
      connection.sync()
    } finally {
      stream.uncork()
    }
    // Answers arrive no sooner than the next turn of the event loop.
    if (this.#namesParsed()) connection.on('parseComplete', this.#onParseComplete)
    return null
  }

  /** Whether a named statement is among the Parses sent (only then is anything to keep track of). */
  #namesParsed(): boolean {
    return this.#parsing.some(({ name }) => name !== undefined)
  }

  /** The result of the statement the server is answering now. */
  #current(): PgResult | undefined {
    return this.#results[this.#completed]
  }

  handleRowDescription(message: { fields: unknown[] }): void {
    this.#current()?.addFields(message.fields)
  }

  handleDataRow(message: { fields: unknown[] }): void {
    const result = this.#current()
    if (!result || this.#rowError !== undefined) return
    try {
      result.addRow(result.parseRow(message.fields))
    } catch (error) {
      this.#rowError = error
    }
  }

  handleCommandComplete(message: unknown): void {
    this.#current()?.addCommandComplete(message)
    this.#completed++
  }

  handleEmptyQuery(): void {
    this.#completed++
  }

  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: PgConnection): void {
    connection.sendCopyFail('COPY is not supported in a statement batch')
  }

  handleCopyData(): void {}

  /** An ErrorResponse (the statement being answered failed, the rest were skipped) or a lost connection. */
  handleError(error: unknown): void {
    this.#settle(error)
  }

  /** All answered; a row that could not be parsed fails every statement (as node-postgres' Query does). */
  handleReadyForQuery(): void {
    if (this.#rowError === undefined) this.#settle(undefined)
    else this.#settle(this.#rowError, 0)
  }

  /** Resolves the statements answered before `failedAt` (default: those completed), rejects the rest with `error`. */
  #settle(error: unknown, failedAt = this.#completed): void {
    if (this.#settled) return
    this.#settled = true
    const connection = this.#connection
    if (connection) {
      if (this.#namesParsed()) connection.removeListener('parseComplete', this.#onParseComplete)
      this.#parsing.forEach(({ name, text }, i) => {
        if (name === undefined) return
        delete connection.submittedNamedStatements[name]
        if (i < this.#parsed) connection.parsedStatements[name] = text
      })
      // The shape of a statement answered in full (no RowDescription: it returns no rows).
      const shapes = rowShapes.get(connection)
      for (const [i, name] of this.#describing) {
        const result = this.#results[i]
        if (!shapes || !result || i >= failedAt) continue
        shapes.set(name, {
          fields: result.fields,
          parsers: result._parsers,
          empty: result._prebuiltEmptyResultObject,
        })
      }
    }
    this.#pending.forEach((pending, i) => {
      const result = this.#results[i]
      if (result && i < failedAt) pending.resolve(result)
      else pending.reject(error ?? new Error('statement batch ended before its answer'))
    })
  }
}

// node-postgres' pipeline mode takes custom queries only as instances of its Query. The batch is
// one by prototype, without running Query's constructor (its config parsing and EventEmitter set-up
// cost a read 2 % of its CPU); the client calls only the handle* methods, submit, and reads name,
// text, callback, _result and binary of a query, all of which the batch answers itself.
Object.setPrototypeOf(StatementBatch.prototype, pg.Query.prototype)
