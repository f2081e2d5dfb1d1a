/**
 * API bench: the built `coffer serve` (a real process) against a plain Fastify + pg baseline of
 * the same two routes (bench/api-baseline-server.ts) and a bare Fastify `/health/live`, loaded
 * with autocannon, in one run on one machine, so the ratios hold even when the machine is noisy.
 *
 * Per database (PostgreSQL when COFFER_BENCH_DATABASE_URL names a server, a fresh database created
 * there and dropped at the end; and embedded PGlite in a temporary data dir): `coffer migrate`,
 * nine orgs (`coffer org create`, request limits raised so no 429 caps the figures), one webhook
 * endpoint subscribed to `record.deleted` (so every write looks its subscriptions up), 10,000
 * searchable records imported into a search org; then every target at every concurrency, runs
 * interleaved (run 1 of every target, then run 2, ...), median of the runs.
 *
 * Targets: `POST /v1/records` (1 KiB content, one org; and the same load spread over 8 orgs),
 * `GET /v1/records/:id`, `POST /v1/records/search` (c16 only), `GET /health/live`; the baseline's
 * two routes and bare health (PostgreSQL only: PGlite's rows are set against the plain server
 * on PostgreSQL of the same run). Then a fresh org's write rate over one longer run, per slice.
 *
 * Environment: COFFER_BENCH_API_SECONDS (per run, default 3), COFFER_BENCH_API_RUNS (3),
 * COFFER_BENCH_API_CONNECTIONS ("1,16,64"), COFFER_BENCH_API_DATABASES ("postgres,pglite"),
 * COFFER_BENCH_API_SEARCH_RECORDS (10000), COFFER_BENCH_API_FRESH_SECONDS (20; 0 skips),
 * COFFER_BENCH_LOG_LEVEL ("warn", both servers), COFFER_BENCH_API_ONLY (comma-separated parts of
 * target names: run only those), COFFER_PLANS (passed to the servers: quotas on the write path),
 * COFFER_BENCH_PROFILE_DIR (a directory: `coffer serve` writes a V8 CPU profile there at exit),
 * COFFER_BENCH_API_COMPARE (PostgreSQL only: the `dist/cli/bin.js` of another build, e.g. a
 * worktree of the commit before a change, with the same migrations: it serves the same database
 * beside this build, and its write, read and search rows are measured in the same run, "Coffer
 * (compare)", for before/after figures on a noisy machine).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import autocannon, { type AutocannonRequest } from 'autocannon'
import pg from 'pg'
import { openCoffer } from '../src/app.js'
import { loadConfig } from '../src/config/config.js'
import { ensureKeys } from '../src/config/dev-secrets.js'
import { createOrg, setOrgRateLimit } from '../src/tenancy/orgs.js'
import { formatCount, printTable, progressOf } from './bench-support.js'
import { seededRandom, textModel } from './search.js'

const progress = progressOf('api')
const BIN = resolve('dist/cli/bin.js')
const SECONDS = Number(process.env.COFFER_BENCH_API_SECONDS ?? 3)
const RUNS = Number(process.env.COFFER_BENCH_API_RUNS ?? 3)
const CONNECTIONS = (process.env.COFFER_BENCH_API_CONNECTIONS ?? '1,16,64').split(',').map(Number)
const DATABASES = (process.env.COFFER_BENCH_API_DATABASES ?? 'postgres,pglite').split(',')
const SEARCH_RECORDS = Number(process.env.COFFER_BENCH_API_SEARCH_RECORDS ?? 10_000)
const FRESH_SECONDS = Number(process.env.COFFER_BENCH_API_FRESH_SECONDS ?? 20)
const LOG_LEVEL = process.env.COFFER_BENCH_LOG_LEVEL ?? 'warn'
const SERVER_URL = process.env.COFFER_BENCH_DATABASE_URL || undefined
const COMPARE_BIN = process.env.COFFER_BENCH_API_COMPARE || undefined
const SPREAD_ORGS = 8
const READ_IDS = 500

/** 1 KiB of note text. */
const CONTENT = (() => {
  const words = textModel(seededRandom(7))
  let text = ''
  while (text.length < 1024) text += `${words.draw()} `
  return text.slice(0, 1024)
})()
const STORE_BODY = JSON.stringify({ namespace: 'bench', type: 'note', content: CONTENT, metadata: { n: 1 } })

interface Target {
  name: string
  /** Concurrencies this target runs at. */
  connections: number[]
  run(connections: number): Promise<Figures>
}

interface Figures {
  rps: number
  p50: number
  p99: number
}

async function load(
  url: string,
  connections: number,
  options: {
    method?: string
    tokens?: string[]
    body?: string
    bodies?: string[]
    paths?: string[]
    seconds?: number
  },
): Promise<Figures & { non2xx: number; errors: number }> {
  let turn = 0
  const requests: Array<AutocannonRequest & { setupRequest?: (r: AutocannonRequest) => AutocannonRequest }> =
    [
      {
        method: options.method ?? 'GET',
        ...(options.body ? { body: options.body } : {}),
        setupRequest: (request) => {
          turn++
          const tokens = options.tokens ?? []
          const headers: Record<string, string> = { 'content-type': 'application/json' }
          if (tokens.length > 0) headers.authorization = `Bearer ${tokens[turn % tokens.length]}`
          const paths = options.paths
          const bodies = options.bodies
          return {
            ...request,
            headers,
            ...(paths ? { path: paths[turn % paths.length] } : {}),
            ...(bodies ? { body: bodies[turn % bodies.length] } : {}),
          }
        },
      },
    ]
  const result = await autocannon({ url, connections, duration: options.seconds ?? SECONDS, requests })
  if (result.non2xx > 0 || result.errors > 0) {
    progress(
      `${url} c${connections}: ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors`,
    )
  }
  return {
    // Only answers that succeeded count: an error page is no figure.
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

function spawnServer(
  args: string[],
  env: Record<string, string>,
  pattern: RegExp,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env } })
  // A bench that dies leaves no server behind.
  process.once('exit', () => child.kill('SIGKILL'))
  return new Promise((resolvePromise, reject) => {
    let out = ''
    let err = ''
    let started = false
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start: ${out}${err}`))
    }, 120_000)
    child.stderr!.on('data', (chunk: Buffer) => {
      if (err.length < 10_000) err += chunk.toString()
    })
    child.stdout!.on('data', (chunk: Buffer) => {
      if (started) return
      out += chunk.toString()
      const match = pattern.exec(out)
      if (match) {
        started = true
        clearTimeout(timer)
        child.removeAllListeners('exit')
        resolvePromise({ child, url: match[1]! })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}: ${out}${err}`))
    })
  })
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolvePromise()
    child.on('exit', () => resolvePromise())
    child.kill('SIGTERM')
  })
}

function cli(args: string[], env: Record<string, string>, input?: string): string {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 600_000,
    ...(input === undefined ? {} : { input }),
  })
  if (result.status !== 0) throw new Error(`coffer ${args[0]} ${args[1] ?? ''} failed: ${result.stderr}`)
  return result.stdout
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

async function api(url: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return (await response.json()) as Record<string, unknown>
}

/** A prepared Coffer server: its URL, one org's token, 8 orgs' tokens, ids to read, a fresh org's token. */
interface Prepared {
  child: ChildProcess
  url: string
  /** The COFFER_BENCH_API_COMPARE build serving the same database, when asked for. */
  compare: { child: ChildProcess; url: string } | undefined
  token: string
  spread: string[]
  fresh: string
  search: string
  readPaths: string[]
}

async function prepareCoffer(
  kind: 'postgres' | 'pglite',
  databaseUrl: string | undefined,
): Promise<Prepared & { cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'coffer-bench-api-'))
  const env: Record<string, string> = {
    COFFER_LISTEN: '127.0.0.1:0',
    COFFER_LOG_LEVEL: LOG_LEVEL,
    COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
    COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
    COFFER_DATA_DIR: join(dir, 'data'),
    NODE_ENV: 'production',
    // The bench's webhook endpoint is on 127.0.0.1 (production mode refuses it otherwise).
    COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS: 'false',
    ...(kind === 'postgres' ? { COFFER_DATABASE_URL: databaseUrl! } : {}),
    // A plan table with quotas, to measure the write path with them (README: Usage and quotas).
    ...(process.env.COFFER_PLANS ? { COFFER_PLANS: process.env.COFFER_PLANS } : {}),
  }
  cli(['migrate'], env)
  // Orgs and search records are made in this process, on the same database, before serve starts
  // (PGlite's data dir takes one process at a time).
  const setup = await openCoffer(ensureKeys(loadConfig(env)).config)
  const words = textModel(seededRandom(42))
  let token: string, search: string, fresh: string
  const spread: string[] = []
  try {
    const org = async (slug: string) => {
      const created = await createOrg(setup, { slug, actor: 'bench' })
      await setOrgRateLimit(setup.db, slug, 100_000_000)
      return created
    }
    token = (await org('bench')).ownerToken
    for (let i = 0; i < SPREAD_ORGS; i++) spread.push((await org(`spread-${i}`)).ownerToken)
    fresh = (await org('fresh')).ownerToken
    const searchOrg = await org('search')
    search = searchOrg.ownerToken
    progress(`${kind}: storing ${formatCount(SEARCH_RECORDS)} searchable records`)
    for (let done = 0; done < SEARCH_RECORDS; done += 500) {
      await setup.inTenant(searchOrg.orgId, async (sql) => {
        for (let i = done; i < Math.min(SEARCH_RECORDS, done + 500); i++) {
          await setup.records.store(sql, 'bench', {
            namespace: 'crm',
            type: 'note',
            content: words.sentence(),
          })
        }
      })
    }
  } finally {
    await setup.close()
  }
  const profile = process.env.COFFER_BENCH_PROFILE_DIR
  const serveArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`, BIN, 'serve'] : [BIN, 'serve']
  const { child, url } = await spawnServer(serveArgs, env, /Coffer listening on (http:\/\/\S+)/)
  for (const t of [token, ...spread, fresh]) {
    await api(url, t, 'POST', '/v1/webhooks', {
      url: 'http://127.0.0.1:9/bench-sink',
      event_types: ['record.deleted'],
    })
  }
  const compare =
    COMPARE_BIN && kind === 'postgres'
      ? await spawnServer(
          [resolve(COMPARE_BIN), 'serve'],
          // Metrics on as for this build, on a port of its own.
          { ...env, COFFER_METRICS_LISTEN: '127.0.0.1:0' },
          /Coffer listening on (http:\/\/\S+)/,
        )
      : undefined
  const readPaths: string[] = []
  for (let i = 0; i < READ_IDS; i++) {
    const stored = await api(url, token, 'POST', '/v1/records', JSON.parse(STORE_BODY))
    readPaths.push(`/v1/records/${stored.id}`)
  }
  return {
    child,
    url,
    compare,
    token,
    spread,
    fresh,
    search,
    readPaths,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

export async function benchApi(): Promise<void> {
  const rows: string[][] = []
  const notes: string[] = []
  const queries = textModel(seededRandom(99))
  const searchBodies = Array.from({ length: 200 }, (_, i) =>
    JSON.stringify({
      query: Array.from({ length: 1 + (i % 3) }, () => queries.draw()).join(' '),
      limit: 20,
    }),
  )
  for (const kind of DATABASES as Array<'postgres' | 'pglite'>) {
    if (kind === 'postgres' && !SERVER_URL) {
      progress('COFFER_BENCH_DATABASE_URL not set: PostgreSQL skipped')
      continue
    }
    let databaseUrl: string | undefined
    let plainUrl: string | undefined
    let dropDatabase = async (): Promise<void> => undefined
    if (kind === 'postgres') {
      // Coffer's database and the baseline's, side by side on one server.
      const name = `coffer_bench_api_${Date.now()}_${randomBytes(3).toString('hex')}`
      await adminQuery(`CREATE DATABASE ${name}`)
      await adminQuery(`CREATE DATABASE ${name}_plain`)
      const url = new URL(SERVER_URL!)
      url.pathname = `/${name}`
      databaseUrl = url.toString()
      url.pathname = `/${name}_plain`
      plainUrl = url.toString()
      dropDatabase = async () => {
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await adminQuery(`DROP DATABASE IF EXISTS ${name}_plain WITH (FORCE)`)
      }
    }
    const baselineToken = randomBytes(24).toString('hex')
    const baseline = await spawnServer(
      ['--import', 'tsx', resolve('bench/api-baseline-server.ts')],
      {
        BASELINE_DATABASE_URL: plainUrl ?? '',
        BASELINE_TOKEN: baselineToken,
        BASELINE_LOG_LEVEL: LOG_LEVEL,
      },
      /baseline listening on (http:\/\/\S+)/,
    )
    const coffer = await prepareCoffer(kind, databaseUrl)
    try {
      const plainIds: string[] = []
      if (kind === 'postgres') {
        for (let i = 0; i < READ_IDS; i++) {
          const stored = await api(baseline.url, baselineToken, 'POST', '/v1/records', JSON.parse(STORE_BODY))
          plainIds.push(`/v1/records/${stored.id}`)
        }
      }
      const targets: Target[] = [
        {
          name: 'POST /v1/records, Coffer',
          connections: CONNECTIONS,
          run: (c) =>
            load(coffer.url, c, {
              method: 'POST',
              body: STORE_BODY,
              tokens: [coffer.token],
              paths: ['/v1/records'],
            }),
        },
        {
          name: `POST /v1/records, Coffer, ${SPREAD_ORGS} orgs`,
          connections: CONNECTIONS.filter((c) => c > 1),
          run: (c) =>
            load(coffer.url, c, {
              method: 'POST',
              body: STORE_BODY,
              tokens: coffer.spread,
              paths: ['/v1/records'],
            }),
        },
        {
          name: 'GET /v1/records/:id, Coffer',
          connections: CONNECTIONS,
          run: (c) => load(coffer.url, c, { tokens: [coffer.token], paths: coffer.readPaths }),
        },
        {
          name: `POST /v1/records/search (${formatCount(SEARCH_RECORDS)}), Coffer`,
          connections: [16],
          run: (c) =>
            load(coffer.url, c, {
              method: 'POST',
              bodies: searchBodies,
              tokens: [coffer.search],
              paths: ['/v1/records/search'],
            }),
        },
        {
          name: 'GET /health/live, Coffer',
          connections: CONNECTIONS.filter((c) => c > 1),
          run: (c) => load(coffer.url, c, { paths: ['/health/live'] }),
        },
        {
          name: 'GET /health/live, bare Fastify',
          connections: CONNECTIONS.filter((c) => c > 1),
          run: (c) => load(baseline.url, c, { paths: ['/health/live'] }),
        },
      ]
      const compared = coffer.compare
      if (compared) {
        targets.push(
          {
            name: 'POST /v1/records, Coffer (compare)',
            connections: CONNECTIONS,
            run: (c) =>
              load(compared.url, c, {
                method: 'POST',
                body: STORE_BODY,
                tokens: [coffer.token],
                paths: ['/v1/records'],
              }),
          },
          {
            name: 'GET /v1/records/:id, Coffer (compare)',
            connections: CONNECTIONS,
            run: (c) => load(compared.url, c, { tokens: [coffer.token], paths: coffer.readPaths }),
          },
          {
            name: `POST /v1/records/search (${formatCount(SEARCH_RECORDS)}), Coffer (compare)`,
            connections: [16],
            run: (c) =>
              load(compared.url, c, {
                method: 'POST',
                bodies: searchBodies,
                tokens: [coffer.search],
                paths: ['/v1/records/search'],
              }),
          },
        )
      }
      if (kind === 'postgres') {
        targets.push(
          {
            name: 'POST /v1/records, plain',
            connections: CONNECTIONS,
            run: (c) =>
              load(baseline.url, c, {
                method: 'POST',
                body: STORE_BODY,
                tokens: [baselineToken],
                paths: ['/v1/records'],
              }),
          },
          {
            name: 'GET /v1/records/:id, plain',
            connections: CONNECTIONS,
            run: (c) => load(baseline.url, c, { tokens: [baselineToken], paths: plainIds }),
          },
        )
      }
      const only = process.env.COFFER_BENCH_API_ONLY
      if (only)
        targets.splice(
          0,
          targets.length,
          ...targets.filter((t) => only.split(',').some((w) => t.name.includes(w))),
        )
      const figures = new Map<string, Figures[]>()
      for (let run = 1; run <= RUNS; run++) {
        progress(`${kind}: run ${run}/${RUNS}`)
        for (const connections of CONNECTIONS) {
          for (const target of targets) {
            if (!target.connections.includes(connections)) continue
            const key = `${target.name}|${connections}`
            const got = await target.run(connections)
            figures.set(key, [...(figures.get(key) ?? []), got])
          }
        }
      }
      const medianOf = (name: string, c: number): Figures | undefined => {
        const all = figures.get(`${name}|${c}`)
        if (!all) return undefined
        return {
          rps: median(all.map((f) => f.rps)),
          p50: median(all.map((f) => f.p50)),
          p99: median(all.map((f) => f.p99)),
        }
      }
      const plainOf = (name: string): string | undefined =>
        name.startsWith('POST /v1/records,')
          ? 'POST /v1/records, plain'
          : name.startsWith('GET /v1/records/:id')
            ? 'GET /v1/records/:id, plain'
            : name === 'GET /health/live, Coffer'
              ? 'GET /health/live, bare Fastify'
              : undefined
      for (const target of targets) {
        for (const c of target.connections) {
          const mine = medianOf(target.name, c)
          if (!mine) continue
          const against = plainOf(target.name)
          const plain =
            against && against !== target.name
              ? (plainRows.get(`${against}|${c}`) ?? medianOf(against, c))
              : undefined
          if (kind === 'postgres' && mine) plainRows.set(`${target.name}|${c}`, mine)
          rows.push([
            kind === 'postgres' ? 'PostgreSQL' : 'PGlite',
            target.name,
            `c${c}`,
            formatCount(mine.rps),
            `${mine.p50} ms`,
            `${mine.p99} ms`,
            plain && !target.name.endsWith('plain') && !target.name.endsWith('bare Fastify')
              ? `${(mine.rps / plain.rps).toFixed(2)}×`
              : '',
          ])
        }
      }
      if (FRESH_SECONDS > 0) {
        // A fresh org's writes, one long run at c16 cut into slices: flat if nothing degrades.
        const slices: string[] = []
        const slice = Math.max(1, Math.floor(FRESH_SECONDS / 4))
        for (let at = 0; at < FRESH_SECONDS; at += slice) {
          const got = await load(coffer.url, 16, {
            method: 'POST',
            body: STORE_BODY,
            tokens: [coffer.fresh],
            paths: ['/v1/records'],
            seconds: slice,
          })
          slices.push(formatCount(got.rps))
        }
        rows.push([
          kind === 'postgres' ? 'PostgreSQL' : 'PGlite',
          `POST /v1/records, fresh org, ${slice} s slices`,
          'c16',
          slices.join(' → '),
          '',
          '',
          '',
        ])
      }
      if (kind === 'postgres') notes.push(await termIndexBacklog(databaseUrl!))
    } finally {
      await stop(coffer.child)
      if (coffer.compare) await stop(coffer.compare.child)
      await stop(baseline.child)
      coffer.cleanup()
      await dropDatabase()
    }
  }
  console.log(`API bench: median of ${RUNS} interleaved runs of ${SECONDS} s, log level ${LOG_LEVEL}`)
  printTable(['database', 'route', 'conc.', 'req/s', 'p50', 'p99', 'vs plain'], rows)
  for (const note of notes) console.log(note)
}

/**
 * Records whose search index row is still pending right after the last write run, and how long the
 * server's term indexer then takes to move them all (bounded at 120 s): whether it keeps up.
 */
async function termIndexBacklog(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const pending = async () =>
      Number((await client.query('SELECT count(*)::int AS n FROM record_terms_pending')).rows[0].n)
    const atEnd = await pending()
    const started = performance.now()
    let left = atEnd
    while (left > 0 && performance.now() - started < 120_000) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      left = await pending()
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    return left === 0
      ? `PostgreSQL term index: ${formatCount(atEnd)} records pending after the last write run, all moved ${seconds} s later`
      : `PostgreSQL term index: ${formatCount(atEnd)} records pending after the last write run, ${formatCount(left)} still pending after ${seconds} s`
  } finally {
    await client.end()
  }
}

const plainRows = new Map<string, Figures>()
