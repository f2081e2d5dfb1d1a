/**
 * Search bench, measured in one run on one database: (1) write throughput of `records.store` with
 * the blind term index on and off (off = a RecordsService built without indexers, on the same
 * database); (2) search latency, p50 and p95 over 200 queries of 1-3 words, on one org of 100,000
 * records among ten orgs.
 *
 * Content is generated: sentences of 12-60 words drawn with a Zipf-like law (s = 1) from a
 * vocabulary of 3,000 made-up words, so a few words are in most records and most words are rare;
 * queries draw their words from the same law. Seeded, so every run writes the same text.
 *
 * The database is PostgreSQL when COFFER_BENCH_DATABASE_URL names a server (a fresh database is
 * created there and dropped at the end), else in-memory PGlite. Seeding the big org stops at
 * SEED_BUDGET_SECONDS and says so: the figures are then for the size printed.
 */
import { type Coffer, wireCoffer } from '../src/app.js'
import type { OrgId } from '../src/db/org-id.js'
import { SYSTEM_CLOCK } from '../src/internal/clock.js'
import { uuidV7 } from '../src/internal/uuid-v7.js'
import { RecordsService } from '../src/records/records-service.js'
import { termFrequencies } from '../src/records/search-terms.js'
import { TERM_HASH_BITS, TERM_INDEX_LABEL, termHash } from '../src/records/term-index.js'
import { createOrg } from '../src/tenancy/orgs.js'
import { testConfig } from '../test/support/coffer.js'
import { formatCount, openBenchDatabase, printTable, progressOf, type Row } from './bench-support.js'

const progress = progressOf('search')
const ORGS = 10
const BIG_ORG_RECORDS = Number(process.env.COFFER_BENCH_SEARCH_RECORDS ?? 100_000)
const SMALL_ORG_RECORDS = 1_000
/** Seeding the big org stops here, whatever its size. */
const SEED_BUDGET_SECONDS = 180
const RECORDS_PER_TRANSACTION = 500
/** Seeding writes records and their index rows in bulk: this many per transaction. */
const SEED_PER_TRANSACTION = 1_000
const WRITE_RECORDS = 5_000
const QUERIES = 200
const WARMUP_QUERIES = 20
const VOCABULARY = 3_000
const ACTOR = 'bench'

/** A small seeded PRNG (mulberry32): the same text on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Made-up words of 2-4 syllables, and a sampler of their ranks with weight 1/rank. */
export function textModel(random: () => number) {
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ne',
    'ru',
    'sa',
    'to',
    'vi',
    'de',
    'pa',
    'qu',
    'ri',
    'zo',
    'bel',
    'dor',
    'fen',
  ]
  const words = new Set<string>()
  while (words.size < VOCABULARY) {
    const count = 2 + Math.floor(random() * 3)
    let word = ''
    for (let i = 0; i < count; i++) word += syllables[Math.floor(random() * syllables.length)]
    words.add(word)
  }
  const vocabulary = [...words]
  const cumulative: number[] = []
  let total = 0
  for (let rank = 1; rank <= VOCABULARY; rank++) {
    total += 1 / rank
    cumulative.push(total)
  }
  const draw = (): string => {
    const target = random() * total
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle]! < target) low = middle + 1
      else high = middle
    }
    return vocabulary[low]!
  }
  const sentence = (): string => {
    const length = 12 + Math.floor(random() * 49)
    const out: string[] = []
    for (let i = 0; i < length; i++) out.push(draw())
    return `${out.join(' ')}.`
  }
  return { draw, sentence }
}

/** Prints write throughput (index on/off) and search latency as one table, with a line on the setup. */
export async function benchSearch(): Promise<void> {
  const { db, label, drop } = await openBenchDatabase()
  const rows: Row[] = []
  const config = testConfig()
  const random = seededRandom(20_261_123)
  const text = textModel(random)
  try {
    const coffer = await wireCoffer(config, db)
    const orgs: OrgId[] = []
    for (let i = 0; i < ORGS; i++) {
      orgs.push((await createOrg(coffer, { slug: `bench-search-${i}`, actor: ACTOR })).orgId)
    }

    // Write throughput first, on two fresh orgs of the same size, alternating: on, off, on, off.
    const unindexed = new RecordsService({
      keyring: coffer.keyring,
      audit: coffer.audit,
      clock: SYSTEM_CLOCK,
    })
    const writeOrgs = [
      (await createOrg(coffer, { slug: 'bench-write-on', actor: ACTOR })).orgId,
      (await createOrg(coffer, { slug: 'bench-write-off', actor: ACTOR })).orgId,
    ]
    const cells = [
      { name: 'on', records: coffer.records, orgId: writeOrgs[0]!, ms: 0 },
      { name: 'off', records: unindexed, orgId: writeOrgs[1]!, ms: 0 },
    ]
    progress(`writes: ${formatCount(WRITE_RECORDS)} records with the index on, and as many with it off`)
    for (let round = 0; round < WRITE_RECORDS / RECORDS_PER_TRANSACTION; round++) {
      for (const cell of round % 2 === 0 ? cells : [...cells].reverse()) {
        const contents = Array.from({ length: RECORDS_PER_TRANSACTION }, () => text.sentence())
        const started = performance.now()
        await storeBatch(coffer, cell.records, cell.orgId, contents)
        cell.ms += performance.now() - started
      }
    }
    const [on, off] = cells.map((cell) => WRITE_RECORDS / (cell.ms / 1000))
    rows.push([
      'writes/s, term index on',
      formatCount(on!),
      `${formatCount(WRITE_RECORDS)} records.store calls`,
    ])
    rows.push([
      'writes/s, term index off',
      formatCount(off!),
      `indexing costs ${((1 - on! / off!) * 100).toFixed(0)}% of write throughput`,
    ])

    // Seed: the big org (within the time budget), then the nine small ones.
    const seedStarted = performance.now()
    let big = 0
    while (big < BIG_ORG_RECORDS && performance.now() - seedStarted < SEED_BUDGET_SECONDS * 1000) {
      const contents = Array.from({ length: SEED_PER_TRANSACTION }, () => text.sentence())
      await seedBatch(coffer, orgs[0]!, contents)
      big += SEED_PER_TRANSACTION
      if (big % 10_000 === 0) progress(`seeded ${formatCount(big)}/${formatCount(BIG_ORG_RECORDS)} records`)
    }
    const bigSeconds = (performance.now() - seedStarted) / 1000
    const truncated = big < BIG_ORG_RECORDS
    if (truncated) {
      progress(`seed budget of ${SEED_BUDGET_SECONDS} s spent: the big org has ${formatCount(big)} records`)
    }
    for (const orgId of orgs.slice(1)) {
      for (let done = 0; done < SMALL_ORG_RECORDS; done += SEED_PER_TRANSACTION) {
        const contents = Array.from({ length: SEED_PER_TRANSACTION }, () => text.sentence())
        await seedBatch(coffer, orgId, contents)
      }
    }
    rows.push([
      `seed: big org, ${formatCount(big)} records${truncated ? ' (TRUNCATED: time budget)' : ''}`,
      `${bigSeconds.toFixed(1)} s`,
      `${formatCount(big / bigSeconds)} records/s; bulk INSERTs of records and index rows, no audit`,
    ])
    const { rows: indexRows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM record_terms WHERE org_id = $1',
      [orgs[0]!],
    )
    rows.push([
      'index rows of the big org',
      formatCount(indexRows[0]!.n),
      `${(indexRows[0]!.n / big).toFixed(1)} distinct ${TERM_HASH_BITS}-bit buckets per record`,
    ])

    progress(`search: ${QUERIES} queries of 1-3 words`)
    const queries = Array.from({ length: QUERIES + WARMUP_QUERIES }, () =>
      Array.from({ length: 1 + Math.floor(random() * 3) }, () => text.draw()).join(' '),
    )
    const access = coffer.records.accessOf({ namespaceId: null, agent: null })
    const timings: number[] = []
    let hits = 0
    for (const [index, query] of queries.entries()) {
      const started = performance.now()
      const result = await coffer.inTenant(orgs[0]!, (sql) =>
        coffer.search.search(sql, { query, limit: 20 }, access),
      )
      if (index >= WARMUP_QUERIES) {
        timings.push(performance.now() - started)
        hits += result.items.length
      }
    }
    timings.sort((a, b) => a - b)
    const percentile = (p: number) =>
      timings[Math.min(timings.length - 1, Math.floor((p / 100) * timings.length))]!
    rows.push([
      'search p50',
      `${percentile(50).toFixed(1)} ms`,
      `org of ${formatCount(big)} records; ${(hits / QUERIES).toFixed(1)} hits per query (limit 20)`,
    ])
    rows.push(['search p95', `${percentile(95).toFixed(1)} ms`, ''])
    rows.push(['search max', `${timings.at(-1)!.toFixed(1)} ms`, ''])
    coffer.keyCache.clear()
    await coffer.provider.close()
  } finally {
    await drop()
  }
  printTable(['measure', 'value', 'detail'], rows)
  console.log(
    `database: ${label}; local root provider, fresh random keys. ${ORGS} orgs: one big, the others ` +
      `${formatCount(SMALL_ORG_RECORDS)} records each. Content: 12-60 words per record from a Zipf-like ` +
      `${formatCount(VOCABULARY)}-word vocabulary. Writes: records.store, ${RECORDS_PER_TRANSACTION} per ` +
      'transaction, with audit entries; "off" = the same service without the term indexer. Search: ' +
      `${QUERIES} queries (after ${WARMUP_QUERIES} warm-up), one transaction each, unrestricted principal, ` +
      'OR semantics, the best 200 candidates (10 per result asked) decrypted and re-ranked per query.',
  )
}

async function storeBatch(
  coffer: Coffer,
  records: RecordsService,
  orgId: OrgId,
  contents: readonly string[],
): Promise<void> {
  await coffer.inTenant(orgId, async (sql) => {
    for (const content of contents)
      await records.store(sql, ACTOR, { namespace: 'notes', type: 'note', content })
  })
}

/**
 * Writes records and their term index rows as `records.store` and the term indexer would (same
 * envelopes, same hashes), in bulk: many rows per INSERT, no audit entries. Seeding only.
 */
export async function seedBatch(coffer: Coffer, orgId: OrgId, batch: readonly string[]): Promise<void> {
  let contents = batch
  await coffer.inTenant(orgId, async (sql) => {
    const namespace = await sql.query<{ id: string }>(
      'SELECT id FROM namespaces WHERE org_id = $1 AND name = $2',
      [orgId, 'notes'],
    )
    let namespaceId = namespace.rows[0]?.id
    if (namespaceId === undefined) {
      await coffer.records.store(sql, ACTOR, { namespace: 'notes', type: 'note', content: contents[0]! })
      contents = contents.slice(1)
      namespaceId = (
        await sql.query<{ id: string }>('SELECT id FROM namespaces WHERE org_id = $1 AND name = $2', [
          orgId,
          'notes',
        ])
      ).rows[0]!.id
    }
    const sealer = await coffer.keyring.leaseSealer(sql)
    const { key } = await coffer.keyring.indexKey(sql, sealer.version, TERM_INDEX_LABEL)
    try {
      const now = new Date()
      const params: unknown[] = [orgId, namespaceId, 'note', sealer.version, now]
      const values: string[] = []
      const termIds: string[] = []
      const termHashes: number[] = []
      const termCounts: number[] = []
      for (const content of contents) {
        const id = uuidV7(now.getTime())
        const envelope = sealer.seal({ table: 'records', column: 'content', rowId: id }, Buffer.from(content))
        const at = params.push(id, envelope.envelope)
        values.push(`($1, $${at - 1}, $2, $3, $${at}, $4, $5, $5)`)
        const buckets = new Map<number, number>()
        for (const [term, count] of termFrequencies(content).frequencies) {
          const hash = termHash(key, term)
          buckets.set(hash, (buckets.get(hash) ?? 0) + count)
        }
        for (const [hash, count] of buckets) {
          termIds.push(id)
          termHashes.push(hash)
          termCounts.push(count)
        }
      }
      await sql.query(
        `INSERT INTO records (org_id, id, namespace_id, type, content, key_version, created_at, updated_at)
         VALUES ${values.join(', ')}`,
        params,
      )
      await sql.query(
        `INSERT INTO record_terms (org_id, record_id, key_version, term_hash, tf)
         SELECT $1, r, $2, h, f FROM unnest($3::uuid[], $4::int[], $5::int[]) AS u(r, h, f)`,
        [orgId, sealer.version, termIds, termHashes, termCounts],
      )
    } finally {
      key.fill(0)
      sealer.release()
    }
  })
}
