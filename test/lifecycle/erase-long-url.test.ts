// Stops: an erase of 1,000 ids that a real listener refuses (431) because its URL is longer than
// Node's default 16 KiB header limit; inject() skips that limit, so this goes over a socket.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildHttpServer, MAX_HEADER_BYTES } from '../../src/http/http-server.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { contractObserver } from '../support/contract-check.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'

describe('erase of 1,000 ids over a real socket', () => {
  let testDb: TestDatabase
  let http: FastifyInstance
  let org: CreatedOrg
  let url: string

  before(async () => {
    testDb = await DATABASE_TARGETS[0]!.create()
    const coffer = await wireTestCoffer(testDb.db)
    org = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
    http = await buildHttpServer(coffer, { observeResponse: contractObserver() })
    url = await http.listen({ host: '127.0.0.1', port: 0 })
  })
  after(async () => {
    await http.close()
    await testDb.drop()
  })

  const erase = (query: string) =>
    fetch(`${url}/v1/records?${query}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${org.ownerToken}` },
    })

  it('accepts 1,000 ids (about 37 KB of URL) and erases the ones that exist', async () => {
    const stored = await fetch(`${url}/v1/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.ownerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'to erase' }),
    })
    const { id } = (await stored.json()) as { id: string }
    const ids = [id, ...Array.from({ length: 999 }, () => randomUUID())]
    const response = await erase(`ids=${ids.join(',')}`)
    assert.equal(response.status, 200, await response.clone().text())
    assert.deepEqual(await response.json(), { deleted: 1 })
  })

  it('answers 431 to a request line over the limit, and 400 VALIDATION_FAILED to 1,001 ids', async () => {
    assert.equal((await erase(`ids=${'a'.repeat(MAX_HEADER_BYTES)}`)).status, 431)
    const tooMany = await erase(`ids=${Array.from({ length: 1001 }, () => randomUUID()).join(',')}`)
    assert.equal(tooMany.status, 400)
    assert.equal(((await tooMany.json()) as { code: string }).code, 'VALIDATION_FAILED')
  })
})
