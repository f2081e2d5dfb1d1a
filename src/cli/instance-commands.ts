import { parseArgs } from 'node:util'
import { openConfiguredDatabase } from '../app.js'
import { loadConfig } from '../config/config.js'
import { ensureKeys } from '../config/dev-secrets.js'
import { dumpTables } from '../db/dump.js'
import { assertTenantIsolation } from '../db/isolation-check.js'
import { loadMigrations, migrate } from '../db/migrate.js'
import { startServer } from '../server.js'
import { createOrg, listOrgs } from '../tenancy/orgs.js'
import { CLI_ACTOR, type CliIO, withCoffer } from './cli-io.js'
import type { CliCommand } from './command-table.js'
import { importCommand } from './import-command.js'
import { packageVersion } from './version.js'

async function runServe(io: CliIO, args: string[]): Promise<number> {
  parseArgs({ args, options: {} })
  const server = await startServer({ env: io.env, out: io.out })
  const stop = async (signal: NodeJS.Signals) => {
    await server.close()
    io.out(`Coffer stopped (${signal}): connections drained, database closed.`)
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return -1
}

async function runInit(io: CliIO, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { slug: { type: 'string', default: 'default' }, json: { type: 'boolean', default: false } },
  })
  return withCoffer(io, async (coffer) => {
    if ((await listOrgs(coffer.db)).length > 0) {
      io.out(
        values.json
          ? JSON.stringify({ initialised: false, org_id: null, token: null })
          : 'Already initialised: migrations are current and orgs exist. Use `coffer org create <slug>`.',
      )
      return 0
    }
    const org = await createOrg(coffer, { slug: values.slug, actor: CLI_ACTOR })
    if (values.json) {
      io.out(JSON.stringify({ initialised: true, org_id: org.orgId, slug: org.slug, token: org.ownerToken }))
    } else {
      io.out(`Initialised. Created org ${org.slug} (${org.orgId}). Owner token, shown once:`)
      io.out(`  ${org.ownerToken}`)
    }
    return 0
  })
}

async function runMigrate(io: CliIO, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const { config } = ensureKeys(loadConfig(io.env))
  const { db, release } = await openConfiguredDatabase(config)
  try {
    const migrations = await loadMigrations()
    const versions = await migrate(db, migrations)
    await assertTenantIsolation(db)
    const applied = migrations
      .filter((m) => versions.includes(m.version))
      .map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`)
    if (values.json) io.out(JSON.stringify({ applied }))
    else if (applied.length === 0) io.out('Migrations are current: nothing to apply.')
    else {
      io.out(`Applied ${applied.length} migrations:`)
      for (const name of applied) io.out(`  ${name}`)
    }
    return 0
  } finally {
    await db.close()
    release()
  }
}

async function runVersion(io: CliIO, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const version = packageVersion()
  io.out(values.json ? JSON.stringify({ version }) : `coffer ${version}`)
  return 0
}

async function runImport(io: CliIO, args: string[]): Promise<number> {
  return withCoffer(io, (coffer) =>
    importCommand(
      {
        coffer,
        out: io.out,
        isTTY: io.isTTY ?? false,
        stdin: process.stdin,
        ...(io.write ? { write: io.write } : {}),
      },
      args,
    ),
  )
}

async function runDump(io: CliIO, args: string[]): Promise<number> {
  parseArgs({ args, options: {} })
  await withCoffer(io, async (coffer) => {
    // Every org, deleted ones too (their key tombstones and audit trail stay).
    const orgIds = (await listOrgs(coffer.db)).map((org) => org.id)
    for await (const entry of dumpTables(coffer.db, { orgIds })) io.out(JSON.stringify(entry))
  })
  return 0
}

/** serve, init, migrate, version: running and setting up an instance. */
export const INSTANCE_COMMANDS: readonly CliCommand[] = [
  {
    words: ['serve'],
    summary: 'run the HTTP API (COFFER_LISTEN, default 127.0.0.1:8080)',
    run: runServe,
  },
  {
    words: ['init'],
    args: '[--slug <slug>] [--json]',
    summary: 'migrate; create the first org (default "default") and print its owner token once',
    run: runInit,
  },
  {
    words: ['migrate'],
    args: '[--json]',
    summary: 'apply pending database migrations and list each one applied',
    run: runMigrate,
  },
  { words: ['version'], args: '[--json]', summary: 'print the package version', run: runVersion },
]

/** import, dump: data in and out. */
export const DATA_COMMANDS: readonly CliCommand[] = [
  {
    words: ['import'],
    args: '--org <slug> [--file <path>|-] [--batch-size <n>]',
    summary:
      'store NDJSON records and secrets encrypted, 500 lines per transaction;\nresumable through <path>.coffer-import (standard input is not)',
    run: runImport,
  },
  {
    words: ['dump'],
    summary: 'print every row of every table as stored (ciphertext stays ciphertext)',
    run: runDump,
  },
]
