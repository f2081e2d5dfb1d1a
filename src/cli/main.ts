import { parseArgs } from 'node:util'
import { type Coffer, openCoffer } from '../app.js'
import { loadConfig } from '../config/config.js'
import { ensureKeys } from '../config/dev-secrets.js'
import { dumpTables } from '../db/dump.js'
import { withTenant } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { startServer } from '../server.js'
import { createOrg, findOrgBySlug, listOrgs } from '../tenancy/orgs.js'

const USAGE = `Usage: coffer <command>

  serve                         run the HTTP API (COFFER_LISTEN, default 127.0.0.1:8080)
  init [--slug <slug>]          migrate; create the first org (default "default") and print its owner token once
  migrate                       apply pending database migrations
  org create <slug> [--name <name>] [--json]
                                create an org; prints its owner token once (--json: {"org_id","token"})
  org list [--json]             list orgs
  audit verify [--org <slug>]   recompute audit hash chains; exit 1 naming the first bad entry
  dump                          print every row of every table as stored (ciphertext stays ciphertext)

Every command reads the same environment as the server (see README).`

const ACTOR = 'cli'

async function withCoffer<T>(fn: (coffer: Coffer) => Promise<T>): Promise<T> {
  const { config } = ensureKeys(loadConfig())
  const coffer = await openCoffer(config)
  try {
    return await fn(coffer)
  } finally {
    await coffer.close()
  }
}

function print(line: string): void {
  process.stdout.write(`${line}\n`)
}

async function runServe(): Promise<void> {
  const server = await startServer()
  const stop = async () => {
    await server.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

async function runOrgCreate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, json: { type: 'boolean', default: false } },
  })
  const slug = positionals[0]
  if (!slug) throw new CofferError('VALIDATION_FAILED', 'org create needs a <slug>')
  const org = await withCoffer((coffer) =>
    createOrg(coffer, { slug, actor: ACTOR, ...(values.name ? { name: values.name } : {}) }),
  )
  if (values.json) {
    print(JSON.stringify({ org_id: org.orgId, token: org.ownerToken }))
  } else {
    print(`Created org ${org.slug} (${org.orgId}). Owner token, shown once:`)
    print(`  ${org.ownerToken}`)
  }
  return 0
}

async function runInit(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { slug: { type: 'string', default: 'default' } } })
  return withCoffer(async (coffer) => {
    if ((await listOrgs(coffer.db)).length > 0) {
      print('Already initialised: migrations are current and orgs exist. Use `coffer org create <slug>`.')
      return 0
    }
    const org = await createOrg(coffer, { slug: values.slug, actor: ACTOR })
    print(`Initialised. Created org ${org.slug} (${org.orgId}). Owner token, shown once:`)
    print(`  ${org.ownerToken}`)
    return 0
  })
}

async function runAuditVerify(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { org: { type: 'string' } } })
  return withCoffer(async (coffer) => {
    const orgs = values.org ? [await findOrgBySlug(coffer.db, values.org)] : await listOrgs(coffer.db)
    let failed = 0
    for (const org of orgs) {
      const result = await withTenant(coffer.db, org.id, (sql) => coffer.audit.verify(sql))
      if (result.ok) {
        print(`ok    ${org.slug}: ${result.entries} entries`)
      } else {
        failed++
        print(
          `FAIL  ${org.slug}: entry seq ${result.firstBadSeq} (${result.reason}); ${result.entries} entries before it verify`,
        )
      }
    }
    return failed === 0 ? 0 : 1
  })
}

async function runOrgList(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const orgs = await withCoffer((coffer) => listOrgs(coffer.db))
  if (values.json) print(JSON.stringify(orgs))
  else
    for (const org of orgs)
      print(`${org.slug}\t${org.id}\t${org.plan}${org.suspendedAt ? '\tsuspended' : ''}`)
  return 0
}

async function runDump(): Promise<number> {
  await withCoffer(async (coffer) => {
    for await (const entry of dumpTables(coffer.db)) print(JSON.stringify(entry))
  })
  return 0
}

/** Runs one CLI command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv
  switch (command) {
    case 'serve':
      await runServe()
      return -1
    case 'init':
      return runInit(argv.slice(1))
    case 'migrate':
      await withCoffer(async () => print('Migrations are current.'))
      return 0
    case 'org':
      if (sub === 'create') return runOrgCreate(rest)
      if (sub === 'list') return runOrgList(rest)
      break
    case 'audit':
      if (sub === 'verify') return runAuditVerify(rest)
      break
    case 'dump':
      return runDump()
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      print(USAGE)
      return 0
  }
  process.stderr.write(`unknown command: ${argv.join(' ')}\n\n${USAGE}\n`)
  return 2
}
