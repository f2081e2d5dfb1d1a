// Stops: a secret's envelope opening anywhere but its own org and kind (a stolen-write attacker
// copying ciphertext between rows), and key rotation leaving secrets behind or unreadable.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { DATABASE_TARGETS } from '../support/databases.js'
import { recordCanary } from '../support/leak-canary.js'
import { openSecretsFixture, putSecret, resolveSecret, type SecretsFixture } from './secrets-fixture.js'

function canary(prefix: string): string {
  const value = `${prefix}${randomBytes(24).toString('hex')}`
  recordCanary(value)
  return value
}

for (const target of DATABASE_TARGETS) {
  describe(`secret envelopes are bound to org and kind, and rotate, on ${target.name}`, () => {
    let f: SecretsFixture
    const openai = canary('sk-canary-openai-')
    const anthropic = canary('sk-ant-canary-')
    const ofB = canary('sk-canary-org-b-')

    before(async () => {
      f = await openSecretsFixture(target)
      for (const [token, kind, value] of [
        [f.writer, 'openai_key', openai],
        [f.writer, 'anthropic_key', anthropic],
        [f.orgB.ownerToken, 'openai_key', ofB],
      ] as const) {
        assert.equal((await putSecret(f.http, token, kind, { value })).statusCode, 200)
      }
    })
    after(() => f.close())

    const envelopeOf = async (orgId: string, kind: string) =>
      (
        await f.testDb.db.query<{ value: Uint8Array }>(
          'SELECT value FROM org_secrets WHERE org_id = $1 AND kind = $2',
          [orgId, kind],
        )
      ).rows[0]!.value

    it("an envelope copied to another kind's row fails with DECRYPTION_FAILED", async () => {
      const original = await envelopeOf(f.orgA.orgId, 'anthropic_key')
      // As the table owner: put the openai_key envelope into the anthropic_key row.
      await f.testDb.db.query(
        "UPDATE org_secrets SET value = $2 WHERE org_id = $1 AND kind = 'anthropic_key'",
        [f.orgA.orgId, await envelopeOf(f.orgA.orgId, 'openai_key')],
      )
      const response = await resolveSecret(f.http, f.resolver, 'anthropic_key', 'swap test')
      assert.equal(response.statusCode, 500)
      assert.equal(response.json().code, 'DECRYPTION_FAILED')
      assert.equal(response.body.includes(openai), false)
      await f.testDb.db.query(
        "UPDATE org_secrets SET value = $2 WHERE org_id = $1 AND kind = 'anthropic_key'",
        [f.orgA.orgId, original],
      )
      assert.equal(
        (await resolveSecret(f.http, f.resolver, 'anthropic_key', 'restored')).json().value,
        anthropic,
      )
    })

    it("an envelope copied to another org's row of the same kind fails with DECRYPTION_FAILED", async () => {
      const original = await envelopeOf(f.orgB.orgId, 'openai_key')
      await f.testDb.db.query("UPDATE org_secrets SET value = $2 WHERE org_id = $1 AND kind = 'openai_key'", [
        f.orgB.orgId,
        await envelopeOf(f.orgA.orgId, 'openai_key'),
      ])
      const response = await resolveSecret(f.http, f.orgB.ownerToken, 'openai_key', 'swap test')
      assert.equal(response.json().code, 'DECRYPTION_FAILED')
      assert.equal(response.body.includes(openai), false)
      await f.testDb.db.query("UPDATE org_secrets SET value = $2 WHERE org_id = $1 AND kind = 'openai_key'", [
        f.orgB.orgId,
        original,
      ])
      assert.equal(
        (await resolveSecret(f.http, f.orgB.ownerToken, 'openai_key', 'restored')).json().value,
        ofB,
      )
    })

    it('org key rotation re-encrypts every secret under the new version; resolve still returns it', async () => {
      const before_ = await f.testDb.db.query<{ kind: string; key_version: number; value: Uint8Array }>(
        'SELECT kind, key_version, value FROM org_secrets WHERE org_id = $1 ORDER BY kind',
        [f.orgA.orgId],
      )
      assert.ok(before_.rows.every((row) => row.key_version === 1))
      const job = await f.coffer.rotation.start(f.orgA.orgId, 'test')
      assert.equal(job.targetVersion, 2)
      const result = await f.coffer.rotation.run(f.orgA.orgId)
      assert.deepEqual(result?.retiredVersions, [1])

      const after_ = await f.testDb.db.query<{ kind: string; key_version: number; value: Uint8Array }>(
        'SELECT kind, key_version, value FROM org_secrets WHERE org_id = $1 ORDER BY kind',
        [f.orgA.orgId],
      )
      for (const [i, row] of after_.rows.entries()) {
        assert.equal(row.key_version, 2, `${row.kind} is under the new version`)
        assert.equal(Buffer.from(row.value).readUInt32BE(1), 2, `${row.kind} envelope header names v2`)
        assert.notDeepEqual(Buffer.from(row.value), Buffer.from(before_.rows[i]!.value))
      }
      assert.equal(
        (await resolveSecret(f.http, f.resolver, 'openai_key', 'after rotation')).json().value,
        openai,
      )
      assert.equal(
        (await resolveSecret(f.http, f.resolver, 'anthropic_key', 'after rotation')).json().value,
        anthropic,
      )
      // Org B was not rotated and still reads under its own version 1.
      assert.equal(
        (await resolveSecret(f.http, f.orgB.ownerToken, 'openai_key', 'untouched')).json().value,
        ofB,
      )
    })

    it('a secret written after the rotation is sealed under the new version', async () => {
      const value = canary('sk-canary-late-')
      await putSecret(f.http, f.writer, 'late_key', { value })
      const { rows } = await f.testDb.db.query<{ key_version: number }>(
        "SELECT key_version FROM org_secrets WHERE org_id = $1 AND kind = 'late_key'",
        [f.orgA.orgId],
      )
      assert.equal(rows[0]!.key_version, 2)
      assert.equal((await resolveSecret(f.http, f.resolver, 'late_key', 'late')).json().value, value)
    })

    it('no value reached a log line', () => {
      for (const value of [openai, anthropic, ofB]) assert.equal(f.logs.text().includes(value), false)
    })
  })
}
