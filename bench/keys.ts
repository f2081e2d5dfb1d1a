/**
 * Key-management bench, measured in one run on one database: (1) what the org key cache saves —
 * root provider unwraps and reads per second of `records.get` with the cache and with it
 * effectively off (each unwrapped key used once); (2) rotation throughput: envelopes re-encrypted
 * per second by `rotation.run` on one big org among ten; (3) a root rewrap of every org under a
 * new master key, which must leave every record as it was.
 *
 * The database is PostgreSQL when COFFER_BENCH_DATABASE_URL names a server (a fresh database is
 * created there and dropped at the end), else in-memory PGlite. Times are wall time: most of the
 * work is the database's, and with PostgreSQL it happens in another process.
 */
import { randomBytes } from 'node:crypto'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { type Coffer, wireCoffer } from '../src/app.js'
import type { OrgId } from '../src/db/org-id.js'
import type { Database } from '../src/db/sql.js'
import { createRootKeyProvider } from '../src/keys/create-root-provider.js'
import { createOrg, listOrgs } from '../src/tenancy/orgs.js'
import { testConfig } from '../test/support/coffer.js'
import { countingProvider } from '../test/support/counting-provider.js'
import {
  formatCount,
  openBenchDatabase,
  printTable,
  progressOf,
  ROWS_PER_INSERT,
  type Row,
  seedRecords,
} from './bench-support.js'

const progress = progressOf('keys')
const READS = 10_000
const READ_ROUNDS = 10
const READ_RECORDS = 16
const WARMUP_READS = 200

// Every unwrap returns a fresh sodium_malloc buffer (4 memory mappings) that only a GC frees: about
// 16,000 of them between two GCs exhaust vm.max_map_count (65,530) and Node aborts. The uncached
// cell unwraps 20,000 times, so a full GC runs before each round, outside the timing.
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const ORGS = 10
/** Records of the rotated org (its rotation takes about 90 s on PGlite on a 2-core machine). */
const BIG_ORG_RECORDS = 100_000
const SMALL_ORG_RECORDS = 300

const NEW_ORGS = 1_000
const ACTOR = 'bench'

/** Prints key cache, rotation and root rewrap figures as one table, with a line on the setup. */
export async function benchKeys(): Promise<void> {
  const { db, label, drop } = await openBenchDatabase()
  const rows: Row[] = []
  const config = testConfig()
  try {
    const provider = countingProvider(await createRootKeyProvider(config.keyProvider, config.masterKey))
    const coffer = await wireCoffer(config, db, { provider })

    const seedStarted = performance.now()
    const orgs: OrgId[] = []
    for (let i = 0; i < ORGS; i++) {
      orgs.push((await createOrg(coffer, { slug: `bench-rotation-${i}`, actor: ACTOR })).orgId)
    }
    for (const [index, orgId] of orgs.entries()) {
      await seedRecords(coffer, orgId, index === 0 ? BIG_ORG_RECORDS : SMALL_ORG_RECORDS, progress)
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000
    const seeded = BIG_ORG_RECORDS + (ORGS - 1) * SMALL_ORG_RECORDS
    rows.push([
      `seed: ${ORGS} orgs, ${formatCount(seeded)} records`,
      `${seedSeconds.toFixed(1)} s`,
      `${formatCount(seeded / seedSeconds)} records/s; ${formatCount(ROWS_PER_INSERT)}-row INSERTs, no audit entries`,
    ])

    rows.push(...(await benchKeyCache(coffer, provider, orgs[1]!)))
    rows.push(...(await benchRotation(coffer, orgs[0]!)))
    rows.push(...(await benchRewrap(coffer, seeded)))
    await releaseKeys(coffer)
  } finally {
    await drop()
  }
  printTable(['measure', 'value', 'detail'], rows)
  console.log(
    `database: ${label}; local root provider, fresh random keys. Cache: ${formatCount(READS)} reads per ` +
      `cell of ${READ_RECORDS} records (content + metadata: 2 envelopes per read), one transaction each, ` +
      `${READ_ROUNDS} interleaved rounds, each after a full GC; "off" = keyCacheMaxUses 1, so every ` +
      'envelope opened unwraps. ' +
      `Rotation: one org of ${formatCount(BIG_ORG_RECORDS)} records among ${ORGS} (the others ` +
      `${SMALL_ORG_RECORDS} each), batch size ${config.rotationBatchSize}. Rewrap: every org's live key ` +
      'versions, one transaction per org, under a new master key with the old one as previous.',
  )
}

/** Unwraps and reads/s of `records.get`, cache on and (in a second Coffer on the same database) off. */
async function benchKeyCache(
  coffer: Coffer,
  provider: ReturnType<typeof countingProvider>,
  orgId: OrgId,
): Promise<Row[]> {
  progress('key cache: reading records, cache on and off')
  const offProvider = countingProvider(
    await createRootKeyProvider(coffer.config.keyProvider, coffer.config.masterKey),
  )
  const uncached = await wireCoffer({ ...coffer.config, keyCacheMaxUses: 1 }, coffer.db, {
    provider: offProvider,
  })
  const { rows } = await coffer.inTenant(orgId, (sql) =>
    sql.query<{ id: string }>('SELECT id FROM records WHERE org_id = $1 ORDER BY id LIMIT $2', [
      orgId,
      READ_RECORDS,
    ]),
  )
  const ids = rows.map((row) => row.id)
  const cells = [
    { coffer, provider, ms: 0, unwraps: 0 },
    { coffer: uncached, provider: offProvider, ms: 0, unwraps: 0 },
  ]
  let next = 0
  const read = (cell: (typeof cells)[number]) =>
    cell.coffer.inTenant(orgId, (sql) => cell.coffer.records.get(sql, ids[next++ % ids.length]!))
  for (const cell of cells) for (let i = 0; i < WARMUP_READS; i++) await read(cell)
  collectGarbage()
  // From a cold cache: the one unwrap the cached side needs is counted.
  coffer.keyring.forgetOrg(orgId)
  for (let round = 0; round < READ_ROUNDS; round++) {
    // Alternate which cell goes first, so neither always runs on a warmer database.
    for (const cell of round % 2 === 0 ? cells : [...cells].reverse()) {
      collectGarbage()
      await new Promise((resolve) => setImmediate(resolve))
      const unwrapsBefore = cell.provider.calls.unwrap
      const started = performance.now()
      for (let i = 0; i < READS / READ_ROUNDS; i++) await read(cell)
      cell.ms += performance.now() - started
      cell.unwraps += cell.provider.calls.unwrap - unwrapsBefore
    }
  }
  await releaseKeys(uncached)
  const [on, off] = cells.map((cell) => ({ unwraps: cell.unwraps, perSecond: READS / (cell.ms / 1000) }))
  return [
    [`key cache on: unwraps per ${formatCount(READS)} reads`, formatCount(on!.unwraps), 'from a cold cache'],
    [
      `key cache off: unwraps per ${formatCount(READS)} reads`,
      formatCount(off!.unwraps),
      `${(off!.unwraps / READS).toFixed(2)} per read (one per envelope opened)`,
    ],
    ['key cache on: reads/s', formatCount(on!.perSecond), ''],
    [
      'key cache off: reads/s',
      formatCount(off!.perSecond),
      `cache on is ${(on!.perSecond / off!.perSecond).toFixed(2)}× faster`,
    ],
  ]
}

/** Rotates the big org and times `rotation.run` to completion. */
async function benchRotation(coffer: Coffer, orgId: OrgId): Promise<Row[]> {
  progress(`rotation: re-encrypting ${formatCount(BIG_ORG_RECORDS)} records`)
  await coffer.rotation.start(orgId, ACTOR)
  const started = performance.now()
  const result = await coffer.rotation.run(orgId)
  const seconds = (performance.now() - started) / 1000
  if (!result) throw new Error('rotation: no job ran')
  const expected = BIG_ORG_RECORDS * 2
  if (result.envelopesDone !== expected) {
    throw new Error(`rotation re-encrypted ${result.envelopesDone} envelopes, expected ${expected}`)
  }
  return [
    [
      'rotation: envelopes re-encrypted/s',
      formatCount(result.envelopesDone / seconds),
      `${formatCount(result.envelopesDone)} envelopes (${formatCount(BIG_ORG_RECORDS)} records) in ${seconds.toFixed(1)} s`,
    ],
  ]
}

/** Creates 1,000 orgs, then rewraps every org under a new master key and checks no record changed. */
async function benchRewrap(coffer: Coffer, recordCount: number): Promise<Row[]> {
  progress(`rewrap: creating ${formatCount(NEW_ORGS)} orgs`)
  const createStarted = performance.now()
  for (let i = 0; i < NEW_ORGS; i++) await createOrg(coffer, { slug: `bench-org-${i}`, actor: ACTOR })
  const createMs = performance.now() - createStarted

  const before = await recordsFingerprint(coffer.db)
  if (before.rows !== recordCount) {
    throw new Error(`rewrap: the fingerprint sees ${before.rows} records, expected ${recordCount}`)
  }
  const oldMasterKey = coffer.config.masterKey!
  const rewrapping = await wireCoffer(
    testConfig({
      masterKey: randomBytes(32),
      keyProvider: { name: 'local', previousMasterKeys: [oldMasterKey] },
      tokenSecret: coffer.config.tokenSecret,
    }),
    coffer.db,
  )
  progress('rewrap: rewrapping every org key under the new master key')
  const orgs = await listOrgs(coffer.db)
  let versions = 0
  const started = performance.now()
  for (const org of orgs) {
    versions += await rewrapping.inTenant(org.id, (sql) => rewrapping.keyring.rewrap(sql))
  }
  const rewrapMs = performance.now() - started
  const after = await recordsFingerprint(coffer.db)
  const { rows: stale } = await coffer.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM org_keys WHERE state <> 'destroyed' AND root_key_id <> $1`,
    [rewrapping.provider.rootKeyId],
  )
  await releaseKeys(rewrapping)
  // Every org has v1; the rotated org also has v2 (v1 retired, still rewrapped).
  if (versions !== orgs.length + 1 || stale[0]!.n !== 0) {
    throw new Error(`rewrap: ${versions} versions rewrapped, ${stale[0]!.n} still under the old root`)
  }
  if (after.rows !== before.rows || after.bytes !== before.bytes || after.hash !== before.hash) {
    throw new Error('rewrap changed the records table')
  }
  return [
    [
      `create ${formatCount(NEW_ORGS)} orgs`,
      `${(createMs / 1000).toFixed(1)} s`,
      `${(createMs / NEW_ORGS).toFixed(2)} ms per org (createOrg: key, namespace, token, audit)`,
    ],
    [
      `root rewrap: ${formatCount(orgs.length)} orgs`,
      `${formatCount(rewrapMs)} ms`,
      `${(rewrapMs / orgs.length).toFixed(2)} ms per org, ${formatCount(versions)} key versions`,
    ],
    [
      'root rewrap: records table',
      'unchanged',
      `${formatCount(after.rows)} rows, ${formatCount(after.bytes)} envelope bytes, md5 ${after.hash.slice(0, 12)}…`,
    ],
  ]
}

/**
 * Count, envelope bytes and a hash of every record (ids, envelopes, key versions, timestamps),
 * read as the connecting user: a superuser sees every org's rows. The count check above catches
 * a user that RLS would show none.
 */
async function recordsFingerprint(db: Database): Promise<{ rows: number; bytes: number; hash: string }> {
  const { rows } = await db.query<{ rows: number; bytes: string; hash: string }>(
    `SELECT count(*)::int AS rows,
            coalesce(sum(octet_length(content) + coalesce(octet_length(metadata), 0)), 0)::text AS bytes,
            coalesce(md5(string_agg(
              id::text || md5(content) || coalesce(md5(metadata), '-') || key_version || updated_at::text,
              ',' ORDER BY org_id, id)), '') AS hash
     FROM records`,
  )
  const row = rows[0]!
  return { rows: row.rows, bytes: Number(row.bytes), hash: row.hash }
}

/** Wipes a Coffer's keys; the database, shared by every Coffer here, is closed once by `drop`. */
async function releaseKeys(coffer: Coffer): Promise<void> {
  coffer.keyCache.clear()
  await coffer.provider.close()
}
