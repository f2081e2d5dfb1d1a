// Stops: checkpoints that never leave the database they certify. Each signed checkpoint reaches
// the org's webhook receiver as `audit.checkpoint` (the note as is, verifiable with the org's
// checkpoint key) and, with COFFER_AUDIT_CHECKPOINT_DIR, a file per tree size; another org's
// checkpoints reach neither this org's receiver nor its directory.
import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { openNote, parseVerifierKey } from '../../src/crypto/signed-note.js'
import { parseCheckpoint } from '../../src/crypto/tlog-checkpoint.js'
import { withTenant } from '../../src/db/tenant-door.js'
import type { CreatedOrg } from '../../src/tenancy/orgs.js'
import { DATABASE_TARGETS } from '../support/databases.js'
import { call } from '../support/http.js'
import {
  createEndpoint,
  openWebhooksFixture,
  Receiver,
  type WebhooksFixture,
} from '../webhooks/webhooks-fixture.js'

for (const target of DATABASE_TARGETS) {
  describe(`checkpoints leave the database on ${target.name}`, () => {
    let f: WebhooksFixture
    let dir: string
    const receiver = new Receiver()

    const append = (org: CreatedOrg, n: number) =>
      withTenant(f.coffer.db, org.orgId, async (sql) => {
        for (let i = 0; i < n; i++)
          await f.coffer.audit.append(sql, { actor: 'test', action: 'probe', resource: `n:${i}` })
      })

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'coffer-checkpoints-'))
      await receiver.start()
      f = await openWebhooksFixture(target, { requirePublicTargets: false, auditCheckpointDir: dir })
      await createEndpoint(f.http, f.orgA, { url: receiver.url, event_types: ['audit.checkpoint'] })
    })
    after(async () => {
      await f.close()
      await receiver.stop()
      rmSync(dir, { recursive: true, force: true })
    })

    it('each new checkpoint is an audit.checkpoint delivery and a file, both the signed note as is', async () => {
      await append(f.orgA, 3)
      await f.coffer.auditSequencer.sequenceOrg(f.orgA.orgId)
      const first = (await call(f.http, f.orgA.ownerToken, 'GET', '/v1/audit/checkpoint')).body
      await append(f.orgA, 2)
      await f.coffer.auditSequencer.sequenceOrg(f.orgA.orgId)
      const second = (await call(f.http, f.orgA.ownerToken, 'GET', '/v1/audit/checkpoint')).body
      assert.notEqual(first, second)
      // Org B's log grows too: none of it may reach org A's receiver or directory.
      await append(f.orgB, 4)
      await f.coffer.auditSequencer.sequenceOrg(f.orgB.orgId)

      await f.worker.deliverOnce()
      const events = receiver.received.map((request) => JSON.parse(request.body))
      assert.deepEqual(
        events.map((event) => event.type),
        ['audit.checkpoint', 'audit.checkpoint'],
      )
      const notes = events.map((event) => event.data.note as string)
      assert.deepEqual(notes, [first, second])
      const key = (await call(f.http, f.orgA.ownerToken, 'GET', '/v1/audit/checkpoint-key')).body.trim()
      const verifier = parseVerifierKey(key)
      assert.ok(verifier)
      for (const [i, event] of events.entries()) {
        const opened = openNote(event.data.note, [verifier])
        assert.ok(opened.ok, 'the delivered note verifies with the org checkpoint key')
        const body = parseCheckpoint(opened.text)
        assert.equal(body?.treeSize, event.data.tree_size)
        assert.equal(event.data.id, `checkpoint:${event.data.tree_size}`)
        assert.ok(body?.origin.endsWith(`/${f.orgA.orgId}`), `event ${i} names org A's log`)
      }

      const orgDir = join(dir, f.orgA.orgId)
      const files = readdirSync(orgDir).sort()
      assert.deepEqual(
        files,
        events.map((event) => `${String(event.data.tree_size).padStart(20, '0')}.checkpoint`),
      )
      assert.deepEqual(
        files.map((file) => readFileSync(join(orgDir, file), 'utf8')),
        [first, second],
      )
      assert.deepEqual(readdirSync(dir).sort(), [f.orgA.orgId, f.orgB.orgId].sort())
      const bFiles = readdirSync(join(dir, f.orgB.orgId))
      assert.equal(bFiles.length, 1)
      assert.ok(!readFileSync(join(dir, f.orgB.orgId, bFiles[0]!), 'utf8').includes(f.orgA.orgId))
    })

    it('a pass with nothing new signs, sends and writes nothing', async () => {
      const delivered = receiver.received.length
      const files = readdirSync(join(dir, f.orgA.orgId)).length
      assert.equal(await f.coffer.auditSequencer.sequenceOrg(f.orgA.orgId), 0)
      await f.worker.deliverOnce()
      assert.equal(receiver.received.length, delivered)
      assert.equal(readdirSync(join(dir, f.orgA.orgId)).length, files)
    })
  })
}
