// Stops: a connector flow that a forged, replayed, expired or foreign `state` can finish; tokens
// that reach an answer, a log or a column in plaintext; a credential another org can read.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { withTenant } from '../../src/db/tenant-door.js'
import { DATABASE_TARGETS } from '../support/databases.js'
import { call } from '../support/http.js'
import {
  type ConnectorsFixture,
  openConnectorsFixture,
  PROVIDER,
  REDIRECT_URL,
  resolveAccessToken,
} from './connectors-fixture.js'

for (const target of DATABASE_TARGETS) {
  describe(`OAuth connector authorization on ${target.name}`, () => {
    let f: ConnectorsFixture
    before(async () => {
      f = await openConnectorsFixture(target)
    })
    after(() => f.close())

    it('authorize answers a URL with PKCE S256 and a state; the callback stores the tokens, shown as last4 and expiry only', async () => {
      const started = await call(f.http, f.orgA.ownerToken, 'POST', `/v1/connectors/${PROVIDER}/authorize`)
      assert.equal(started.statusCode, 200, started.body)
      const url = new URL(started.json().authorization_url)
      assert.equal(`${url.origin}${url.pathname}`, f.oauth.authorizationEndpoint)
      assert.equal(url.searchParams.get('code_challenge_method'), 'S256')
      assert.match(url.searchParams.get('code_challenge')!, /^[A-Za-z0-9_-]{43}$/)
      assert.equal(url.searchParams.get('redirect_uri'), REDIRECT_URL)
      assert.equal(url.searchParams.get('client_id'), f.oauth.clientId)
      assert.equal(url.searchParams.get('scope'), 'openid offline_access')
      assert.match(url.searchParams.get('state')!, /^cs1\./)
      const back = await f.oauth.authorizeAsUser(url.toString())
      const connected = await f.callback(back.toString())
      assert.equal(connected.statusCode, 201, connected.body)
      const body = connected.json()
      assert.deepEqual(Object.keys(body).sort(), [
        'access_last4',
        'created_at',
        'created_by',
        'expires_at',
        'id',
        'last_refreshed_at',
        'last_used_at',
        'provider',
        'refreshable',
        'scope',
        'status',
        'updated_at',
        'verify_status',
      ])
      assert.equal(body.provider, PROVIDER)
      assert.equal(body.status, 'active')
      assert.equal(body.refreshable, true)
      assert.equal(body.created_by, `token:${f.orgA.ownerTokenId}`)
      assert.equal(body.expires_at, new Date(f.clock.now() + 120_000).toISOString())
      assert.equal(f.oauth.counts.authorizationCode, 1)

      const accessToken = await resolveAccessToken(f, f.orgA.ownerToken, body.id)
      assert.equal(body.access_last4, accessToken.slice(-4))
      const listed = await call(f.http, f.orgA.ownerToken, 'GET', '/v1/connectors')
      assert.equal(listed.statusCode, 200)
      assert.deepEqual(
        listed.json().items.map((item: { id: string }) => item.id),
        [body.id],
      )
      assert.equal(listed.body.includes(accessToken), false)
      // Stored only as envelopes: the plaintext is in no column, the envelope opens only here.
      const { rows } = await f.testDb.db.query<{ row: string; access: Buffer }>(
        'SELECT t::text AS row, access_token AS access FROM connector_credentials t WHERE id = $1',
        [body.id],
      )
      assert.equal(rows[0]!.row.includes(accessToken), false)
      assert.equal(rows[0]!.access[0], 0x01)
      // The read is access-logged like a secret's, and audited.
      const logged = await f.testDb.db.query<{ kind: string; actor: string; purpose: string }>(
        'SELECT kind, actor, purpose FROM secret_access_log WHERE secret_id = $1',
        [body.id],
      )
      assert.deepEqual(logged.rows, [
        { kind: `connector.${PROVIDER}`, actor: `token:${f.orgA.ownerTokenId}`, purpose: 'sync files' },
      ])
      const audited = await f.testDb.db.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE org_id = $1 AND action LIKE 'connector.%' ORDER BY seq`,
        [f.orgA.orgId],
      )
      assert.deepEqual(
        audited.rows.map((r) => r.action),
        ['connector.authorize', 'connector.connected', 'connector.resolved'],
      )
      assert.equal(f.logs.text().includes(accessToken), false)
    })

    it('a replayed state is refused, and its code is never exchanged again', async () => {
      const { callbackUrl } = await f.startAndConsent(f.orgA.ownerToken)
      const exchanges = f.oauth.counts.authorizationCode
      assert.equal((await f.callback(callbackUrl)).statusCode, 201)
      const replayed = await f.callback(callbackUrl)
      assert.equal(replayed.statusCode, 400)
      assert.equal(replayed.json().code, 'STATE_INVALID')
      assert.equal(f.oauth.counts.authorizationCode, exchanges + 1)
    })

    it('a tampered state is refused (payload, MAC, version, truncation)', async () => {
      const { callbackUrl, state } = await f.startAndConsent(f.orgA.ownerToken)
      const [version, payload, mac] = state.split('.') as [string, string, string]
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
      const forgedPayload = Buffer.from(JSON.stringify({ ...claims, actor: 'token:someone-else' })).toString(
        'base64url',
      )
      const flipped = `${mac.slice(0, -2)}${mac.at(-2) === 'A' ? 'B' : 'A'}${mac.at(-1)}`
      for (const bad of [
        `${version}.${forgedPayload}.${mac}`,
        `${version}.${payload}.${flipped}`,
        `cs2.${payload}.${mac}`,
        `${version}.${payload}`,
        'not-a-state',
      ]) {
        const url = new URL(callbackUrl)
        url.searchParams.set('state', bad)
        const answered = await f.callback(url.toString())
        assert.equal(answered.json().code, 'STATE_INVALID', bad)
      }
      const exchanges = f.oauth.counts.authorizationCode
      assert.equal((await f.callback(callbackUrl)).statusCode, 201, 'the untouched state still works once')
      assert.equal(f.oauth.counts.authorizationCode, exchanges + 1)
    })

    it('a state older than 10 minutes is refused', async () => {
      const { callbackUrl } = await f.startAndConsent(f.orgA.ownerToken)
      f.clock.advance(600_001)
      const exchanges = f.oauth.counts.authorizationCode
      const expired = await f.callback(callbackUrl)
      assert.equal(expired.json().code, 'STATE_INVALID')
      assert.equal(f.oauth.counts.authorizationCode, exchanges)
    })

    it("a state from another org cannot finish in this org: swapped parts fail the MAC, and a validly signed one with another org's id finds no row", async () => {
      const a = await f.startAndConsent(f.orgA.ownerToken)
      const b = await f.startAndConsent(f.orgB.ownerToken)
      const [, payloadA] = a.state.split('.')
      const [, , macB] = b.state.split('.')
      const swapped = new URL(b.callbackUrl)
      swapped.searchParams.set('state', `cs1.${payloadA}.${macB}`)
      assert.equal((await f.callback(swapped.toString())).json().code, 'STATE_INVALID')
      // Even with the state key: org A's id on org B's authorization is refused by the database.
      const { ConnectorStateSigner } = await import('../../src/connectors/connector-state.js')
      const signer = new ConnectorStateSigner(f.coffer.config.tokenSecret)
      const claimsB = signer.verify(b.state, f.clock.now())
      const crossed = new URL(b.callbackUrl)
      crossed.searchParams.set('state', signer.sign({ ...claimsB, org: f.orgA.orgId }))
      assert.equal((await f.callback(crossed.toString())).json().code, 'STATE_INVALID')
      const countA = await withTenant(f.coffer.db, f.orgA.orgId, async (sql) =>
        Number(
          (await sql.query<{ n: string }>('SELECT count(*) AS n FROM connector_credentials')).rows[0]!.n,
        ),
      )
      // Org B's own state still finishes, in org B.
      const finished = await f.callback(b.callbackUrl)
      assert.equal(finished.statusCode, 201, finished.body)
      const inB = await call(f.http, f.orgB.ownerToken, 'GET', `/v1/connectors/${finished.json().id}`)
      assert.equal(inB.statusCode, 200)
      const inA = await call(f.http, f.orgA.ownerToken, 'GET', `/v1/connectors/${finished.json().id}`)
      assert.equal(inA.json().code, 'NOT_FOUND')
      const countAfter = await withTenant(f.coffer.db, f.orgA.orgId, async (sql) =>
        Number(
          (await sql.query<{ n: string }>('SELECT count(*) AS n FROM connector_credentials')).rows[0]!.n,
        ),
      )
      assert.equal(countAfter, countA)
    })

    it("another org's credential answers 404 to get, resolve and delete", async () => {
      const id = await f.connect(f.orgA.ownerToken)
      for (const [method, url, body] of [
        ['GET', `/v1/connectors/${id}`, undefined],
        ['POST', `/v1/connectors/${id}/resolve`, { purpose: 'steal' }],
        ['DELETE', `/v1/connectors/${id}`, undefined],
      ] as const) {
        const answered = await call(f.http, f.orgB.ownerToken, method, url, body)
        assert.equal(answered.json().code, 'NOT_FOUND', `${method} ${url}`)
      }
      assert.equal((await call(f.http, f.orgA.ownerToken, 'GET', `/v1/connectors/${id}`)).statusCode, 200)
      // Its own org deletes it, audited.
      assert.equal((await call(f.http, f.orgA.ownerToken, 'DELETE', `/v1/connectors/${id}`)).statusCode, 204)
      const audited = await f.testDb.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action = 'connector.deleted' AND resource = $2",
        [f.orgA.orgId, `connector:${id}`],
      )
      assert.equal(audited.rows[0]!.n, 1)
    })

    it('a denied authorization uses up the state and stores nothing', async () => {
      const started = await call(f.http, f.orgA.ownerToken, 'POST', `/v1/connectors/${PROVIDER}/authorize`)
      const state = new URL(started.json().authorization_url).searchParams.get('state')!
      const denied = await f.callback(
        `${REDIRECT_URL}?error=access_denied&state=${encodeURIComponent(state)}`,
      )
      assert.equal(denied.json().code, 'CONNECTOR_TOKEN_REFUSED')
      const again = await f.callback(`${REDIRECT_URL}?code=x&state=${encodeURIComponent(state)}`)
      assert.equal(again.json().code, 'STATE_INVALID')
    })

    it('providers: operator only, no secret in any answer; deleting one in use is refused', async () => {
      const list = await call(f.http, f.operatorToken, 'GET', '/v1/connectors/providers')
      assert.equal(list.statusCode, 200)
      assert.equal(list.body.includes(f.oauth.clientSecret), false)
      assert.equal(list.json().items[0].client_secret_last4, f.oauth.clientSecret.slice(-4))
      const asTenant = await call(f.http, f.orgA.ownerToken, 'GET', '/v1/connectors/providers')
      assert.equal(asTenant.json().code, 'TOKEN_INVALID')
      const duplicate = await call(f.http, f.operatorToken, 'POST', '/v1/connectors/providers', {
        name: PROVIDER,
        authorization_endpoint: f.oauth.authorizationEndpoint,
        token_endpoint: f.oauth.tokenEndpoint,
        client_id: 'x',
        client_secret: 'y',
      })
      assert.equal(duplicate.json().code, 'CONFLICT')
      const inUse = await call(f.http, f.operatorToken, 'DELETE', `/v1/connectors/providers/${PROVIDER}`)
      assert.equal(inUse.json().code, 'CONFLICT')
      const { rows } = await f.testDb.db.query<{ row: string }>(
        'SELECT t::text AS row FROM connector_providers t',
      )
      assert.equal(rows[0]!.row.includes(f.oauth.clientSecret), false)
      const audited = await f.testDb.db.query<{ action: string }>(
        "SELECT action FROM system_audit WHERE action LIKE 'connector_provider.%'",
      )
      assert.deepEqual(
        audited.rows.map((r) => r.action),
        ['connector_provider.registered'],
      )
      // A provider no credential uses can be deleted, and that is in the system log too.
      const spare = await call(f.http, f.operatorToken, 'POST', '/v1/connectors/providers', {
        name: 'spare-idp',
        authorization_endpoint: f.oauth.authorizationEndpoint,
        token_endpoint: f.oauth.tokenEndpoint,
        client_id: 'spare',
        client_secret: 'spare-secret',
      })
      assert.equal(spare.statusCode, 201, spare.body)
      const gone = await call(f.http, f.operatorToken, 'DELETE', '/v1/connectors/providers/spare-idp')
      assert.equal(gone.statusCode, 204, gone.body)
      const after = await f.testDb.db.query<{ action: string }>(
        "SELECT action FROM system_audit WHERE action LIKE 'connector_provider.%' ORDER BY at, id",
      )
      // The fixture's clock stands still, so these entries share their time and only their ids
      // (random past the millisecond once other ids were made in between) order them: a multiset.
      assert.deepEqual(after.rows.map((r) => r.action).sort(), [
        'connector_provider.deleted',
        'connector_provider.registered',
        'connector_provider.registered',
      ])
    })

    it('org key rotation re-encrypts the tokens; an envelope moved to another credential does not open', async () => {
      const id = await f.connect(f.orgA.ownerToken)
      const other = await f.connect(f.orgA.ownerToken)
      const before = await resolveAccessToken(f, f.orgA.ownerToken, id)
      await f.coffer.rotation.start(f.orgA.orgId, 'test')
      await f.coffer.rotation.run(f.orgA.orgId)
      const { rows } = await f.testDb.db.query<{ key_version: number; access: Buffer }>(
        'SELECT key_version, access_token AS access FROM connector_credentials WHERE id = $1',
        [id],
      )
      assert.equal(rows[0]!.key_version, 2)
      assert.equal(Buffer.from(rows[0]!.access).readUInt32BE(1), 2)
      assert.equal(await resolveAccessToken(f, f.orgA.ownerToken, id), before)
      await f.testDb.db.query('UPDATE connector_credentials SET access_token = $2 WHERE id = $1', [
        other,
        rows[0]!.access,
      ])
      const swapped = await call(f.http, f.orgA.ownerToken, 'POST', `/v1/connectors/${other}/resolve`, {
        purpose: 'swap',
      })
      assert.equal(swapped.json().code, 'DECRYPTION_FAILED')
    })

    it('an unknown provider answers 404 NOT_FOUND', async () => {
      const answered = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/connectors/nope/authorize')
      assert.equal(answered.json().code, 'NOT_FOUND')
    })
  })
}
