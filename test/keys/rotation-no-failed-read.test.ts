import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import type { KeyedConfig } from '../../src/config/dev-secrets.js'
import type { OrgId } from '../../src/db/org-id.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { createOrg } from '../../src/tenancy/orgs.js'
import { testConfig, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'

const RECORDS = 240
const BATCH = 10

async function seedRecords(coffer: Coffer, orgId: OrgId, count: number): Promise<Map<string, string>> {
  const contents = new Map<string, string>()
  for (let i = 0; i < count; i += 40) {
    await withTenant(coffer.db, orgId, async (sql) => {
      for (let j = i; j < Math.min(count, i + 40); j++) {
        const content = `record ${j} of ${orgId}`
        const stored = await coffer.records.store(sql, 'test', {
          namespace: 'default',
          type: 'note',
          content,
          ...(j % 3 === 0 ? {} : { metadata: { j } }),
        })
        contents.set(stored.id, content)
      }
    })
  }
  return contents
}

/** Readers and a writer that run until told to stop, counting every failure (bounded loops). */
function startTraffic(coffer: Coffer, orgId: OrgId, contents: Map<string, string>) {
  const ids = [...contents.keys()]
  const stats = {
    reads: 0,
    readsDuringRotation: 0,
    rotating: false,
    failedReads: [] as string[],
    writes: 0,
    failedWrites: [] as string[],
  }
  let stopped = false
  const reader = async () => {
    for (let i = 0; i < 20_000 && !stopped; i++) {
      const id = ids[(i * 7919 + stats.reads) % ids.length]!
      try {
        const record = await withTenant(coffer.db, orgId, (sql) => coffer.records.get(sql, id))
        if (record.content !== contents.get(id)) stats.failedReads.push(`${id}: wrong content`)
        stats.reads++
        if (stats.rotating) stats.readsDuringRotation++
      } catch (error) {
        stats.failedReads.push(`${id}: ${(error as Error).message}`)
      }
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  const writer = async () => {
    for (let i = 0; i < 2_000 && !stopped; i++) {
      try {
        const content = `written during rotation ${i}`
        const stored = await withTenant(coffer.db, orgId, (sql) =>
          coffer.records.store(sql, 'test', { namespace: 'default', type: 'note', content }),
        )
        contents.set(stored.id, content)
        stats.writes++
      } catch (error) {
        stats.failedWrites.push((error as Error).message)
      }
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }
  const running = Promise.all([reader(), reader(), reader(), writer()])
  return {
    stats,
    async stop() {
      stopped = true
      await running
    },
  }
}

async function versionsAndEnvelopes(coffer: Coffer, orgId: OrgId) {
  return withTenant(coffer.db, orgId, async (sql) => ({
    versions: (await coffer.keyring.versions(sql)).map((v) => [v.version, v.state]),
    envelopes: Object.fromEntries(await coffer.rotation.envelopesPerVersion(sql)),
  }))
}

for (const target of DATABASE_TARGETS) {
  describe(`org key rotation with no failed read on ${target.name}`, () => {
    let testDb: TestDatabase
    let config: KeyedConfig
    let coffer: Coffer

    before(async () => {
      testDb = await target.create()
      config = testConfig({ rotationBatchSize: BATCH })
      coffer = await wireTestCoffer(testDb.db, { config })
    })
    after(async () => {
      await testDb.drop()
    })

    it('readers and writers see no failure while a rotation is crashed mid-batch and resumed', async () => {
      const { orgId } = await createOrg(coffer, { slug: 'rotating', actor: 'test' })
      const contents = await seedRecords(coffer, orgId, RECORDS)
      const traffic = startTraffic(coffer, orgId, contents)
      for (let i = 0; i < 1000 && traffic.stats.reads < 10; i++) await new Promise((r) => setTimeout(r, 5))
      traffic.stats.rotating = true

      const job = await coffer.rotation.start(orgId, 'test')
      assert.equal(job.targetVersion, 2)
      // Crash inside the third batch's transaction, after its rows were re-encrypted: it rolls back.
      const crash = new Error('killed mid-batch')
      await assert.rejects(
        coffer.rotation.run(orgId, {
          beforeCommit: (batch) => {
            if (batch === 2) throw crash
          },
        }),
        (error) => error === crash,
      )
      const afterCrash = await coffer.rotation.runningJob(orgId)
      assert.ok(afterCrash, 'the job is still running after the crash')
      assert.equal(afterCrash.envelopesDone > 0, true, 'the committed batches are recorded')

      // A fresh instance (cold cache, as after a restart) resumes from the recorded cursor.
      const restarted = await wireTestCoffer(testDb.db, { config })
      const result = await restarted.rotation.run(orgId)
      traffic.stats.rotating = false
      await traffic.stop()

      assert.deepEqual(traffic.stats.failedReads, [], 'zero failed reads')
      assert.deepEqual(traffic.stats.failedWrites, [], 'zero failed writes')
      assert.ok(
        traffic.stats.readsDuringRotation > 0,
        `reads ran during the rotation (${traffic.stats.readsDuringRotation})`,
      )
      assert.ok(traffic.stats.writes > 0, 'writes ran during the rotation')
      assert.ok(result)
      assert.deepEqual(result.retiredVersions, [1])
      const state = await versionsAndEnvelopes(coffer, orgId)
      assert.deepEqual(state.versions, [
        [1, 'retired'],
        [2, 'active'],
      ])
      assert.deepEqual(Object.keys(state.envelopes), ['2'], 'zero envelopes left on version 1')
      for (const [id, content] of contents) {
        const record = await withTenant(restarted.db, orgId, (sql) => restarted.records.get(sql, id))
        assert.equal(record.content, content)
      }
      const audit = await testDb.db.query<{ action: string }>(
        "SELECT action FROM audit_log WHERE org_id = $1 AND action LIKE 'key.%' ORDER BY seq",
        [orgId],
      )
      assert.deepEqual(
        audit.rows.map((r) => r.action),
        ['key.rotated', 'key.rotation_completed'],
      )
      assert.equal((await withTenant(coffer.db, orgId, (sql) => coffer.audit.verify(sql))).ok, true)
    })

    it('a second rotation moves every envelope on again, and `start` resumes a running job instead of stacking', async () => {
      const { orgId } = await createOrg(coffer, { slug: 'twice', actor: 'test' })
      await seedRecords(coffer, orgId, 30)
      const first = await coffer.rotation.start(orgId, 'test')
      const again = await coffer.rotation.start(orgId, 'test')
      assert.equal(again.id, first.id, 'no second job while one runs')
      await coffer.rotation.run(orgId)
      await coffer.rotation.start(orgId, 'test')
      await coffer.rotation.run(orgId)
      const state = await versionsAndEnvelopes(coffer, orgId)
      assert.deepEqual(state.versions, [
        [1, 'retired'],
        [2, 'retired'],
        [3, 'active'],
      ])
      assert.deepEqual(Object.keys(state.envelopes), ['3'])
    })

    it("one org's rotation leaves other orgs' keys and envelopes alone", async () => {
      const a = await createOrg(coffer, { slug: 'rot-a', actor: 'test' })
      const b = await createOrg(coffer, { slug: 'rot-b', actor: 'test' })
      await seedRecords(coffer, a.orgId, 10)
      await seedRecords(coffer, b.orgId, 10)
      await coffer.rotation.start(a.orgId, 'test')
      await coffer.rotation.run(a.orgId)
      assert.deepEqual(await versionsAndEnvelopes(coffer, b.orgId), {
        versions: [[1, 'active']],
        envelopes: { 1: 16 },
      })
    })

    if (target.name === 'postgres') {
      it('a job process killed with SIGKILL mid-rotation is resumed by another to zero envelopes left', async () => {
        const { orgId } = await createOrg(coffer, { slug: 'sigkill', actor: 'test' })
        await seedRecords(coffer, orgId, RECORDS)
        await coffer.rotation.start(orgId, 'test')
        const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/rotation-child.ts', orgId], {
          env: {
            ...process.env,
            COFFER_DATABASE_URL: testDb.url!,
            COFFER_MASTER_KEY: config.masterKey!.toString('base64'),
            COFFER_TOKEN_SECRET: config.tokenSecret.toString('base64'),
            COFFER_ROTATION_BATCH_SIZE: String(BATCH),
            COFFER_LOG_LEVEL: 'silent',
          },
        })
        let output = ''
        const killed = await new Promise<boolean>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`child made no progress: ${output}`)), 60_000)
          child.stdout.on('data', (chunk: Buffer) => {
            output += chunk.toString()
            if ((output.match(/^batch /gm) ?? []).length >= 3 && child.exitCode === null) {
              clearTimeout(timer)
              child.kill('SIGKILL')
              resolve(true)
            }
          })
          child.on('exit', () => {
            clearTimeout(timer)
            resolve(false)
          })
        })
        assert.equal(killed, true, `the child was killed mid-job (output: ${output})`)
        assert.doesNotMatch(output, /done/)
        const job = await coffer.rotation.runningJob(orgId)
        assert.ok(job, 'the job survived the kill')
        const left = (await coffer.rotation.progress(orgId)).envelopesLeft
        assert.ok(left > 0, 'work was left when the job died')
        await coffer.rotation.run(orgId)
        const state = await versionsAndEnvelopes(coffer, orgId)
        assert.deepEqual(Object.keys(state.envelopes), ['2'])
        assert.deepEqual(state.versions, [
          [1, 'retired'],
          [2, 'active'],
        ])
      })
    }
  })
}
