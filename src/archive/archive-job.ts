/**
 * The archive job: moves the content of an org's aged records (its policy: namespaces, types,
 * older than N days) into the org's bucket and keeps a stub.
 *
 * Each record goes on its own, in this order, so that nothing is deleted from the database that was
 * not written and verified in the bucket:
 *   1. read and decrypt it, encode its self-describing object (archive-object.ts);
 *   2. write the object, read it back, compare its SHA-256 with what was written;
 *   3. in one transaction: lock the record, decrypt it again and check it is still exactly what was
 *      written (a change in between skips it: the next run writes it anew), insert the stub (with
 *      the bucket it went to and a copy of its entity index rows, for erasure by entity), delete
 *      the record (its index rows go with it), audit `record.archived`.
 * A bucket that fails at step 2 stops the run (`failed`, with the error code); every record before
 * it is archived, every one after it untouched. A process that dies leaves its run `running` until
 * its lease passes; the next run marks it `interrupted` and resumes, since a record is either
 * fully archived or not at all (an object written without its stub is simply written again).
 *
 * One run per org at a time (`archive_runs_one_running`), on every instance; each run handles at
 * most `maxRecords` records (`remaining: true` when it stopped there), and audits `archive.run`.
 * Records with a TTL are left to the sweeper; a restored record is not archived again.
 */
import type { AuditLog } from '../audit/audit-log.js'
import type { OrgId } from '../db/org-id.js'
import type { Database } from '../db/sql.js'
import { type TenantSql, withTenant } from '../db/tenant-door.js'
import { CofferError, isCofferError } from '../errors.js'
import { assertPositiveInteger, forEachSettled } from '../internal/batches.js'
import type { Clock } from '../internal/clock.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import { type RecordView, SUMMARY_COLUMNS, type SummaryRow, toSummary } from '../records/records-service.js'
import { orgsWithArchiveDue } from '../tenancy/due-work.js'
import { type ArchiveBucket, sha256Hex } from './archive-bucket.js'
import { type ArchivedFields, type ArchivedRecordHeader, encodeArchiveObject } from './archive-object.js'
import type { ArchiveSettings, ArchiveSettingsView } from './archive-settings.js'

/** How the scheduled job appears in the audit log. */
export const ARCHIVE_JOB_ACTOR = 'system:archive'
/** How often a server looks for orgs with a scheduled run due (± jitter). */
export const ARCHIVE_INTERVAL_MS = 10 * 60_000
/** A scheduled run is due this long after the previous one. */
export const ARCHIVE_SCHEDULE_MS = 24 * 3600_000
/** A run that has not reported for this long is taken to be dead. */
export const ARCHIVE_LEASE_MS = 10 * 60_000
/** Records read per transaction. */
export const DEFAULT_ARCHIVE_BATCH_SIZE = 50
/** Records one run handles unless told otherwise. */
export const DEFAULT_ARCHIVE_RUN_RECORDS = 1000
/** The most a caller may ask one run to handle. */
export const MAX_ARCHIVE_RUN_RECORDS = 10_000

/** A run as the API answers it. */
export interface ArchiveRunView {
  id: string
  trigger: 'manual' | 'scheduled'
  actor: string
  status: 'running' | 'completed' | 'failed' | 'interrupted'
  archived: number
  skipped: number
  /** True when the run stopped at its record limit with more records due. */
  remaining: boolean
  error_code: string | null
  started_at: string
  finished_at: string | null
}

interface RunRow {
  id: string
  trigger: 'manual' | 'scheduled'
  actor: string
  status: ArchiveRunView['status']
  archived: number
  skipped: number
  remaining: boolean
  error_code: string | null
  started_at: Date
  finished_at: Date | null
}

const RUN_COLUMNS =
  'id, trigger, actor, status, archived, skipped, remaining, error_code, started_at, finished_at'

/** A record row as the job reads it: `records r JOIN namespaces n`. */
type RecordRow = SummaryRow & {
  namespace_id: string
  content: Uint8Array
  metadata: Uint8Array | null
  entities: Uint8Array | null
}

const RECORD_COLUMNS = `${SUMMARY_COLUMNS}, r.namespace_id, r.content, r.metadata, r.entities`

interface Candidate {
  id: string
  namespaceId: string
  key: string
  body: Buffer
  sha256: string
  recordText: string
}

/**
 * The `archive.run_completed` event (counts only), emitted in the transaction that closes a run
 * (no import of the webhooks module).
 */
export type ArchiveRunEmitter = (
  sql: TenantSql,
  event: {
    type: 'archive.run_completed'
    data: {
      id: string
      status: 'completed' | 'failed'
      archived: number
      skipped: number
      remaining: boolean
      error_code: string | null
    }
  },
) => Promise<void>

/** The archive job of every org. */
export class ArchiveJob {
  readonly #db: Database
  readonly #keyring: OrgKeyring
  readonly #settings: ArchiveSettings
  readonly #audit: AuditLog
  readonly #clock: Clock
  readonly #batchSize: number
  readonly #emit: ArchiveRunEmitter

  /** @throws RangeError for a batch size that is not a positive integer */
  constructor(options: {
    db: Database
    keyring: OrgKeyring
    settings: ArchiveSettings
    audit: AuditLog
    clock: Clock
    batchSize?: number
    /** Emits `archive.run_completed` when a run closes: the webhooks outbox. */
    emit?: ArchiveRunEmitter | undefined
  }) {
    const batchSize = options.batchSize ?? DEFAULT_ARCHIVE_BATCH_SIZE
    assertPositiveInteger(batchSize, 'batchSize')
    this.#db = options.db
    this.#keyring = options.keyring
    this.#settings = options.settings
    this.#audit = options.audit
    this.#clock = options.clock
    this.#batchSize = batchSize
    this.#emit = options.emit ?? (async () => undefined)
  }

  /** Runs every org whose scheduled run is due; one that fails does not stop the others. */
  async runDue(): Promise<ArchiveRunView[]> {
    const now = new Date(this.#clock.now())
    const runs: ArchiveRunView[] = []
    await forEachSettled(await orgsWithArchiveDue(this.#db, now), async (orgId) => {
      try {
        runs.push(await this.run(orgId, { trigger: 'scheduled', actor: ARCHIVE_JOB_ACTOR }))
      } catch (error) {
        // Another instance runs it, or the settings went meanwhile: not a failure of this pass.
        if (!isCofferError(error, 'CONFLICT') && !isCofferError(error, 'ARCHIVE_NOT_CONFIGURED')) throw error
      }
    })
    return runs
  }

  /**
   * One run for one org: archives up to `maxRecords` due records and answers the finished run
   * (`failed` with its `error_code` when the bucket refused: the records not yet archived are
   * untouched).
   * @throws ARCHIVE_NOT_CONFIGURED; CONFLICT (a run of this org is in progress); KEY_DESTROYED;
   *   KEY_UNAVAILABLE
   */
  async run(
    orgId: OrgId,
    options: { trigger: 'manual' | 'scheduled'; actor: string; maxRecords?: number },
  ): Promise<ArchiveRunView> {
    const maxRecords = options.maxRecords ?? DEFAULT_ARCHIVE_RUN_RECORDS
    assertPositiveInteger(maxRecords, 'maxRecords')
    const { runId, target } = await this.#start(orgId, options)
    const counts = { archived: 0, skipped: 0 }
    let remaining = false
    let errorCode: string | null = null
    let unexpected: unknown
    const bucket = this.#settings.openBucket(target.location)
    try {
      let afterId = '00000000-0000-0000-0000-000000000000'
      for (;;) {
        const limit = Math.min(this.#batchSize, maxRecords - counts.archived - counts.skipped)
        if (limit <= 0) {
          remaining = await this.#anyDue(orgId, target.view, afterId)
          break
        }
        const batch = await this.#readBatch(orgId, target.view, afterId, limit)
        for (const candidate of batch) {
          await writeAndVerify(bucket, candidate)
          const done = await this.#replaceWithStub(orgId, runId, target.view, candidate, options.actor)
          if (done) counts.archived++
          else counts.skipped++
        }
        await this.#report(orgId, runId, counts)
        if (batch.length < limit) break
        afterId = batch.at(-1)!.id
      }
    } catch (error) {
      // The run ends `failed` whatever happened; an unexpected error is thrown on once it is recorded.
      errorCode = error instanceof CofferError ? error.code : 'INTERNAL'
      if (!(error instanceof CofferError)) unexpected = error
    } finally {
      bucket.close()
    }
    const finished = await this.#finish(orgId, runId, counts, { remaining, errorCode })
    if (options.trigger === 'scheduled' && remaining && errorCode === null) {
      // More is due: the next pass continues instead of waiting a day.
      await withTenant(this.#db, orgId, (sql) =>
        this.#settings.scheduleNext(sql, new Date(this.#clock.now())),
      )
    }
    if (unexpected !== undefined) throw unexpected
    return finished
  }

  /**
   * The org's runs, newest first; `afterId` is the last id of the previous page.
   */
  async list(
    sql: TenantSql,
    options: { limit: number; afterId?: string | undefined },
  ): Promise<{ items: ArchiveRunView[]; next_cursor: string | null }> {
    const { rows } = await sql.query<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM archive_runs WHERE org_id = $1 AND id < $2::uuid ORDER BY id DESC LIMIT $3`,
      [sql.orgId, options.afterId ?? 'ffffffff-ffff-ffff-ffff-ffffffffffff', options.limit + 1],
    )
    const page = rows.slice(0, options.limit)
    return {
      items: page.map(runView),
      next_cursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
    }
  }

  /** Claims the org's one running slot (after marking a dead run `interrupted`) and opens the settings. */
  async #start(orgId: OrgId, options: { trigger: 'manual' | 'scheduled'; actor: string }) {
    const now = new Date(this.#clock.now())
    try {
      return await withTenant(this.#db, orgId, async (sql) => {
        const target = await this.#settings.target(sql)
        await sql.query(
          `UPDATE archive_runs SET status = 'interrupted', finished_at = $2
           WHERE org_id = $1 AND status = 'running' AND lease_expires_at < $2`,
          [sql.orgId, now],
        )
        const runId = uuidV7(now.getTime())
        await sql.query(
          `INSERT INTO archive_runs (org_id, id, trigger, actor, status, started_at, lease_expires_at)
           VALUES ($1, $2, $3, $4, 'running', $5, $6)`,
          [sql.orgId, runId, options.trigger, options.actor, now, new Date(now.getTime() + ARCHIVE_LEASE_MS)],
        )
        if (options.trigger === 'scheduled') {
          await this.#settings.scheduleNext(sql, new Date(now.getTime() + ARCHIVE_SCHEDULE_MS))
        }
        return { runId, target }
      })
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === '23505') {
        throw new CofferError('CONFLICT', 'an archive run of this org is in progress')
      }
      throw error
    }
  }

  /** The policy's due records after `afterId`, decrypted and encoded, in id order. */
  async #readBatch(
    orgId: OrgId,
    policy: ArchiveSettingsView,
    afterId: string,
    limit: number,
  ): Promise<Candidate[]> {
    return withTenant(this.#db, orgId, async (sql) => {
      const due = dueCondition(policy, new Date(this.#clock.now()), 2)
      const { rows } = await sql.query<RecordRow>(
        `SELECT ${RECORD_COLUMNS} FROM records r JOIN namespaces n ON n.org_id = r.org_id AND n.id = r.namespace_id
         WHERE r.org_id = $1 AND r.id > $${due.params.length + 2}::uuid AND ${due.sql}
         ORDER BY r.id LIMIT $${due.params.length + 3}`,
        [sql.orgId, ...due.params, afterId, limit],
      )
      const archivedAt = new Date(this.#clock.now()).toISOString()
      const candidates: Candidate[] = []
      for (const row of rows) {
        const view = await this.#open(sql, row)
        const { header, fields } = split(view, archivedAt)
        const body = encodeArchiveObject(
          header,
          fields,
          policy.mode === 'sealed'
            ? { mode: 'sealed', recipientPublicKey: policy.recipient_public_key! }
            : { mode: 'plaintext' },
        )
        candidates.push({
          id: row.id,
          namespaceId: row.namespace_id,
          key: `${policy.prefix}${view.namespace}/${row.id}.json`,
          body,
          sha256: sha256Hex(body),
          recordText: recordTextOf(fields),
        })
      }
      return candidates
    })
  }

  /** Whether a due record is left after `afterId` (a run that stopped at its limit). */
  async #anyDue(orgId: OrgId, policy: ArchiveSettingsView, afterId: string): Promise<boolean> {
    return withTenant(this.#db, orgId, async (sql) => {
      const due = dueCondition(policy, new Date(this.#clock.now()), 2)
      const { rows } = await sql.query(
        `SELECT 1 FROM records r JOIN namespaces n ON n.org_id = r.org_id AND n.id = r.namespace_id
         WHERE r.org_id = $1 AND r.id > $${due.params.length + 2}::uuid AND ${due.sql} LIMIT 1`,
        [sql.orgId, ...due.params, afterId],
      )
      return rows.length > 0
    })
  }

  /**
   * Step 3: under the record's lock, checks it is still what was written, then stub in, record
   * out. False (nothing changed) when the record changed or went in between.
   */
  async #replaceWithStub(
    orgId: OrgId,
    runId: string,
    policy: ArchiveSettingsView,
    candidate: Candidate,
    actor: string,
  ): Promise<boolean> {
    return withTenant(this.#db, orgId, async (sql) => {
      // The run must still hold its slot: once the next run marked it interrupted (its lease had
      // passed), that run owns the records, and this one stops before it writes a stub.
      const lease = await sql.query(
        `UPDATE archive_runs SET lease_expires_at = $3 WHERE org_id = $1 AND id = $2 AND status = 'running'
         RETURNING id`,
        [sql.orgId, runId, new Date(this.#clock.now() + ARCHIVE_LEASE_MS)],
      )
      if (lease.rows.length === 0)
        throw new CofferError('CONFLICT', 'this archive run was taken over by another')
      const { rows } = await sql.query<RecordRow>(
        `SELECT ${RECORD_COLUMNS} FROM records r JOIN namespaces n ON n.org_id = r.org_id AND n.id = r.namespace_id
         WHERE r.org_id = $1 AND r.id = $2 FOR UPDATE OF r`,
        [sql.orgId, candidate.id],
      )
      if (rows.length === 0) return false
      const view = await this.#open(sql, rows[0]!)
      if (recordTextOf(split(view, '').fields) !== candidate.recordText) return false
      await sql.query(
        `INSERT INTO archived_records (org_id, id, namespace_id, namespace, type, visibility, owner_agent,
            allowed_agents, created_at, updated_at, archived_at, run_id, mode, object_key, object_sha256,
            endpoint, bucket)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
        [
          sql.orgId,
          candidate.id,
          candidate.namespaceId,
          view.namespace,
          view.type,
          view.visibility,
          view.owner_agent,
          view.allowed_agents,
          new Date(view.created_at),
          new Date(view.updated_at),
          new Date(this.#clock.now()),
          runId,
          policy.mode,
          candidate.key,
          candidate.sha256,
          policy.endpoint,
          policy.bucket,
        ],
      )
      // The entity index goes with the stub (same hashes, same key version), so erasure by entity
      // still finds the record once it is archived.
      await sql.query(
        `INSERT INTO archived_record_entities (org_id, record_id, key_version, entity_hash)
         SELECT org_id, record_id, key_version, entity_hash FROM record_entities WHERE org_id = $1 AND record_id = $2`,
        [sql.orgId, candidate.id],
      )
      await sql.query('DELETE FROM records WHERE org_id = $1 AND id = $2', [sql.orgId, candidate.id])
      await this.#audit.append(sql, { actor, action: 'record.archived', resource: `record:${candidate.id}` })
      return true
    })
  }

  /**
   * Decrypts a record row whatever its visibility (the job moves every agent's records; it never
   * answers them to a caller).
   * @throws DECRYPTION_FAILED; KEY_DESTROYED; KEY_UNAVAILABLE
   */
  async #open(sql: TenantSql, row: RecordRow): Promise<RecordView> {
    const open = async (column: 'content' | 'metadata' | 'entities', envelope: Uint8Array) =>
      (await this.#keyring.openField(sql, { table: 'records', column, rowId: row.id }, envelope)).toString(
        'utf8',
      )
    const metadata = row.metadata === null ? null : await open('metadata', row.metadata)
    const entities = row.entities === null ? null : await open('entities', row.entities)
    return {
      ...toSummary({ ...row, via_grant: null }),
      content: await open('content', row.content),
      metadata: metadata === null ? null : (JSON.parse(metadata) as Record<string, unknown>),
      entities: entities === null ? [] : (JSON.parse(entities) as string[]),
    }
  }

  /** Saves the run's counts and renews its lease. */
  async #report(orgId: OrgId, runId: string, counts: { archived: number; skipped: number }): Promise<void> {
    const now = this.#clock.now()
    await withTenant(this.#db, orgId, (sql) =>
      sql.query(
        'UPDATE archive_runs SET archived = $3, skipped = $4, lease_expires_at = $5 WHERE org_id = $1 AND id = $2',
        [sql.orgId, runId, counts.archived, counts.skipped, new Date(now + ARCHIVE_LEASE_MS)],
      ),
    )
  }

  /**
   * Closes the run (completed or failed), audits `archive.run` and emits `archive.run_completed`
   * (not for a run another took over: that one closes it).
   */
  async #finish(
    orgId: OrgId,
    runId: string,
    counts: { archived: number; skipped: number },
    outcome: { remaining: boolean; errorCode: string | null },
  ): Promise<ArchiveRunView> {
    const now = new Date(this.#clock.now())
    return withTenant(this.#db, orgId, async (sql) => {
      const status = outcome.errorCode === null ? 'completed' : 'failed'
      const { rows } = await sql.query<RunRow>(
        // A run taken over keeps its `interrupted`; only the counts are its own to write.
        `UPDATE archive_runs SET status = CASE WHEN status = 'running' THEN $3 ELSE status END,
                archived = $4, skipped = $5, remaining = $6,
                error_code = CASE WHEN status = 'running' THEN $7 ELSE error_code END,
                finished_at = coalesce(finished_at, $8)
         WHERE org_id = $1 AND id = $2 RETURNING ${RUN_COLUMNS}`,
        [
          sql.orgId,
          runId,
          status,
          counts.archived,
          counts.skipped,
          outcome.remaining,
          outcome.errorCode,
          now,
        ],
      )
      const row = rows[0]!
      await this.#audit.append(sql, {
        actor: row.actor,
        action: 'archive.run',
        resource: `archive_run:${runId}/records:${counts.archived}`,
        outcome: row.status === 'completed' ? 'ok' : row.status,
      })
      if (row.status === 'completed' || row.status === 'failed') {
        await this.#emit(sql, {
          type: 'archive.run_completed',
          data: {
            id: runId,
            status: row.status,
            archived: row.archived,
            skipped: row.skipped,
            remaining: row.remaining,
            error_code: row.error_code,
          },
        })
      }
      return runView(row)
    })
  }
}

/** Step 2: writes the object, reads it back, compares. @throws ARCHIVE_BUCKET_REFUSED and the bucket's errors */
async function writeAndVerify(bucket: ArchiveBucket, candidate: Candidate): Promise<void> {
  await bucket.put(candidate.key, candidate.body, 'application/json')
  const back = await bucket.get(candidate.key)
  if (!back || sha256Hex(back) !== candidate.sha256) {
    throw new CofferError('ARCHIVE_BUCKET_REFUSED', 'bucket: an object did not read back as written')
  }
}

/**
 * The policy as a predicate over `records r JOIN namespaces n`, parameters from `$first` on:
 * created more than N days ago, no TTL, in the policy's namespaces and types.
 */
function dueCondition(
  policy: ArchiveSettingsView,
  now: Date,
  first: number,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [new Date(now.getTime() - policy.policy.older_than_days * 86_400_000)]
  const clauses = [
    `r.created_at < $${first}`,
    'r.expires_at IS NULL',
    // A restored record stays: the customer asked for it back.
    'NOT EXISTS (SELECT 1 FROM archived_records s WHERE s.org_id = r.org_id AND s.id = r.id)',
  ]
  if (policy.policy.namespaces !== null) {
    params.push(policy.policy.namespaces)
    clauses.push(`n.name = ANY ($${first + params.length - 1}::text[])`)
  }
  if (policy.policy.types !== null) {
    params.push(policy.policy.types)
    clauses.push(`r.type = ANY ($${first + params.length - 1}::text[])`)
  }
  return { sql: clauses.join(' AND '), params }
}

function split(
  view: RecordView,
  archivedAt: string,
): { header: ArchivedRecordHeader; fields: ArchivedFields } {
  return {
    header: {
      record_id: view.id,
      namespace: view.namespace,
      type: view.type,
      visibility: view.visibility,
      owner_agent: view.owner_agent,
      allowed_agents: view.allowed_agents,
      created_at: view.created_at,
      updated_at: view.updated_at,
      archived_at: archivedAt,
    },
    fields: { content: view.content, metadata: view.metadata, entities: view.entities },
  }
}

function recordTextOf(fields: ArchivedFields): string {
  return JSON.stringify({ content: fields.content, metadata: fields.metadata, entities: fields.entities })
}

function runView(row: RunRow): ArchiveRunView {
  return {
    id: row.id,
    trigger: row.trigger,
    actor: row.actor,
    status: row.status,
    archived: row.archived,
    skipped: row.skipped,
    remaining: row.remaining,
    error_code: row.error_code,
    started_at: row.started_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
  }
}
