// Stops: a connector token that expires because nobody refreshed it, a revoked refresh token
// that keeps a credential looking healthy, and two instances refreshing the same credential at
// once (providers that rotate refresh tokens revoke the whole grant on a reused one).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import { connectorTokenLocation } from '../../src/connectors/connectors-encryption.js'
import type { Database } from '../../src/db/sql.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { destroyOrgKeys } from '../../src/keys/org-key-destruction.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS } from '../support/databases.js'
import { call } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'
import {
  ACCESS_TOKEN_TTL_SECONDS,
  type ConnectorsFixture,
  openConnectorsFixture,
  REDIRECT_URL,
  resolveAccessToken,
} from './connectors-fixture.js'

/** The refresh token as stored, opened through the org's keyring (what only Coffer can do). */
async function storedRefreshToken(f: ConnectorsFixture, orgId: string, id: string): Promise<string> {
  return withTenant(f.coffer.db, orgId as never, async (sql) => {
    const { rows } = await sql.query<{ refresh_token: Uint8Array }>(
      'SELECT refresh_token FROM connector_credentials WHERE org_id = $1 AND id = $2',
      [sql.orgId, id],
    )
    const opened = await f.coffer.keyring.openField(
      sql,
      connectorTokenLocation(id, 'refresh_token'),
      rows[0]!.refresh_token,
    )
    const token = opened.toString('utf8')
    recordSecret(token)
    return token
  })
}

for (const target of DATABASE_TARGETS) {
  describe(`connector tokens refreshed before they expire, on ${target.name}`, () => {
    let f: ConnectorsFixture
    before(async () => {
      f = await openConnectorsFixture(target)
      const endpoint = await call(f.http, f.orgA.ownerToken, 'POST', '/v1/webhooks', {
        url: 'http://127.0.0.1:9/hook',
        event_types: ['connector.reauth_required'],
      })
      assert.equal(endpoint.statusCode, 201, endpoint.body)
      recordSecret(endpoint.json().secret)
    })
    after(() => f.close())

    it('the job refreshes a credential only once it is due, before its access token expires', async () => {
      const id = await f.connect(f.orgA.ownerToken)
      const first = await resolveAccessToken(f, f.orgA.ownerToken, id)
      const refreshes = f.oauth.counts.refreshToken
      assert.deepEqual(await f.coffer.connectorRefresh.refreshDue(), {
        refreshed: 0,
        refused: 0,
        unreachable: 0,
      })
      // Due at 75-85 % of the lifetime, and at least 30 s before expiry: 90 s of 120 at the latest.
      f.clock.advance((ACCESS_TOKEN_TTL_SECONDS - 30) * 1000)
      assert.deepEqual(await f.coffer.connectorRefresh.refreshDue(), {
        refreshed: 1,
        refused: 0,
        unreachable: 0,
      })
      assert.equal(f.oauth.counts.refreshToken, refreshes + 1)
      const second = await resolveAccessToken(f, f.orgA.ownerToken, id)
      assert.notEqual(second, first)
      const shown = (await call(f.http, f.orgA.ownerToken, 'GET', `/v1/connectors/${id}`)).json()
      assert.equal(shown.verify_status, 'valid')
      assert.equal(shown.access_last4, second.slice(-4))
      assert.equal(shown.last_refreshed_at, new Date(f.clock.now()).toISOString())
      assert.equal(shown.expires_at, new Date(f.clock.now() + ACCESS_TOKEN_TTL_SECONDS * 1000).toISOString())
      // The old access token still works at the provider until its own expiry; ours is the new one.
      assert.equal(await f.coffer.connectorRefresh.refreshDue().then((r) => r.refreshed), 0)
    })

    it('resolve of a token about to expire refreshes it first', async () => {
      const id = await f.connect(f.orgA.ownerToken)
      const first = await resolveAccessToken(f, f.orgA.ownerToken, id)
      // Past its due time and within 30 s of expiry, with no job run in between.
      f.clock.advance((ACCESS_TOKEN_TTL_SECONDS - 10) * 1000)
      const refreshes = f.oauth.counts.refreshToken
      const second = await resolveAccessToken(f, f.orgA.ownerToken, id)
      assert.notEqual(second, first)
      assert.equal(f.oauth.counts.refreshToken, refreshes + 1)
    })

    it('a refresh token revoked at the provider: needs_reauth, audited, connector.reauth_required emitted, resolve refused', async () => {
      const id = await f.connect(f.orgA.ownerToken)
      await f.oauth.revoke(await storedRefreshToken(f, f.orgA.orgId, id))
      await f.testDb.db.query('DELETE FROM webhook_deliveries')
      f.clock.advance(ACCESS_TOKEN_TTL_SECONDS * 1000)
      const pass = await f.coffer.connectorRefresh.refreshDue()
      assert.ok(pass.refused >= 1, JSON.stringify(pass))
      const shown = (await call(f.http, f.orgA.ownerToken, 'GET', `/v1/connectors/${id}`)).json()
      assert.equal(shown.status, 'needs_reauth')
      assert.equal(shown.verify_status, 'refused')
      const resolved = await call(f.http, f.orgA.ownerToken, 'POST', `/v1/connectors/${id}/resolve`, {
        purpose: 'sync',
      })
      assert.equal(resolved.statusCode, 409)
      assert.equal(resolved.json().code, 'CONNECTOR_REAUTH_REQUIRED')
      const events = await f.testDb.db.query<{
        event_type: string
        payload: { data: Record<string, unknown> }
      }>(
        `SELECT event_type, payload FROM webhook_deliveries WHERE org_id = $1 AND payload->'data'->>'id' = $2`,
        [f.orgA.orgId, id],
      )
      assert.deepEqual(
        events.rows.map((row) => [row.event_type, row.payload.data]),
        [['connector.reauth_required', { id, provider: 'test-idp' }]],
      )
      const audited = await f.testDb.db.query<{ actor: string }>(
        `SELECT actor FROM audit_log WHERE org_id = $1 AND action = 'connector.reauth_required' AND resource = $2`,
        [f.orgA.orgId, `connector:${id}`],
      )
      assert.deepEqual(
        audited.rows.map((r) => r.actor),
        ['system:connector-refresher'],
      )
      // It is not retried: the next pass leaves it alone, and authorizing again mends it.
      const refused = f.oauth.counts.refused
      await f.coffer.connectorRefresh.refreshDue()
      assert.equal(f.oauth.counts.refused, refused)
    })

    it('an unreachable token endpoint leaves the credential active and retries later', async () => {
      const id = await f.connect(f.orgB.ownerToken)
      await f.testDb.db.query(
        "UPDATE connector_providers SET token_endpoint = 'http://127.0.0.1:9/token' WHERE name = 'test-idp'",
      )
      try {
        f.clock.advance((ACCESS_TOKEN_TTL_SECONDS - 30) * 1000)
        const pass = await f.coffer.connectorRefresh.refreshDue()
        assert.ok(pass.unreachable >= 1, JSON.stringify(pass))
        const shown = (await call(f.http, f.orgB.ownerToken, 'GET', `/v1/connectors/${id}`)).json()
        assert.equal(shown.status, 'active')
        assert.equal(shown.verify_status, 'unreachable')
        assert.deepEqual(await f.coffer.connectorRefresh.refreshDue(), {
          refreshed: 0,
          refused: 0,
          unreachable: 0,
        })
      } finally {
        await f.testDb.db.query('UPDATE connector_providers SET token_endpoint = $1 WHERE name = $2', [
          f.oauth.tokenEndpoint,
          'test-idp',
        ])
      }
      f.clock.advance(60_000)
      const mended = await f.coffer.connectorRefresh.refreshDue()
      assert.ok(mended.refreshed >= 1, JSON.stringify(mended))
    })

    it("a crypto-shredded org's credentials: resolve answers 410, the job stops scheduling them and does not fail", async () => {
      const id = await f.connect(f.orgB.ownerToken)
      await destroyOrgKeys(f.coffer, f.orgB.orgId, 'test')
      f.clock.advance(ACCESS_TOKEN_TTL_SECONDS * 1000)
      const resolved = await call(f.http, f.orgB.ownerToken, 'POST', `/v1/connectors/${id}/resolve`, {
        purpose: 'sync',
      })
      assert.equal(resolved.json().code, 'KEY_DESTROYED')
      const refreshedInB = async () =>
        Number(
          (
            await f.testDb.db.query<{ n: string }>(
              "SELECT count(*) AS n FROM audit_log WHERE org_id = $1 AND action = 'connector.refreshed'",
              [f.orgB.orgId],
            )
          ).rows[0]!.n,
        )
      const before = await refreshedInB()
      await f.coffer.connectorRefresh.refreshDue()
      const { rows } = await f.testDb.db.query<{ due: Date | null }>(
        'SELECT refresh_due_at AS due FROM connector_credentials WHERE org_id = $1',
        [f.orgB.orgId],
      )
      assert.ok(rows.length > 0 && rows.every((row) => row.due === null))
      assert.equal(await refreshedInB(), before)
    })
  })

  describe(`two instances refreshing at once, on ${target.name}`, () => {
    let f: ConnectorsFixture
    let second: Coffer
    let secondDb: Database | undefined
    before(async () => {
      f = await openConnectorsFixture(target)
      secondDb = target.name === 'postgres' ? await f.testDb.openAnother() : undefined
      second = await wireTestCoffer(secondDb ?? f.testDb.db, {
        clock: f.clock,
        config: {
          masterKey: f.coffer.config.masterKey,
          tokenSecret: f.coffer.config.tokenSecret,
          connectorsRedirectUrl: REDIRECT_URL,
          requirePublicTargets: false,
        },
      })
    })
    after(() => f.close())

    it('each due credential is refreshed exactly once, by one of them', async () => {
      const ids = [
        await f.connect(f.orgA.ownerToken),
        await f.connect(f.orgA.ownerToken),
        await f.connect(f.orgB.ownerToken),
      ]
      f.clock.advance((ACCESS_TOKEN_TTL_SECONDS - 30) * 1000)
      const refreshes = f.oauth.counts.refreshToken
      // The provider answers slowly, so both passes are in flight together.
      f.oauth.refreshDelayMs = 200
      const [a, b] = await Promise.all([
        f.coffer.connectorRefresh.refreshDue(),
        second.connectorRefresh.refreshDue(),
      ])
      f.oauth.refreshDelayMs = 0
      assert.equal(a.refreshed + b.refreshed, ids.length, `${JSON.stringify(a)} ${JSON.stringify(b)}`)
      assert.equal(a.refused + b.refused + a.unreachable + b.unreachable, 0)
      assert.equal(f.oauth.counts.refreshToken, refreshes + ids.length)
      assert.equal(f.oauth.counts.refused, 0, 'no refresh token was used twice')
      const audited = await f.testDb.db.query<{ n: string }>(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'connector.refreshed'",
      )
      assert.equal(Number(audited.rows[0]!.n), ids.length)
      for (const id of ids) {
        const { rows } = await f.testDb.db.query<{ refresh_claim: string | null }>(
          'SELECT refresh_claim FROM connector_credentials WHERE id = $1',
          [id],
        )
        assert.equal(rows[0]!.refresh_claim, null, 'the lease is released')
      }
    })

    it('a lease held by one instance keeps the other from refreshing (resolve answers the still-valid token)', async () => {
      const id = await f.connect(f.orgA.ownerToken)
      // Only this credential is due in this test.
      await f.testDb.db.query('UPDATE connector_credentials SET refresh_due_at = NULL WHERE id <> $1', [id])
      f.clock.advance((ACCESS_TOKEN_TTL_SECONDS - 20) * 1000)
      // Instance one holds a running lease (as while its request is in flight).
      await f.testDb.db.query(
        "UPDATE connector_credentials SET refresh_claim = '00000000-0000-7000-8000-000000000001', refresh_claimed_until = $2 WHERE id = $1",
        [id, new Date(f.clock.now() + 60_000)],
      )
      const refreshes = f.oauth.counts.refreshToken
      assert.equal(await second.connectorRefresh.refreshNow(f.orgA.orgId, id), 'busy')
      assert.equal((await second.connectorRefresh.refreshDue()).refreshed, 0)
      await resolveAccessToken(f, f.orgA.ownerToken, id)
      assert.equal(f.oauth.counts.refreshToken, refreshes)
      // Once the lease has run out (the holder died), the other instance takes over.
      f.clock.advance(15_000)
      await f.testDb.db.query('UPDATE connector_credentials SET refresh_claimed_until = $2 WHERE id = $1', [
        id,
        new Date(f.clock.now() - 1),
      ])
      assert.equal(await second.connectorRefresh.refreshNow(f.orgA.orgId, id), 'refreshed')
      assert.equal(f.oauth.counts.refreshToken, refreshes + 1)
    })
  })
}
