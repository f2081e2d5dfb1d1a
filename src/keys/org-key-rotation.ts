import type { OrgId } from '../db/org-id.js'
import type { TenantSql } from '../db/tenant-door.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { EncryptedTable } from './encrypted-tables.js'
import type { KeyEventEmitter, KeyEventRecorder, TenantRunner } from './key-ports.js'
import type { OrgKeyring } from './org-keyring.js'

/** A rotation job's state, as recorded in `key_rotation_jobs`. */
export interface RotationJob {
  id: string
  targetVersion: number
  state: 'running' | 'completed'
  cursorTable: string | null
  cursorRowId: string | null
  envelopesDone: number
}

/** Progress after each committed batch. */
export interface RotationProgress {
  envelopesDone: number
  envelopesLeft: number
}

/** What a completed run did. */
export interface RotationResult {
  jobId: string
  targetVersion: number
  envelopesDone: number
  retiredVersions: number[]
}

interface JobRow {
  id: string
  target_version: number
  state: 'running' | 'completed'
  cursor_table: string | null
  cursor_row_id: string | null
  envelopes_done: string | number
}

function toJob(row: JobRow): RotationJob {
  return {
    id: row.id,
    targetVersion: row.target_version,
    state: row.state,
    cursorTable: row.cursor_table,
    cursorRowId: row.cursor_row_id,
    envelopesDone: Number(row.envelopes_done),
  }
}

/**
 * Org key rotation with no failed read: `start` makes a new version active at once (new writes
 * use it); `run` re-encrypts every envelope of older versions in batches. Each batch commits
 * together with the job's cursor, so a killed job resumes where it stopped. Reads accept every
 * live version throughout. When no envelope of an older version is left, it is retired.
 */
export class OrgKeyRotation {
  readonly #inTenant: TenantRunner
  readonly #keyring: OrgKeyring
  readonly #audit: KeyEventRecorder
  readonly #emit: KeyEventEmitter
  readonly #clock: Clock
  readonly #tables: readonly EncryptedTable[]
  readonly #batchSize: number

  constructor(options: {
    inTenant: TenantRunner
    keyring: OrgKeyring
    audit: KeyEventRecorder
    /** Emits `key.rotated` (org id and new version) in the rotation's transaction: the webhooks outbox. */
    emit?: KeyEventEmitter
    clock: Clock
    tables: readonly EncryptedTable[]
    batchSize?: number
  }) {
    this.#inTenant = options.inTenant
    this.#keyring = options.keyring
    this.#audit = options.audit
    this.#emit = options.emit ?? (async () => undefined)
    this.#clock = options.clock
    this.#tables = options.tables
    this.#batchSize = options.batchSize ?? 500
  }

  /**
   * Starts a rotation, or returns the org's running one (so `rotate` after a crash resumes).
   * Audited as `key.rotated`.
   * @throws KEY_DESTROYED, KEY_UNAVAILABLE
   */
  async start(orgId: OrgId, actor: string): Promise<RotationJob> {
    return this.#inTenant(orgId, async (sql) => {
      const running = await this.#runningJob(sql)
      if (running) return running
      const targetVersion = await this.#keyring.rotate(sql)
      const now = new Date(this.#clock.now())
      const id = uuidV7(now.getTime())
      await sql.query(
        `INSERT INTO key_rotation_jobs (org_id, id, target_version, state, started_by, started_at, updated_at)
         VALUES ($1, $2, $3, 'running', $4, $5, $5)`,
        [orgId, id, targetVersion, actor, now],
      )
      await this.#audit.append(sql, {
        actor,
        action: 'key.rotated',
        resource: `org_key:${orgId}/v${targetVersion}`,
      })
      await this.#emit(sql, { type: 'key.rotated', data: { id: orgId, version: targetVersion } })
      return { id, targetVersion, state: 'running', cursorTable: null, cursorRowId: null, envelopesDone: 0 }
    })
  }

  /** The org's running job, if any. */
  async runningJob(orgId: OrgId): Promise<RotationJob | undefined> {
    return this.#inTenant(orgId, (sql) => this.#runningJob(sql))
  }

  /**
   * The running job (if any) and the envelopes per key version, read in one transaction. The job
   * is read first: a job seen completed means the counts after it are from after its last batch,
   * so a caller never sees "no rotation" beside envelopes the rotation has yet to re-encrypt.
   */
  async status(
    sql: TenantSql,
  ): Promise<{ job: (RotationJob & RotationProgress) | undefined; envelopes: Map<number, number> }> {
    const job = await this.#runningJob(sql)
    const envelopes = await this.envelopesPerVersion(sql)
    if (!job) return { job: undefined, envelopes }
    return { job: { ...job, envelopesLeft: envelopesNotUnder(envelopes, job.targetVersion) }, envelopes }
  }

  /**
   * Runs the org's running job to completion, batch by batch; resumes from its cursor.
   * `options.beforeCommit` is called inside each batch's transaction (tests crash it there).
   * Returns undefined when no job is running.
   */
  async run(
    orgId: OrgId,
    options: {
      onProgress?: (progress: RotationProgress) => void
      beforeCommit?: (batch: number) => void
    } = {},
  ): Promise<RotationResult | undefined> {
    let batch = 0
    for (;;) {
      const step = await this.#inTenant(orgId, async (sql) => {
        const job = await this.#lockRunningJob(sql)
        if (!job) return { done: true as const, result: undefined }
        const advanced = await this.#reencryptBatch(sql, job)
        if (advanced === 'exhausted') {
          const left = await this.#envelopesLeft(sql, job.targetVersion)
          if (left > 0) {
            // Stragglers (written under an old version by a transaction that began before the
            // rotation, or a restarted pass): go round again from the first table.
            await this.#saveCursor(sql, job, null, null, 0)
            return { done: false as const }
          }
          return { done: true as const, result: await this.#complete(sql, job) }
        }
        options.beforeCommit?.(batch)
        return { done: false as const }
      })
      if (step.done) return step.result
      batch++
      if (options.onProgress) options.onProgress(await this.progress(orgId))
    }
  }

  /** Envelopes re-encrypted so far and envelopes still under older versions. */
  async progress(orgId: OrgId): Promise<RotationProgress> {
    return this.#inTenant(orgId, async (sql) => {
      const job = await this.#runningJob(sql)
      if (!job) return { envelopesDone: 0, envelopesLeft: 0 }
      return {
        envelopesDone: job.envelopesDone,
        envelopesLeft: await this.#envelopesLeft(sql, job.targetVersion),
      }
    })
  }

  /** Envelopes per key version across every encrypted table (for `keys status`). */
  async envelopesPerVersion(sql: TenantSql): Promise<Map<number, number>> {
    const counts = new Map<number, number>()
    for (const table of this.#tables) {
      const { rows } = await sql.query<{ version: number; n: number }>(
        `SELECT ${table.versionColumn} AS version, (${table.columns.map((c) => `count(${c})`).join(' + ')})::int AS n
         FROM ${table.table} WHERE org_id = $1 GROUP BY ${table.versionColumn}`,
        [sql.orgId],
      )
      for (const row of rows) counts.set(row.version, (counts.get(row.version) ?? 0) + row.n)
    }
    return counts
  }

  async #runningJob(sql: TenantSql): Promise<RotationJob | undefined> {
    const { rows } = await sql.query<JobRow>(
      `SELECT id, target_version, state, cursor_table, cursor_row_id, envelopes_done
       FROM key_rotation_jobs WHERE org_id = $1 AND state = 'running'`,
      [sql.orgId],
    )
    return rows[0] ? toJob(rows[0]) : undefined
  }

  /** Locks the running job's row: two runners of one org's job take turns, batch by batch. */
  async #lockRunningJob(sql: TenantSql): Promise<RotationJob | undefined> {
    const { rows } = await sql.query<JobRow>(
      `SELECT id, target_version, state, cursor_table, cursor_row_id, envelopes_done
       FROM key_rotation_jobs WHERE org_id = $1 AND state = 'running' FOR UPDATE`,
      [sql.orgId],
    )
    return rows[0] ? toJob(rows[0]) : undefined
  }

  /** Re-encrypts one batch of the table under the cursor; 'exhausted' when every table is done. */
  async #reencryptBatch(sql: TenantSql, job: RotationJob): Promise<'advanced' | 'exhausted'> {
    let tableIndex = job.cursorTable === null ? 0 : this.#tables.findIndex((t) => t.table === job.cursorTable)
    let afterId = job.cursorRowId
    for (; tableIndex >= 0 && tableIndex < this.#tables.length; tableIndex++, afterId = null) {
      const table = this.#tables[tableIndex]!
      const { rows } = await sql.query<Record<string, unknown> & { id: string; aad_row_id: string }>(
        `SELECT id, ${table.contextColumn ?? 'id'} AS aad_row_id, ${table.columns.join(', ')} FROM ${table.table}
         WHERE org_id = $1 AND ${table.versionColumn} <> $2 AND ($3::uuid IS NULL OR id > $3::uuid)
         ORDER BY id LIMIT $4 FOR UPDATE`,
        [sql.orgId, job.targetVersion, afterId, this.#batchSize],
      )
      if (rows.length === 0) continue
      const envelopes = await this.#reencryptRows(sql, table, rows, job.targetVersion)
      await this.#saveCursor(sql, job, table.table, rows.at(-1)!.id, envelopes)
      return 'advanced'
    }
    return 'exhausted'
  }

  async #reencryptRows(
    sql: TenantSql,
    table: EncryptedTable,
    rows: (Record<string, unknown> & { id: string; aad_row_id: string })[],
    targetVersion: number,
  ): Promise<number> {
    const sealer = await this.#keyring.leaseSealer(sql)
    let envelopes = 0
    // $1 org, $2 target version, then per row: id and one envelope per column.
    const params: unknown[] = [sql.orgId, targetVersion]
    const tuples: string[] = []
    // Plaintexts kept for `reindex` only, and wiped after it.
    const fields: { id: string; fields: Record<string, Buffer | null> }[] = []
    try {
      // The active version can only be the job's target: a new rotation waits for this job.
      if (sealer.version !== targetVersion) throw new Error('active key version is not the rotation target')
      for (const row of rows) {
        if (table.reindex) fields.push({ id: row.id, fields: {} })
        const placeholders = [`$${params.push(row.id)}::uuid`]
        for (const column of table.columns) {
          const stored = row[column] as Uint8Array | null
          let sealed: Buffer | null = null
          let plaintext: Buffer | null = null
          if (stored !== null) {
            const at = { table: table.table, column, rowId: row.aad_row_id }
            plaintext = await this.#keyring.openField(sql, at, stored)
            sealed = sealer.seal(at, plaintext).envelope
            envelopes++
          }
          if (table.reindex) fields.at(-1)!.fields[column] = plaintext
          else plaintext?.fill(0)
          placeholders.push(`$${params.push(sealed)}::bytea`)
        }
        tuples.push(`(${placeholders.join(', ')})`)
      }
      sealer.release()
      // One statement for the whole batch: a round trip per row cost more than the crypto.
      const sets = table.columns.map((column) => `${column} = batch.${column}`).join(', ')
      await sql.query(
        `UPDATE ${table.table} AS t SET ${sets}, ${table.versionColumn} = $2
         FROM (VALUES ${tuples.join(', ')}) AS batch(id, ${table.columns.join(', ')})
         WHERE t.org_id = $1 AND t.id = batch.id`,
        params,
      )
      await table.reindex?.(sql, fields, targetVersion)
    } catch (error) {
      sealer.release()
      throw error
    } finally {
      for (const row of fields) for (const plaintext of Object.values(row.fields)) plaintext?.fill(0)
    }
    return envelopes
  }

  async #saveCursor(
    sql: TenantSql,
    job: RotationJob,
    table: string | null,
    rowId: string | null,
    envelopes: number,
  ): Promise<void> {
    await sql.query(
      `UPDATE key_rotation_jobs SET cursor_table = $3, cursor_row_id = $4, envelopes_done = envelopes_done + $5, updated_at = $6
       WHERE org_id = $1 AND id = $2`,
      [sql.orgId, job.id, table, rowId, envelopes, new Date(this.#clock.now())],
    )
  }

  async #envelopesLeft(sql: TenantSql, targetVersion: number): Promise<number> {
    return envelopesNotUnder(await this.envelopesPerVersion(sql), targetVersion)
  }

  async #complete(sql: TenantSql, job: RotationJob): Promise<RotationResult> {
    const retiredVersions = await this.#keyring.retireBelow(sql, job.targetVersion)
    await sql.query(
      `UPDATE key_rotation_jobs SET state = 'completed', completed_at = $3, updated_at = $3 WHERE org_id = $1 AND id = $2`,
      [sql.orgId, job.id, new Date(this.#clock.now())],
    )
    await this.#audit.append(sql, {
      actor: 'system:key-rotation',
      action: 'key.rotation_completed',
      resource: `org_key:${sql.orgId}/v${job.targetVersion}`,
    })
    return {
      jobId: job.id,
      targetVersion: job.targetVersion,
      envelopesDone: job.envelopesDone,
      retiredVersions,
    }
  }
}

/** Envelopes sealed under any version but `targetVersion`, from `envelopesPerVersion`'s counts. */
function envelopesNotUnder(envelopes: ReadonlyMap<number, number>, targetVersion: number): number {
  let left = 0
  for (const [version, count] of envelopes) if (version !== targetVersion) left += count
  return left
}
