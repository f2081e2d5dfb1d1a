/**
 * Audit bench (`npm run bench -- audit`): one org's transparency log at COFFER_BENCH_AUDIT_ENTRIES
 * entries (default 1,000,000), on PostgreSQL when COFFER_BENCH_DATABASE_URL names a server, else
 * in-memory PGlite. It reports:
 *
 * - seeding: the entries, their leaf hashes, every stored subtree and one signed checkpoint,
 *   written with multi-row INSERTs as the table owner (not one API call per entry; the leaf
 *   hashes and subtrees are the real ones, so proofs are real);
 * - entries sequenced per second by the real sequencer on top of that tree;
 * - checkpoint latency behind the newest entry (p50/p95): entries committed at a steady rate
 *   while the sequencer runs every 1 s as a server does; latency = the sequencer pass's commit
 *   that covered the entry minus the entry's own commit;
 * - inclusion and consistency proof latency over HTTP (inject) at the full size (p50/p95), and
 *   where it goes: the proof's transaction alone, a one-query request on the same auth path, and
 *   the most stored hashes one proof reads;
 * - `POST /v1/records` throughput with the audit log on (and the sequencer running) vs off (a
 *   records service whose audit append does nothing), alternating, in the same run;
 * - `GET /v1/records/:id` throughput with the org's record-read auditing off vs on.
 */
import { loadavg } from 'node:os'
import type { FastifyInstance } from 'fastify'
import { type Coffer, wireCoffer } from '../src/app.js'
import { checkpointRoots, signCheckpoint } from '../src/audit/audit-checkpoints.js'
import { AuditLog } from '../src/audit/audit-log.js'
import { AUDIT_SEQUENCE_INTERVAL_MS } from '../src/audit/audit-sequencer.js'
import { proveConsistency, proveInclusion, readFrontier } from '../src/audit/audit-tree-store.js'
import { auditLeafHash } from '../src/crypto/audit-leaf.js'
import {
  consistencyProof,
  inclusionProof,
  type SubtreeSource,
  withFetchedSubtrees,
} from '../src/crypto/merkle-tree.js'
import type { OrgId } from '../src/db/org-id.js'
import { withTenant } from '../src/db/tenant-door.js'
import { buildHttpServer } from '../src/http/http-server.js'
import { RecordsService } from '../src/records/records-service.js'
import { TermIndexer } from '../src/records/term-index.js'
import { createOrg, setOrgRateLimit } from '../src/tenancy/orgs.js'
import { testConfig } from '../test/support/coffer.js'
import { formatCount, openBenchDatabase, printTable, progressOf, type Row } from './bench-support.js'

const progress = progressOf('audit')
const ENTRIES = Number(process.env.COFFER_BENCH_AUDIT_ENTRIES || 1_000_000)
const SEED_CHUNK = 5_000
const SEQUENCED = 20_000
const LATENCY_SECONDS = 8
const LATENCY_WRITES_PER_SECOND = 100
const PROOFS = 200
const WRITE_SECONDS = 4
const CONCURRENCY = 8

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}
const ms = (value: number) => `${value.toFixed(1)} ms`
/** `on` against `off` in words: "24% slower" or "8% faster". */
const versus = (on: number, off: number) => {
  const change = (1 - on / off) * 100
  return change >= 0 ? `${change.toFixed(0)}% slower` : `${(-change).toFixed(0)}% faster (noise)`
}

/** Prints the audit figures as one table. */
export async function benchAudit(): Promise<void> {
  if (!Number.isSafeInteger(ENTRIES) || ENTRIES < 1)
    throw new RangeError('COFFER_BENCH_AUDIT_ENTRIES: a positive integer')
  const { db, label, drop } = await openBenchDatabase()
  const loadBefore = loadavg()[0]!
  const rows: Row[] = []
  let http: FastifyInstance | undefined
  try {
    const coffer = await wireCoffer(testConfig(), db)
    const org = await createOrg(coffer, { slug: 'bench-audit', actor: 'bench' })
    await setOrgRateLimit(coffer.db, 'bench-audit', 100_000_000)
    // The org's own first entries, sealed, so the seed continues its tree.
    await coffer.auditSequencer.sequenceOrg(org.orgId)
    rows.push(await seed(coffer, org.orgId))
    rows.push(await sequencing(coffer, org.orgId))
    rows.push(...(await checkpointLatency(coffer, org.orgId)))
    http = await buildHttpServer({ ...coffer, config: { ...coffer.config, logLevel: 'silent' } })
    rows.push(...(await proofLatency(http, org.ownerToken, await treeSize(coffer, org.orgId))))
    rows.push(...(await proofBreakdown(coffer, http, org.ownerToken, org.orgId)))
    rows.push(...(await recordWrites(coffer, http, org.ownerToken, org.orgId)))
    rows.push(...(await recordReads(http, org.ownerToken)))
    coffer.keyCache.clear()
    await coffer.provider.close()
  } finally {
    await http?.close()
    await drop()
  }
  printTable(['measure', 'value', 'detail'], rows)
  console.log(
    `database: ${label}; one org of ${formatCount(ENTRIES)} seeded entries (COFFER_BENCH_AUDIT_ENTRIES); ` +
      `proofs and requests through Fastify inject (no socket), ${CONCURRENCY} in flight for throughput; ` +
      `1-minute load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end.`,
  )
}

async function treeSize(coffer: Coffer, orgId: OrgId): Promise<number> {
  const { rows } = await coffer.db.query<{ n: string }>(
    'SELECT coalesce(max(tree_size), 0) AS n FROM audit_checkpoints WHERE org_id = $1',
    [orgId],
  )
  return Number(rows[0]!.n)
}

/** Writes ENTRIES sealed entries, their subtrees and one checkpoint, as the table owner. */
async function seed(coffer: Coffer, orgId: OrgId): Promise<Row> {
  const started = performance.now()
  const start = await treeSize(coffer, orgId)
  const frontier = await withTenant(coffer.db, orgId, (sql) => readFrontier(sql, start))
  const at = new Date()
  for (let first = start + 1; first <= start + ENTRIES; first += SEED_CHUNK) {
    const last = Math.min(start + ENTRIES, first + SEED_CHUNK - 1)
    const seqs: number[] = []
    const resources: string[] = []
    const leaves: string[] = []
    const nodes: { level: number; index: number; hash: Buffer }[] = []
    for (let seq = first; seq <= last; seq++) {
      const resource = `record:bench-${seq}`
      const leaf = auditLeafHash({
        orgId,
        seq,
        at,
        actor: 'bench',
        action: 'record.created',
        resource,
        requestId: null,
        outcome: null,
        purpose: null,
      })
      seqs.push(seq)
      resources.push(resource)
      leaves.push(leaf.toString('hex'))
      for (const node of frontier.append(leaf)) nodes.push({ ...node, hash: Buffer.from(node.hash) })
    }
    await coffer.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO audit_log (org_id, seq, at, actor, action, resource, leaf_hash)
         SELECT $1, s.seq, $2, 'bench', 'record.created', s.resource, decode(s.leaf, 'hex')
         FROM unnest($3::bigint[], $4::text[], $5::text[]) AS s(seq, resource, leaf)`,
        [orgId, at, seqs, resources, leaves],
      )
      await tx.query(
        `INSERT INTO audit_tree_nodes (org_id, level, idx, hash)
         SELECT $1, n.level, n.idx, decode(n.hash, 'hex')
         FROM unnest($2::smallint[], $3::bigint[], $4::text[]) AS n(level, idx, hash)`,
        [
          orgId,
          nodes.map((n) => n.level),
          nodes.map((n) => n.index),
          nodes.map((n) => n.hash.toString('hex')),
        ],
      )
    })
    if ((last - start) % 100_000 < SEED_CHUNK)
      progress(`seeded ${formatCount(last - start)}/${formatCount(ENTRIES)} entries`)
  }
  const key = await coffer.auditKeys.current()
  const root = Buffer.from(frontier.root())
  await coffer.db.query(
    `INSERT INTO audit_checkpoints (org_id, tree_size, root_hash, note, signing_key_version, created_at)
     VALUES ($1, $2, $3, $4, $5, now())`,
    [
      orgId,
      frontier.size,
      root,
      signCheckpoint(key, coffer.audit.origin, orgId, frontier.size, root),
      key.version,
    ],
  )
  const seconds = (performance.now() - started) / 1000
  return [
    `seed: ${formatCount(ENTRIES)} sealed entries`,
    `${seconds.toFixed(1)} s`,
    `${formatCount(ENTRIES / seconds)} entries/s incl. leaf hashes and ${formatCount(2 * ENTRIES)} subtree rows`,
  ]
}

/** Inserts `n` unsealed entries in one statement (what n writers would have committed). */
async function insertUnsealed(coffer: Coffer, orgId: OrgId, n: number): Promise<void> {
  await coffer.db.query(
    `INSERT INTO audit_log (org_id, at, actor, action, resource)
     SELECT $1, now(), 'bench', 'record.updated', 'record:bench-' || g FROM generate_series(1, $2::int) AS g`,
    [orgId, n],
  )
}

async function sequencing(coffer: Coffer, orgId: OrgId): Promise<Row> {
  await insertUnsealed(coffer, orgId, SEQUENCED)
  progress(`sequencing ${formatCount(SEQUENCED)} entries on a tree of ${formatCount(ENTRIES)}`)
  const started = performance.now()
  const sealed = await coffer.auditSequencer.sequenceOrg(orgId)
  const seconds = (performance.now() - started) / 1000
  if (sealed !== SEQUENCED) throw new Error(`sealed ${sealed}, expected ${SEQUENCED}`)
  return [
    'sequencer: entries sealed per second',
    formatCount(sealed / seconds),
    `${formatCount(sealed)} entries in batches of 5,000 (one transaction, subtrees and a signed checkpoint each)`,
  ]
}

/** Steady writers plus the periodic sequencer; latency from each entry's commit to its checkpoint's. */
async function checkpointLatency(coffer: Coffer, orgId: OrgId): Promise<Row[]> {
  progress(`checkpoint latency: ${LATENCY_WRITES_PER_SECOND} entries/s for ${LATENCY_SECONDS} s`)
  const committed = new Map<number, number>()
  const latencies: number[] = []
  let writing = true
  const writer = (async () => {
    const gap = 1000 / LATENCY_WRITES_PER_SECOND
    const begin = performance.now()
    for (let i = 0; writing; i++) {
      const id = await withTenant(coffer.db, orgId, (sql) =>
        coffer.audit.append(sql, { actor: 'bench', action: 'probe', resource: `n:${i}` }),
      )
      committed.set(id, performance.now())
      const wait = begin + (i + 1) * gap - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    }
  })()
  const sequencer = (async () => {
    const end = performance.now() + LATENCY_SECONDS * 1000
    while (performance.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, AUDIT_SEQUENCE_INTERVAL_MS))
      await coffer.auditSequencer.sequenceOrg(orgId)
      const done = performance.now()
      const { rows } = await coffer.db.query<{ id: string }>(
        'SELECT coalesce(max(id), 0) AS id FROM audit_log WHERE org_id = $1 AND leaf_hash IS NOT NULL',
        [orgId],
      )
      const maxSealed = Number(rows[0]!.id)
      for (const [id, at] of committed) {
        if (id <= maxSealed) {
          latencies.push(done - at)
          committed.delete(id)
        }
      }
    }
    writing = false
  })()
  await Promise.all([writer, sequencer])
  await coffer.auditSequencer.sequenceOrg(orgId)
  return [
    [
      'checkpoint behind newest entry p50',
      ms(quantile(latencies, 0.5)),
      `${formatCount(latencies.length)} entries at ${LATENCY_WRITES_PER_SECOND}/s, sequencer every ${AUDIT_SEQUENCE_INTERVAL_MS} ms`,
    ],
    [
      'checkpoint behind newest entry p95',
      ms(quantile(latencies, 0.95)),
      'entry commit -> checkpoint commit',
    ],
  ]
}

async function proofLatency(http: FastifyInstance, token: string, size: number): Promise<Row[]> {
  progress(`${PROOFS} inclusion and ${PROOFS} consistency proofs at tree size ${formatCount(size)}`)
  const get = async (url: string) => {
    const started = performance.now()
    const response = await http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`)
    return performance.now() - started
  }
  const inclusion: number[] = []
  const consistency: number[] = []
  for (let i = 0; i < PROOFS; i++) {
    const seq = 1 + Math.floor(Math.random() * size)
    inclusion.push(await get(`/v1/audit/proof/inclusion?seq=${seq}&size=${size}`))
    consistency.push(await get(`/v1/audit/proof/consistency?from=${seq}&to=${size}`))
  }
  const detail = (label: string) =>
    `${PROOFS} random ${label} at ${formatCount(size)} entries, HTTP incl. auth`
  return [
    ['inclusion proof p50', ms(quantile(inclusion, 0.5)), detail('leaves')],
    ['inclusion proof p95', ms(quantile(inclusion, 0.95)), detail('leaves')],
    ['consistency proof p50', ms(quantile(consistency, 0.5)), detail('old sizes')],
    ['consistency proof p95', ms(quantile(consistency, 0.95)), detail('old sizes')],
  ]
}

/**
 * Where a proof's time goes: the same proofs without HTTP (the tenant transaction: checkpoint
 * roots, stored hashes, the check), a request with the same auth and one query
 * (`GET /v1/audit/checkpoint`), and how many stored hashes a proof reads at most.
 */
async function proofBreakdown(
  coffer: Coffer,
  http: FastifyInstance,
  token: string,
  orgId: OrgId,
): Promise<Row[]> {
  const size = await treeSize(coffer, orgId)
  progress(`${PROOFS} proofs without HTTP, ${PROOFS} checkpoint requests`)
  const direct: number[] = []
  const checkpoint: number[] = []
  let mostHashes = 0
  for (let i = 0; i < PROOFS; i++) {
    const seq = 1 + Math.floor(Math.random() * size)
    let started = performance.now()
    await withTenant(coffer.db, orgId, async (sql) => {
      const { roots } = await checkpointRoots(sql, [size])
      await proveInclusion(sql, seq - 1, size, roots.get(size))
      await proveConsistency(sql, seq, size, { to: roots.get(size) })
    })
    direct.push((performance.now() - started) / 2)
    started = performance.now()
    const response = await http.inject({
      method: 'GET',
      url: '/v1/audit/checkpoint',
      headers: { authorization: `Bearer ${token}` },
    })
    if (response.statusCode !== 200) throw new Error(`checkpoint: ${response.statusCode}`)
    checkpoint.push(performance.now() - started)
    for (const build of [
      (node: SubtreeSource) => inclusionProof(seq - 1, size, node),
      (node: SubtreeSource) => consistencyProof(seq, size, node),
    ]) {
      await withFetchedSubtrees(build, async (wanted) => {
        mostHashes = Math.max(mostHashes, wanted.length)
        return new Map(wanted.map(({ level, index }) => [`${level}/${index}`, Buffer.alloc(32)]))
      })
    }
  }
  return [
    [
      'proof without HTTP p50 / p95',
      `${ms(quantile(direct, 0.5))} / ${ms(quantile(direct, 0.95))}`,
      'tenant transaction: checkpoint roots, stored hashes, check (mean of one inclusion and one consistency)',
    ],
    [
      'GET /v1/audit/checkpoint p50 / p95',
      `${ms(quantile(checkpoint, 0.5))} / ${ms(quantile(checkpoint, 0.95))}`,
      'same auth and transaction, one query: the floor of any proof request',
    ],
    [
      'stored hashes one proof is built from, at most',
      String(mostHashes),
      `read in one indexed query with the few its check adds, at ${formatCount(size)} entries`,
    ],
  ]
}

/** Requests per second of `request` for `seconds`, `CONCURRENCY` in flight. */
async function throughput(seconds: number, request: (i: number) => Promise<void>): Promise<number> {
  const end = performance.now() + seconds * 1000
  let count = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) await request(count++)
    }),
  )
  return count / ((performance.now() - started) / 1000)
}

class SilentAuditLog extends AuditLog {
  override async append(): Promise<number> {
    return 0
  }
}

async function recordWrites(
  coffer: Coffer,
  http: FastifyInstance,
  token: string,
  orgId: OrgId,
): Promise<Row[]> {
  // The same server wiring with a records service whose audit append does nothing.
  const records = new RecordsService({
    keyring: coffer.keyring,
    audit: new SilentAuditLog({ clock: coffer.clock, origin: coffer.audit.origin }),
    clock: coffer.clock,
    indexers: [new TermIndexer({ keyring: coffer.keyring })],
    emit: coffer.emitEvent,
  })
  const silent = await buildHttpServer({
    ...coffer,
    records,
    config: { ...coffer.config, logLevel: 'silent' },
  })
  const store = (server: FastifyInstance) => async (i: number) => {
    const response = await server.inject({
      method: 'POST',
      url: '/v1/records',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        namespace: 'default',
        type: 'note',
        content: `bench note ${i} for the audit bench`,
      }),
    })
    if (response.statusCode !== 201)
      throw new Error(`POST /v1/records: ${response.statusCode} ${response.body}`)
  }
  const on: number[] = []
  const off: number[] = []
  try {
    for (let round = 0; round < 2; round++) {
      progress(`POST /v1/records round ${round + 1}: log on (sequencer running), then off`)
      let sequencing = true
      const sequencer = (async () => {
        while (sequencing) {
          await new Promise((resolve) => setTimeout(resolve, AUDIT_SEQUENCE_INTERVAL_MS))
          await coffer.auditSequencer.sequenceOrg(orgId)
        }
      })()
      on.push(await throughput(WRITE_SECONDS, store(http)))
      sequencing = false
      await sequencer
      off.push(await throughput(WRITE_SECONDS, store(silent)))
    }
  } finally {
    await silent.close()
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
  return [
    [
      'POST /v1/records, audit log on',
      `${formatCount(mean(on))}/s`,
      `2 x ${WRITE_SECONDS} s, sequencer every 1 s`,
    ],
    [
      'POST /v1/records, audit log off',
      `${formatCount(mean(off))}/s`,
      `2 x ${WRITE_SECONDS} s, alternating; on is ${versus(mean(on), mean(off))}`,
    ],
  ]
}

async function recordReads(http: FastifyInstance, token: string): Promise<Row[]> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  const created = await http.inject({
    method: 'POST',
    url: '/v1/records',
    headers,
    payload: JSON.stringify({ namespace: 'default', type: 'note', content: 'read by the bench' }),
  })
  const id = created.json().id as string
  const setReads = (on: boolean) =>
    http.inject({
      method: 'PUT',
      url: '/v1/audit/settings',
      headers,
      payload: JSON.stringify({ record_reads: on }),
    })
  const read = async () => {
    const response = await http.inject({ method: 'GET', url: `/v1/records/${id}`, headers })
    if (response.statusCode !== 200) throw new Error(`GET /v1/records/:id: ${response.statusCode}`)
  }
  progress('GET /v1/records/:id with record-read auditing off, then on')
  await setReads(false)
  const off = await throughput(WRITE_SECONDS, read)
  await setReads(true)
  const on = await throughput(WRITE_SECONDS, read)
  await setReads(false)
  return [
    [
      'GET /v1/records/:id, record reads not audited',
      `${formatCount(off)}/s`,
      `${WRITE_SECONDS} s (default)`,
    ],
    [
      'GET /v1/records/:id, record reads audited',
      `${formatCount(on)}/s`,
      `${WRITE_SECONDS} s; one audit row per read; ${versus(on, off)}`,
    ],
  ]
}
