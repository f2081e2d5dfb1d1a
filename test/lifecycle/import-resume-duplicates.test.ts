// Stops: a backfill that duplicates records when rerun after a failure, loses the lines committed
// before a bad one, stores anything unencrypted, or prints a content or secret value (in progress
// lines or in an error about a bad line).
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { openCoffer } from '../../src/app.js'
import { main } from '../../src/cli/main.js'
import { loadConfig } from '../../src/config/config.js'
import { ensureKeys } from '../../src/config/dev-secrets.js'
import { asOrgId } from '../../src/db/org-id.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { CofferError } from '../../src/errors.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { recordCanary } from '../support/leak-canary.js'

/** Runs a CLI command in-process (not a terminal: plain progress lines); errors are returned, not thrown. */
async function cli(
  env: NodeJS.ProcessEnv,
  ...argv: string[]
): Promise<{ code: number; lines: string[]; error?: CofferError }> {
  const lines: string[] = []
  try {
    const code = await main(argv, { env, out: (line) => lines.push(line), isTTY: false })
    return { code, lines }
  } catch (error) {
    if (!(error instanceof CofferError)) throw error
    return { code: 1, lines, error }
  }
}

const ndjson = (lines: unknown[]) =>
  `${lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')}\n`

for (const target of DATABASE_TARGETS) {
  describe(`coffer import on ${target.name}`, () => {
    let testDb: TestDatabase
    let dir: string
    let env: NodeJS.ProcessEnv
    let orgId: string
    const run = `${Date.now()}`
    const content = (n: number) => `imported-canary-${run}-${n}`
    const secretValue = `sk-import-canary-${run}-0123456789`
    /** Everything that must never be printed. */
    const secrets = [secretValue, ...Array.from({ length: 20 }, (_, n) => content(n))]

    before(async () => {
      for (const value of secrets) recordCanary(value)
      testDb = await target.create()
      dir = mkdtempSync(join(tmpdir(), 'coffer-import-'))
      env = {
        COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
        COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
        COFFER_LOG_LEVEL: 'silent',
        ...(testDb.url ? { COFFER_DATABASE_URL: testDb.url } : { COFFER_DATA_DIR: join(dir, 'data') }),
      }
      if (!testDb.url) await testDb.drop() // PGlite: the CLI opens its own, in the data dir
      const created = await cli(env, 'org', 'create', 'acme', '--json')
      assert.equal(created.code, 0)
      orgId = JSON.parse(created.lines[0]!).org_id
      assert.equal((await cli(env, 'org', 'create', 'globex')).code, 0)
    })
    after(async () => {
      if (testDb.url) await testDb.drop()
      rmSync(dir, { recursive: true, force: true })
    })

    /** The org's records (decrypted content, entities, expiry) and secrets, read back through the services. */
    async function stored(): Promise<{
      records: {
        content: string
        entities: string[]
        metadata: unknown
        expires: boolean
        namespace: string
      }[]
      secrets: { kind: string; last4: string | null }[]
      ciphertextHoldsPlaintext: boolean
    }> {
      const coffer = await openCoffer(ensureKeys(loadConfig(env)).config)
      try {
        return await withTenant(coffer.db, asOrgId(orgId), async (sql) => {
          const records = []
          let afterId: string | undefined
          for (;;) {
            const page = await coffer.records.list(sql, { limit: 100, afterId })
            for (const item of page.items) {
              const view = await coffer.records.get(sql, item.id)
              records.push({
                content: view.content,
                entities: view.entities,
                metadata: view.metadata,
                expires: view.expires_at !== null,
                namespace: view.namespace,
              })
            }
            if (!page.next_cursor) break
            afterId = page.next_cursor
          }
          const { rows } = await sql.query<{ content: Uint8Array }>(
            'SELECT content FROM records WHERE org_id = $1',
            [sql.orgId],
          )
          const ciphertextHoldsPlaintext = rows.some((row) =>
            Buffer.from(row.content).includes(`imported-canary-${run}`),
          )
          const secretsPage = await coffer.secrets.list(sql, { limit: 100 })
          return {
            records,
            secrets: secretsPage.items.map((s) => ({ kind: s.kind, last4: s.last4 })),
            ciphertextHoldsPlaintext,
          }
        })
      } finally {
        await coffer.close()
      }
    }

    function assertPrintsNothingSecret(output: string[], error?: CofferError) {
      const text = [...output, error?.message ?? ''].join('\n')
      for (const value of secrets) assert.equal(text.includes(value), false, 'a content or value was printed')
    }

    it('imports records and secrets encrypted; a bad line stops it after committing every line before; a rerun resumes without duplicates', async () => {
      const file = join(dir, 'backfill.ndjson')
      const good = (n: number, extra: Record<string, unknown> = {}) => ({
        kind: 'record',
        namespace: 'crm',
        type: 'note',
        content: content(n),
        ...extra,
      })
      const lines: unknown[] = [
        good(1, { entities: ['Ada Lovelace'], metadata: { source: 'legacy' } }),
        good(2, { ttl_seconds: 3600, id: 'legacy-2' }),
        good(3),
        good(4),
        good(5),
        { kind: 'secret', secret_kind: 'openai_key', value: secretValue },
        '',
        good(8),
        { kind: 'record', content: 12345, metadata: { note: content(9) } }, // line 9: bad
        good(10),
        good(11),
      ]
      writeFileSync(file, ndjson(lines))
      const first = await cli(env, 'import', '--org', 'acme', '--file', file, '--batch-size', '3')
      assert.equal(first.error?.code, 'VALIDATION_FAILED')
      assert.match(first.error!.message, /^line 9: content: /)
      assertPrintsNothingSecret(first.lines, first.error)
      const afterFailure = await stored()
      assert.deepEqual(
        afterFailure.records.map((r) => r.content).sort(),
        [1, 2, 3, 4, 5, 8].map(content).sort(),
        'every line before the bad one is committed, the batch in progress too',
      )
      assert.deepEqual(afterFailure.secrets, [{ kind: 'openai_key', last4: secretValue.slice(-4) }])
      assert.equal(afterFailure.ciphertextHoldsPlaintext, false)
      const ada = afterFailure.records.find((r) => r.content === content(1))!
      assert.deepEqual(ada.entities, ['Ada Lovelace'])
      assert.deepEqual(ada.metadata, { source: 'legacy' })
      assert.equal(afterFailure.records.find((r) => r.content === content(2))!.expires, true)

      lines[8] = good(9)
      writeFileSync(file, ndjson(lines))
      const second = await cli(env, 'import', '--org', 'acme', '--file', file, '--batch-size', '3')
      assert.equal(second.code, 0, second.error?.message)
      assert.ok(second.lines.some((line) => line.includes('lines 1-8 were already imported')))
      assert.ok(second.lines.some((line) => /3 records and 0 secrets stored in acme/.test(line)))
      assertPrintsNothingSecret(second.lines)
      const resumed = await stored()
      assert.deepEqual(
        resumed.records.map((r) => r.content).sort(),
        [1, 2, 3, 4, 5, 8, 9, 10, 11].map(content).sort(),
        'no duplicates',
      )

      const third = await cli(env, 'import', '--org', 'acme', '--file', file)
      assert.equal(third.code, 0)
      assert.ok(third.lines.some((line) => /0 records and 0 secrets/.test(line)))
      assert.equal((await stored()).records.length, 9)

      const otherOrg = await cli(env, 'import', '--org', 'globex', '--file', file)
      assert.equal(otherOrg.error?.code, 'VALIDATION_FAILED')
      assert.match(otherOrg.error!.message, /another org/)
      assert.equal(JSON.parse(readFileSync(`${file}.coffer-import`, 'utf8')).org_id, orgId)
    })

    it('a line the store refuses inside a batch: the lines before it are committed, the error names line and field', async () => {
      const file = join(dir, 'entities.ndjson')
      const lines: unknown[] = [
        { kind: 'record', content: content(12) },
        { kind: 'record', content: content(13) },
        { kind: 'record', content: content(14), entities: ['   '] }, // blank once normalised
        { kind: 'record', content: content(15) },
      ]
      writeFileSync(file, ndjson(lines))
      const failed = await cli(env, 'import', '--org', 'acme', '--file', file)
      assert.equal(failed.error?.code, 'VALIDATION_FAILED')
      assert.match(failed.error!.message, /^line 3: entities: /)
      let contents = (await stored()).records.map((r) => r.content)
      assert.ok(contents.includes(content(13)))
      assert.equal(contents.includes(content(14)), false)

      lines[2] = { kind: 'record', content: content(14), entities: ['Grace Hopper'] }
      writeFileSync(file, ndjson(lines))
      assert.equal((await cli(env, 'import', '--org', 'acme', '--file', file)).code, 0)
      contents = (await stored()).records.map((r) => r.content)
      for (const n of [12, 13, 14, 15]) assert.equal(contents.filter((c) => c === content(n)).length, 1)
    })

    it('names the line and field of malformed input, never echoing it', async () => {
      const file = join(dir, 'bad.ndjson')
      const cases: [string, RegExp][] = [
        [`{"kind":"record","content":"${content(16)}"`, /^line 1: not valid JSON$/],
        [
          JSON.stringify({ kind: 'secret', secret_kind: 'Bad Kind', value: secretValue }),
          /^line 1: secret_kind: /,
        ],
        [JSON.stringify({ kind: 'secret', secret_kind: 'openai_key', value: '' }), /^line 1: value: /],
        [JSON.stringify({ kind: 'record', content: content(17), ttl_seconds: -1 }), /^line 1: ttl_seconds: /],
        [JSON.stringify({ kind: 'record', content: content(18), [content(19)]: 1 }), /^line 1: /],
        [JSON.stringify({ kind: 'memo', content: content(18) }), /^line 1: kind: /],
      ]
      for (const [line, message] of cases) {
        writeFileSync(file, `${line}\n`)
        rmSync(`${file}.coffer-import`, { force: true })
        const result = await cli(env, 'import', '--org', 'acme', '--file', file)
        assert.equal(result.error?.code, 'VALIDATION_FAILED', line.slice(0, 20))
        assert.match(result.error!.message, message)
        assertPrintsNothingSecret(result.lines, result.error)
      }
      const missing = await cli(env, 'import', '--org', 'acme', '--file', join(dir, 'nope.ndjson'))
      assert.equal(missing.error?.code, 'VALIDATION_FAILED')
      const noOrg = await cli(env, 'import', '--file', file)
      assert.equal(noOrg.error?.code, 'VALIDATION_FAILED')
    })
  })
}
