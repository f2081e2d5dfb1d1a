// Stops: checkpoints that only Coffer's own code accepts. An independent signed-note verifier,
// written here from the C2SP signed-note and tlog-checkpoint texts (not the code under test),
// checks Coffer's checkpoint and refuses one signed by another key; the proofs the API serves
// verify against that checkpoint's root; narrow tokens and other orgs never reach the trail.
import assert from 'node:assert/strict'
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { verifyConsistency, verifyInclusion } from '../../src/crypto/merkle-tree.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'

/**
 * From https://c2sp.org/signed-note: text ending in newline, a blank line, then lines
 * "— <name> base64(4-byte key ID ‖ signature)"; key ID = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4];
 * verifier key "<name>+<8 hex key ID>+base64(0x01 ‖ key)". Returns the text when a signature of
 * the given key verifies.
 */
function independentVerify(note: string, verifierKey: string): string | undefined {
  const [name, hexId, keyB64] = [
    verifierKey.slice(0, verifierKey.indexOf('+')),
    verifierKey.split('+')[1]!,
    verifierKey.slice(verifierKey.indexOf('+', verifierKey.indexOf('+') + 1) + 1),
  ]
  const keyBytes = Buffer.from(keyB64, 'base64')
  if (keyBytes[0] !== 0x01 || keyBytes.length !== 33) return undefined
  const raw = keyBytes.subarray(1)
  const id = createHash('sha256')
    .update(`${name}\n`)
    .update(Buffer.of(0x01))
    .update(raw)
    .digest()
    .subarray(0, 4)
  if (id.toString('hex') !== hexId) return undefined
  const cut = note.lastIndexOf('\n\n')
  const text = note.slice(0, cut + 1)
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  })
  for (const line of note
    .slice(cut + 2)
    .split('\n')
    .filter(Boolean)) {
    const match = /^\u2014 (\S+) (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const blob = Buffer.from(match[2]!, 'base64')
    if (!blob.subarray(0, 4).equals(id)) continue
    if (verify(null, Buffer.from(text), publicKey, blob.subarray(4))) return text
  }
  return undefined
}

for (const target of DATABASE_TARGETS) {
  describe(`checkpoints against an independent signed-note verifier on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let owner: string
    let orgId: string
    let otherOwner: string

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      http = (await buildTestServer(coffer)).http
      const org = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      owner = org.ownerToken
      orgId = org.orgId
      for (let i = 0; i < 5; i++)
        await withTenant(coffer.db, org.orgId, (sql) =>
          coffer.audit.append(sql, { actor: 'test', action: 'probe', resource: `n:${i}` }),
        )
      await coffer.auditSequencer.sequenceOrg(org.orgId)
      for (let i = 5; i < 9; i++)
        await withTenant(coffer.db, org.orgId, (sql) =>
          coffer.audit.append(sql, { actor: 'test', action: 'probe', resource: `n:${i}` }),
        )
      await coffer.auditSequencer.sequenceOrg(org.orgId)
      const other = await createOrg(coffer, { slug: 'org-b', actor: 'test' })
      otherOwner = other.ownerToken
      await coffer.auditSequencer.sequenceOrg(other.orgId)
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    it("Coffer's checkpoint verifies with the independent verifier and reads as a C2SP checkpoint", async () => {
      const key = (await call(http, owner, 'GET', '/v1/audit/checkpoint-key')).body.trim()
      const response = await call(http, owner, 'GET', '/v1/audit/checkpoint')
      assert.equal(response.statusCode, 200)
      assert.match(String(response.headers['content-type']), /^text\/plain/)
      const text = independentVerify(response.body, key)
      assert.ok(text, 'signature verifies')
      const [origin, size, root, ...rest] = text.split('\n')
      assert.equal(origin, `coffer.local/audit/${orgId}`)
      assert.equal(size, '11')
      assert.equal(Buffer.from(root!, 'base64').length, 32)
      assert.deepEqual(rest, [''])
      assert.equal(key.split('+')[0], origin, 'the key name is the origin')
    })

    it('a checkpoint signed by another key under the same name is refused', async () => {
      const key = (await call(http, owner, 'GET', '/v1/audit/checkpoint-key')).body.trim()
      const note = (await call(http, owner, 'GET', '/v1/audit/checkpoint')).body
      const text = note.slice(0, note.lastIndexOf('\n\n') + 1)
      const name = key.split('+')[0]!
      const { privateKey, publicKey } = generateKeyPairSync('ed25519')
      const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')
      const id = createHash('sha256')
        .update(`${name}\n`)
        .update(Buffer.of(1))
        .update(raw)
        .digest()
        .subarray(0, 4)
      const forged = `${text}\n\u2014 ${name} ${Buffer.concat([id, sign(null, Buffer.from(text), privateKey)]).toString('base64')}\n`
      assert.equal(independentVerify(forged, key), undefined)
      // The same key ID with a signature by the other key: refused too.
      const realId = Buffer.from(key.split('+')[1]!, 'hex')
      const spoofed = `${text}\n\u2014 ${name} ${Buffer.concat([realId, sign(null, Buffer.from(text), privateKey)]).toString('base64')}\n`
      assert.equal(independentVerify(spoofed, key), undefined)
    })

    it('inclusion and consistency proofs from the API verify against the signed roots', async () => {
      const note = (await call(http, owner, 'GET', '/v1/audit/checkpoint')).body
      const root = Buffer.from(note.split('\n')[2]!, 'base64')
      const list = (await call(http, owner, 'GET', '/v1/audit?limit=20')).json()
      assert.equal(list.items.length, 11)
      assert.deepEqual(
        list.items.map((item: { seq: number }) => item.seq),
        [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
      )
      for (const item of list.items) {
        const proof = (await call(http, owner, 'GET', `/v1/audit/proof/inclusion?seq=${item.seq}`)).json()
        assert.equal(proof.tree_size, 11)
        assert.ok(
          verifyInclusion(
            proof.leaf_index,
            11,
            Buffer.from(item.leaf_hash, 'base64'),
            proof.proof.map((p: string) => Buffer.from(p, 'base64')),
            root,
          ),
          `seq ${item.seq}`,
        )
      }
      const first = (await call(http, owner, 'GET', '/v1/audit?limit=1&cursor=8')).json()
      assert.equal(first.items[0].seq, 7)
      assert.equal(first.next_cursor, '7')
      const exported = (await call(http, owner, 'GET', '/v1/audit/export')).body
      assert.ok(exported.includes('"type":"checkpoint"'))
      const { rows } = await testDb.db.query<{ root_hash: Buffer }>(
        'SELECT root_hash FROM audit_checkpoints WHERE org_id = $1 AND tree_size = 7',
        [orgId],
      )
      const consistency = (await call(http, owner, 'GET', '/v1/audit/proof/consistency?from=7&to=11')).json()
      assert.equal(consistency.from, 7)
      assert.ok(
        verifyConsistency(
          7,
          11,
          Buffer.from(rows[0]!.root_hash),
          root,
          consistency.proof.map((p: string) => Buffer.from(p, 'base64')),
        ),
      )
    })

    it('tokens without audit:read, or narrowed to a namespace or an agent, are refused; another org sees only its own log', async () => {
      const make = async (body: Record<string, unknown>) =>
        (await call(http, owner, 'POST', '/v1/tokens', { name: 't', ...body })).json().token as string
      const reader = await make({ scopes: ['records:read'] })
      const narrow = await make({ scopes: ['audit:read'], namespace: 'default' })
      const agent = await make({ scopes: ['audit:read'], agent: 'bot-1' })
      const auditor = await make({ scopes: ['audit:read'] })
      for (const token of [reader, narrow, agent]) {
        for (const url of [
          '/v1/audit',
          '/v1/audit/checkpoint',
          '/v1/audit/export',
          '/v1/audit/proof/inclusion?seq=1',
        ]) {
          const response = await call(http, token, 'GET', url)
          assert.equal(response.statusCode, 403, url)
          assert.equal(response.json().code, 'INSUFFICIENT_SCOPE', url)
        }
      }
      assert.equal((await call(http, auditor, 'GET', '/v1/audit')).statusCode, 200)
      const theirs = (await call(http, otherOwner, 'GET', '/v1/audit?limit=100')).json()
      assert.ok(theirs.items.every((item: { resource: string }) => !item.resource.startsWith('n:')))
      assert.ok(
        (await call(http, otherOwner, 'GET', '/v1/audit/checkpoint')).body.startsWith('coffer.local/audit/'),
      )
      assert.ok(!(await call(http, otherOwner, 'GET', '/v1/audit/checkpoint')).body.includes(orgId))
      const beyond = await call(http, otherOwner, 'GET', '/v1/audit/proof/inclusion?seq=11')
      assert.equal(beyond.json().code, 'VALIDATION_FAILED')
    })
  })
}
