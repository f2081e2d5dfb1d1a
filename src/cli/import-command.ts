/**
 * `coffer import --org <slug> [--file <path>|-]`: backfills an org from NDJSON (plaintext, e.g.
 * from an older system), storing every record and secret encrypted like the API does.
 *
 *     {"kind":"record","namespace":"crm","type":"note","content":"...","metadata":{},"entities":[],"ttl_seconds":3600}
 *     {"kind":"secret","secret_kind":"openai_key","value":"sk-..."}
 *
 * Lines are stored in batches, one transaction each. Resumable, exactly once: a file's import has
 * a run id kept in `<file>.coffer-import`, and every batch appends the audit entry
 * `records.imported` (`import:<run>:lines:<from>-<to>`) in its own transaction, so the audit log
 * says which lines were committed: a rerun skips them, whatever happened between a commit and a
 * crash. A bad line stops the import with an error naming its number and field (never its content
 * or value), after committing every line before it. Standard input (`-`) is not resumable.
 */
import { once } from 'node:events'
import { createReadStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import type { Coffer } from '../app.js'
import type { OrgId } from '../db/org-id.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError, isCofferError } from '../errors.js'
import { uuidV7 } from '../internal/uuid-v7.js'
import { MAX_ENTITIES, MAX_ENTITY_LENGTH } from '../records/entity-index.js'
import { NAMESPACE_NAME_PATTERN } from '../records/namespaces.js'
import { MAX_TTL_SECONDS } from '../records/records-service.js'
import { MAX_SECRET_VALUE_BYTES, SECRET_KIND_PATTERN } from '../secrets/secrets-service.js'
import { findOrgBySlug } from '../tenancy/orgs.js'
import { createProgressReporter } from './progress.js'

/** Lines per transaction unless `--batch-size` says otherwise. */
export const DEFAULT_IMPORT_BATCH_SIZE = 500
/** The checkpoint file beside the input. */
export const CHECKPOINT_SUFFIX = '.coffer-import'

const ACTOR = 'cli:import'
const MAX_CONTENT_BYTES = 1024 * 1024
const MAX_METADATA_BYTES = 64 * 1024
const NAME = /^[a-z0-9][a-z0-9_.:-]{0,62}$/

const RECORD_LINE = z.strictObject({
  kind: z.literal('record'),
  /** The source system's id: accepted, not stored (Coffer makes its own ids, bound into the AAD). */
  id: z.union([z.string().max(256), z.number()]).optional(),
  namespace: z.string().regex(NAMESPACE_NAME_PATTERN, 'must be 1-63 of a-z 0-9 _ . -').default('default'),
  type: z.string().regex(NAME, 'must be 1-63 of a-z 0-9 _ . : -').default('note'),
  content: z
    .string()
    .refine((c) => Buffer.byteLength(c, 'utf8') <= MAX_CONTENT_BYTES, 'must be at most 1 MiB'),
  metadata: z
    .record(z.string(), z.unknown())
    .nullable()
    .optional()
    .refine(
      (m) => m == null || Buffer.byteLength(JSON.stringify(m)) <= MAX_METADATA_BYTES,
      'must be at most 64 KiB as JSON',
    ),
  entities: z.array(z.string().min(1).max(MAX_ENTITY_LENGTH)).max(MAX_ENTITIES).optional(),
  ttl_seconds: z.number().int().min(1).max(MAX_TTL_SECONDS).nullable().optional(),
  visibility: z.enum(['private', 'shared', 'public']).optional(),
  allowed_agents: z.array(z.string().regex(NAME, 'must be agent names')).max(100).optional(),
})

const SECRET_LINE = z.strictObject({
  kind: z.literal('secret'),
  secret_kind: z.string().regex(SECRET_KIND_PATTERN, 'must be 1-63 of a-z 0-9 _ . -'),
  value: z
    .string()
    .min(1, 'must not be empty')
    .refine((v) => Buffer.byteLength(v, 'utf8') <= MAX_SECRET_VALUE_BYTES, 'must be at most 16 KiB'),
})

const LINE = z.discriminatedUnion('kind', [RECORD_LINE, SECRET_LINE])

type ImportItem = z.output<typeof LINE>

interface NumberedItem {
  line: number
  item: ImportItem
}

/** What the command needs from its composition root. */
export interface ImportCommandContext {
  coffer: Coffer
  out: (line: string) => void
  write?: (text: string) => void
  isTTY: boolean
  /** Read for `--file -` (or no `--file`). */
  stdin: NodeJS.ReadableStream
}

/**
 * Parses one NDJSON line.
 * @throws VALIDATION_FAILED `line <n>: <field>: <why>`, never echoing the line
 */
export function parseImportLine(text: string, line: number): ImportItem {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    // JSON.parse's message quotes the input: keep it off the message.
    throw new CofferError('VALIDATION_FAILED', `line ${line}: not valid JSON`, { cause: error })
  }
  const parsed = LINE.safeParse(json)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'line'
  // An unknown key is input too (malformed data may carry a value there): not named back.
  const why = issue?.code === 'unrecognized_keys' ? 'has a field this format does not know' : issue?.message
  throw new CofferError('VALIDATION_FAILED', `line ${line}: ${field}: ${why ?? 'invalid'}`)
}

/** Runs `coffer import`. */
export async function importCommand(ctx: ImportCommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      file: { type: 'string', default: '-' },
      'batch-size': { type: 'string', default: String(DEFAULT_IMPORT_BATCH_SIZE) },
    },
  })
  if (!values.org) throw new CofferError('VALIDATION_FAILED', 'usage: import --org <slug> [--file <path>|-]')
  const batchSize = /^\d{1,6}$/.test(values['batch-size']) ? Number(values['batch-size']) : 0
  if (batchSize < 1) throw new CofferError('VALIDATION_FAILED', '--batch-size: must be a positive integer')
  const org = await findOrgBySlug(ctx.coffer.db, values.org)
  const fromStdin = values.file === '-'
  if (!fromStdin && !existsSync(values.file))
    throw new CofferError('VALIDATION_FAILED', '--file: no such file')
  const runId = fromStdin ? uuidV7() : checkpointRunId(`${values.file}${CHECKPOINT_SUFFIX}`, org.id)
  const skipThrough = fromStdin ? 0 : await committedThrough(ctx.coffer, org.id, runId)
  const total = fromStdin ? undefined : await countLines(values.file)
  if (fromStdin) ctx.out('import: reading standard input (not resumable)')
  else if (skipThrough > 0) ctx.out(`import: lines 1-${skipThrough} were already imported; resuming`)

  const progress = createProgressReporter({
    label: 'import',
    out: ctx.out,
    isTTY: ctx.isTTY,
    ...(ctx.write ? { write: ctx.write } : {}),
  })
  const counts = { records: 0, secrets: 0 }
  const commit = async (batch: NumberedItem[]) => {
    await commitBatch(ctx.coffer, org.id, runId, batch)
    for (const { item } of batch) counts[item.kind === 'record' ? 'records' : 'secrets']++
  }
  const input = fromStdin ? ctx.stdin : createReadStream(values.file)
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })
  let lineNumber = 0
  let batch: NumberedItem[] = []
  try {
    for await (const text of lines) {
      lineNumber++
      if (lineNumber <= skipThrough || text.trim() === '') continue
      let item: ImportItem
      try {
        item = parseImportLine(text, lineNumber)
      } catch (error) {
        await commit(batch)
        throw error
      }
      batch.push({ line: lineNumber, item })
      if (batch.length >= batchSize) {
        await commit(batch)
        batch = []
        progress.update(lineNumber, total ?? lineNumber)
      }
    }
    await commit(batch)
  } finally {
    lines.close()
    if (!fromStdin) (input as ReturnType<typeof createReadStream>).destroy()
  }
  progress.update(lineNumber, total ?? lineNumber)
  progress.finish(
    `import: ${counts.records} records and ${counts.secrets} secrets stored in ${org.slug}` +
      (fromStdin
        ? ''
        : `; checkpoint ${values.file}${CHECKPOINT_SUFFIX} (delete it to import the file again)`),
  )
  return 0
}

/**
 * Stores a batch in one transaction, audited with the lines it covers. If a line fails, the lines
 * before it are committed alone and the error names the failing line.
 * @throws the failing line's error, as `line <n>: ...`
 */
async function commitBatch(
  coffer: Coffer,
  orgId: OrgId,
  runId: string,
  batch: NumberedItem[],
): Promise<void> {
  if (batch.length === 0) return
  let failedAt = -1
  try {
    await coffer.inTenant(orgId, async (sql) => {
      for (const [index, numbered] of batch.entries()) {
        failedAt = index
        await storeItem(coffer, sql, numbered.item)
      }
      failedAt = -1
      await coffer.audit.append(sql, {
        actor: ACTOR,
        action: 'records.imported',
        resource: `import:${runId}:lines:${batch[0]!.line}-${batch.at(-1)!.line}`,
      })
    })
  } catch (error) {
    if (failedAt < 0) throw error
    await commitBatch(coffer, orgId, runId, batch.slice(0, failedAt))
    const line = batch[failedAt]!.line
    // Coffer's messages name fields, never values; anything else (a driver error) may quote a value.
    if (isCofferError(error))
      throw new CofferError(error.code, `line ${line}: ${error.message}`, { cause: error })
    throw new CofferError('INTERNAL', `line ${line}: could not be stored`, { cause: error })
  }
}

async function storeItem(coffer: Coffer, sql: TenantSql, item: ImportItem): Promise<void> {
  if (item.kind === 'secret') {
    await coffer.secrets.put(sql, ACTOR, item.secret_kind, { value: item.value })
    return
  }
  await coffer.records.store(sql, ACTOR, {
    namespace: item.namespace,
    type: item.type,
    content: item.content,
    metadata: item.metadata ?? undefined,
    entities: item.entities,
    ttlSeconds: item.ttl_seconds ?? undefined,
    visibility: item.visibility,
    allowedAgents: item.allowed_agents,
  })
}

/**
 * The run id of the file's import: read from its checkpoint, or made and written there (atomically).
 * @throws VALIDATION_FAILED when the checkpoint belongs to another org or is not one
 */
function checkpointRunId(path: string, orgId: OrgId): string {
  if (existsSync(path)) {
    let saved: { version?: unknown; run_id?: unknown; org_id?: unknown }
    try {
      saved = JSON.parse(readFileSync(path, 'utf8'))
    } catch (error) {
      throw new CofferError('VALIDATION_FAILED', `${path}: is not an import checkpoint`, { cause: error })
    }
    if (saved.version !== 1 || typeof saved.run_id !== 'string' || !/^[0-9a-f-]{36}$/.test(saved.run_id)) {
      throw new CofferError('VALIDATION_FAILED', `${path}: is not an import checkpoint`)
    }
    if (saved.org_id !== orgId) {
      throw new CofferError('VALIDATION_FAILED', `${path}: belongs to an import into another org`)
    }
    return saved.run_id
  }
  const runId = uuidV7()
  writeFileSync(`${path}.tmp`, `${JSON.stringify({ version: 1, run_id: runId, org_id: orgId })}\n`, {
    mode: 0o600,
  })
  renameSync(`${path}.tmp`, path)
  return runId
}

/** The last line number a committed batch of this run covers (0: none), from the audit log. */
async function committedThrough(coffer: Coffer, orgId: OrgId, runId: string): Promise<number> {
  const { rows } = await coffer.inTenant(orgId, (sql) =>
    sql.query<{ resource: string }>(
      `SELECT resource FROM audit_log WHERE org_id = $1 AND action = 'records.imported' AND resource LIKE $2
       ORDER BY seq DESC LIMIT 1`,
      [sql.orgId, `import:${runId}:lines:%`],
    ),
  )
  const match = rows[0] ? /-(\d+)$/.exec(rows[0].resource) : null
  return match ? Number(match[1]) : 0
}

/** Lines in a file (a last line without a newline counts), streamed. */
async function countLines(path: string): Promise<number> {
  let count = 0
  let last = 0x0a
  const stream = createReadStream(path)
  stream.on('data', (chunk) => {
    const bytes = chunk as Buffer
    for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) count++
    if (bytes.length > 0) last = bytes[bytes.length - 1]!
  })
  await once(stream, 'end')
  return last === 0x0a ? count : count + 1
}
