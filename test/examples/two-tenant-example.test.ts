// Stops: the example app (and so the README's promises to app developers) rotting unnoticed. Runs
// examples/two-tenant against a real `coffer serve` spawned from the built package, on PGlite and
// on PostgreSQL, and type-checks it against the client's types (no hand-written API types).
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, describe, it } from 'node:test'
import { DATABASE_TARGETS } from '../support/databases.js'
import { recordLogLine, recordSecret } from '../support/leak-canary.js'
import { BIN, startServe, stopServe } from '../support/serve-process.js'

const EXAMPLE = resolve('examples/two-tenant/main.ts')

/** Runs a command to its end; resolves with its exit code and output. */
function runToEnd(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env } })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    child.on('exit', (code) => resolvePromise({ code, out }))
  })
}

describe('examples/two-tenant', () => {
  it('type-checks against coffer/client alone, and so does the README quickstart', () => {
    const tsc = spawnSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', 'examples'], {
      encoding: 'utf8',
    })
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr)
  })

  it('the README quickstart is examples/readme-quickstart.ts, in under 40 lines', () => {
    const readme = readFileSync('README.md', 'utf8')
    const section = readme.slice(readme.indexOf('### TypeScript quickstart for app developers'))
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1]
    assert.ok(block, 'the quickstart has a ts block')
    assert.equal(block, readFileSync('examples/readme-quickstart.ts', 'utf8'))
    const lines = block.split('\n').length - 1
    assert.ok(lines < 40, `${lines} lines`)
  })

  for (const target of DATABASE_TARGETS) {
    describe(`on ${target.name}`, () => {
      const dirs: string[] = []
      after(() => {
        for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
      })

      it('runs every step green against a real coffer serve', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'coffer-example-'))
        dirs.push(dir)
        const database = target.name === 'postgres' ? await target.create() : undefined
        try {
          const env: Record<string, string> = {
            COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
            COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
            COFFER_LOG_LEVEL: 'warn',
            COFFER_LISTEN: '127.0.0.1:0',
            COFFER_METRICS_LISTEN: '127.0.0.1:0',
            ...(database?.url
              ? { COFFER_DATABASE_URL: database.url }
              : { COFFER_DATA_DIR: join(dir, 'data') }),
          }
          // The embedded database admits one process: the operator token is made before serving.
          const created = spawnSync(process.execPath, [BIN, 'operator', 'token', 'create', '--json'], {
            cwd: dir,
            env: { PATH: process.env.PATH ?? '', ...env },
            encoding: 'utf8',
          })
          assert.equal(created.status, 0, created.stderr)
          const operatorToken = (JSON.parse(created.stdout) as { token: string }).token
          recordSecret(operatorToken)
          const server = await startServe(env, dir)
          server.child.stdout.on('data', (chunk: Buffer) => recordLogLine(chunk.toString()))
          server.child.stderr.on('data', (chunk: Buffer) => recordLogLine(chunk.toString()))
          try {
            const result = await runToEnd(['--import', 'tsx', EXAMPLE], {
              COFFER_URL: server.url,
              COFFER_OPERATOR_TOKEN: operatorToken,
            })
            assert.equal(result.code, 0, result.out)
            assert.match(result.out, /two-tenant example: all steps passed/)
            assert.doesNotMatch(result.out, /^failed:/m)
            // Every step printed its line: a step silently skipped would lower the count.
            assert.equal(result.out.match(/^ok - /gm)?.length, 25, result.out)
          } finally {
            await stopServe(server.child)
          }
        } finally {
          await database?.drop()
        }
      })
    })
  }
})
