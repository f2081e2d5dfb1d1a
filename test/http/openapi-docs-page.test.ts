// Stops: the reference page needing a weaker CSP than it is served with (an inline script, eval,
// a CDN asset), or not rendering the document at all. Loads GET /docs in headless Chromium from a
// server on loopback and fails on any Content Security Policy violation the browser reports.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import type { FastifyInstance } from 'fastify'
import { buildHttpServer } from '../../src/http/http-server.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { skipUnlessInstalled } from '../support/system-packages.js'

const skip = skipUnlessInstalled({
  name: 'chromium',
  install: 'apt-get install chromium',
  commands: ['chromium'],
})

/** One database is enough: the document does not depend on it (PGlite first when both run). */
const TARGET = DATABASE_TARGETS[0]!

describe('the /docs page in a browser', { skip }, () => {
  let testDb: TestDatabase
  let http: FastifyInstance
  let profile: string

  before(async () => {
    testDb = await TARGET.create()
    http = await buildHttpServer(await wireTestCoffer(testDb.db))
    await http.listen({ host: '127.0.0.1', port: 0 })
    profile = mkdtempSync(join(tmpdir(), 'coffer-docs-chromium-'))
  })
  after(async () => {
    await http.close()
    await testDb.drop()
    rmSync(profile, { recursive: true, force: true })
  })

  it('renders every operation under its CSP with no violation', async () => {
    const { port } = http.server.address() as { port: number }
    const { stdout, stderr } = await promisify(execFile)(
      'chromium',
      [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        '--enable-logging=stderr',
        '--v=0',
        '--virtual-time-budget=15000',
        '--dump-dom',
        `http://127.0.0.1:${port}/docs`,
      ],
      { encoding: 'utf8', timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
    )
    const violations = stderr.split('\n').filter((line) => /Content Security Policy/i.test(line))
    assert.deepEqual(violations, [])
    const rendered = new Set(stdout.match(/data-path="[^"]+"/g) ?? [])
    const documented = Object.keys(http.openApiDocument().paths as object).length
    assert.equal(rendered.size, documented, 'Swagger UI shows every path of the document')
    assert.ok(rendered.has('data-path="/v1/records/{id}"'))
  })
})
