// Stops: state changes and sensitive reads that leave no audit entry (logins, plan and limit
// changes, root rewraps, record reads for an org that asked for them), a failed login that writes
// the email in clear, and a record-read setting that a narrower token can switch off.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Coffer } from '../../src/app.js'
import { addMembership, createUser } from '../../src/auth/users.js'
import { CLI_ACTOR } from '../../src/cli/cli-io.js'
import { keysRewrap } from '../../src/cli/keys-commands.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { isCofferError } from '../../src/errors.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'
import { recordSecret } from '../support/leak-canary.js'

const PASSWORD = 'a long and correct passphrase'
const EMAIL = 'grace@example.test'

interface Row {
  actor: string
  action: string
  resource: string
  outcome: string | null
}

for (const target of DATABASE_TARGETS) {
  describe(`audit coverage of logins, org changes, rewraps and record reads on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let http: FastifyInstance
    let org: CreatedOrg

    /** The org's entries (sealed or not), oldest first. */
    const entries = async (orgId = org.orgId) =>
      (
        await testDb.db.query<Row>(
          'SELECT actor, action, resource, outcome FROM audit_log WHERE org_id = $1 ORDER BY id',
          [orgId],
        )
      ).rows
    /** Runs `action`, returns the org entries it appended. */
    const appendedBy = async (action: () => Promise<unknown>, orgId = org.orgId) => {
      const before = (await entries(orgId)).length
      await action()
      return (await entries(orgId)).slice(before)
    }
    const systemEntries = async () =>
      (await testDb.db.query<Row>('SELECT actor, action, resource FROM system_audit ORDER BY at, id')).rows
    const put = (token: string, url: string, body: unknown) =>
      http.inject({
        method: 'PUT',
        url,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      })

    before(async () => {
      recordSecret(PASSWORD)
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      http = (await buildTestServer(coffer)).http
      org = await createOrg(coffer, { slug: 'coverage', actor: 'test' })
      const user = await createUser(coffer.db, { email: EMAIL, password: PASSWORD })
      await withTenant(coffer.db, org.orgId, (sql) => addMembership(sql, { userId: user.id, role: 'member' }))
    })
    after(async () => {
      await http.close()
      await testDb.drop()
    })

    it('a login is audited as the user; a failed one under an email tag, never the email', async () => {
      const ok = await appendedBy(() =>
        coffer.sessions.login(coffer.db, { email: EMAIL, password: PASSWORD, orgSlug: 'coverage' }),
      )
      assert.equal(ok.length, 1)
      assert.equal(ok[0]!.action, 'session.login')
      assert.equal(ok[0]!.outcome, 'ok')
      assert.match(ok[0]!.actor, /^user:[0-9a-f-]{36}$/)
      assert.match(ok[0]!.resource, /^session:[0-9a-f-]{36}$/)

      const attempt = (email: string) =>
        appendedBy(async () => {
          await assert.rejects(
            coffer.sessions.login(coffer.db, {
              email,
              password: 'a long and wrong passphrase',
              orgSlug: 'coverage',
            }),
            (error) => isCofferError(error, 'INVALID_CREDENTIALS'),
          )
        })
      const wrongPassword = await attempt(EMAIL)
      const unknownEmail = await attempt('nobody@example.test')
      for (const [failed, email] of [
        [wrongPassword, EMAIL],
        [unknownEmail, 'nobody@example.test'],
      ] as const) {
        assert.equal(failed.length, 1)
        assert.deepEqual(failed[0], {
          actor: `login:${coffer.sessions.loginTag(email)}`,
          action: 'session.login',
          resource: `org:${org.orgId}`,
          outcome: 'denied',
        })
        assert.match(failed[0]!.actor, /^login:[0-9a-f]{32}$/)
      }
      // The tag follows the address (normalised), and differs between addresses.
      assert.equal(coffer.sessions.loginTag(` ${EMAIL.toUpperCase()}`), coffer.sessions.loginTag(EMAIL))
      assert.notEqual(wrongPassword[0]!.actor, unknownEmail[0]!.actor)
      const everything = JSON.stringify(await testDb.db.query('SELECT * FROM audit_log'))
      assert.equal(everything.includes('grace'), false, 'an email is in the audit log')
      assert.equal(everything.includes('nobody'), false, 'an email is in the audit log')
    })

    it('a login naming an org that does not exist writes nothing anywhere', async () => {
      const before = (await testDb.db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0]
      await assert.rejects(
        coffer.sessions.login(coffer.db, { email: EMAIL, password: PASSWORD, orgSlug: 'no-such-org' }),
        (error) => isCofferError(error, 'INVALID_CREDENTIALS'),
      )
      assert.deepEqual((await testDb.db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0], before)
    })

    it('a logout is audited as the session it ends', async () => {
      const session = await coffer.sessions.login(coffer.db, {
        email: EMAIL,
        password: PASSWORD,
        orgSlug: 'coverage',
      })
      const principal = await coffer.sessions.authenticate(coffer.db, session.cookieValue)
      const appended = await appendedBy(() => coffer.sessions.logout(coffer.db, principal))
      assert.deepEqual(appended, [
        {
          actor: `session:${session.sessionId}`,
          action: 'session.logout',
          resource: `session:${session.sessionId}`,
          outcome: 'ok',
        },
      ])
    })

    it('plan, limit and name changes are audited in the org log and the system log, naming the new value', async () => {
      const appended = await appendedBy(() =>
        coffer.orgs.update(
          { slug: 'coverage' },
          { plan: 'pro', rateLimitPerMinute: 900, name: 'Cov' },
          'cli',
        ),
      )
      const expected = [
        { actor: 'cli', action: 'org.renamed', resource: `org:${org.orgId}` },
        { actor: 'cli', action: 'org.plan_changed', resource: `org:${org.orgId}/plan:pro` },
        { actor: 'cli', action: 'org.limit_changed', resource: `org:${org.orgId}/rate_limit:900` },
      ]
      assert.deepEqual(
        appended.map(({ outcome: _, ...entry }) => entry),
        expected,
      )
      assert.deepEqual((await systemEntries()).slice(-3), expected)
      const reset = await appendedBy(() =>
        coffer.orgs.update({ slug: 'coverage' }, { rateLimitPerMinute: null }, 'cli'),
      )
      assert.deepEqual(
        reset.map((entry) => entry.resource),
        [`org:${org.orgId}/rate_limit:default`],
      )
    })

    it('keys rewrap audits each org whose key it rewrapped, in its log and the system log', async () => {
      const other = await createOrg(coffer, { slug: 'coverage-other', actor: 'test' })
      // As if the org's key were wrapped under an earlier root: only this org has work to do.
      await testDb.db.query("UPDATE org_keys SET root_key_id = 'an-earlier-root' WHERE org_id = $1", [
        org.orgId,
      ])
      const lines: string[] = []
      const appended = await appendedBy(() =>
        keysRewrap({ coffer, out: (line) => lines.push(line), isTTY: false }, []),
      )
      const entry = {
        actor: CLI_ACTOR,
        action: 'key.rewrapped',
        resource: `org_key:${org.orgId}/root:${coffer.provider.rootKeyId}`,
      }
      assert.deepEqual(appended, [{ ...entry, outcome: null }])
      assert.deepEqual((await systemEntries()).at(-1), entry)
      assert.equal(
        (await entries(other.orgId)).some((row) => row.action === 'key.rewrapped'),
        false,
        'an org with nothing to rewrap got an entry',
      )
    })

    it('record reads are audited only once the org turns it on, and only an org-wide admin may turn it off', async () => {
      const created = await call(http, org.ownerToken, 'POST', '/v1/records', {
        namespace: 'default',
        type: 'note',
        content: 'read me',
      })
      assert.equal(created.statusCode, 201, created.body)
      const id = created.json().id as string
      const read = () => call(http, org.ownerToken, 'GET', `/v1/records/${id}`)
      const settings = () => call(http, org.ownerToken, 'GET', '/v1/audit/settings')

      assert.deepEqual((await settings()).json(), { record_reads: false })
      assert.deepEqual(
        (await appendedBy(read)).filter((entry) => entry.action === 'record.read'),
        [],
        'a read was audited with the setting off',
      )

      const turnedOn = await appendedBy(async () => {
        const response = await put(org.ownerToken, '/v1/audit/settings', { record_reads: true })
        assert.equal(response.statusCode, 200, response.body)
      })
      assert.deepEqual(
        turnedOn.map((entry) => [entry.action, entry.resource]),
        [['audit.settings_changed', `org:${org.orgId}/record_reads:on`]],
      )
      assert.deepEqual((await settings()).json(), { record_reads: true })
      const ownerTokenId = (
        await testDb.db.query<{ id: string }>(
          "SELECT id FROM api_tokens WHERE org_id = $1 AND name = 'owner'",
          [org.orgId],
        )
      ).rows[0]!.id
      assert.deepEqual(await appendedBy(read), [
        { actor: `token:${ownerTokenId}`, action: 'record.read', resource: `record:${id}`, outcome: null },
      ])
      // A refused read (another id) is no read: nothing is appended.
      const missing = await appendedBy(async () => {
        const response = await call(
          http,
          org.ownerToken,
          'GET',
          '/v1/records/0190b5d6-0000-7000-8000-000000000000',
        )
        assert.equal(response.json().code, 'NOT_FOUND')
      })
      assert.deepEqual(missing, [])

      // Switching it off needs `admin`, on a token not narrowed to a namespace.
      const token = async (body: unknown) => {
        const response = await call(http, org.ownerToken, 'POST', '/v1/tokens', body)
        assert.equal(response.statusCode, 201, response.body)
        return response.json().token as string
      }
      const auditor = await token({ name: 'auditor', scopes: ['audit:read'] })
      recordSecret(auditor)
      const bad = await put(auditor, '/v1/audit/settings', { record_reads: false })
      assert.equal(bad.json().code, 'INSUFFICIENT_SCOPE')
      const invalid = await put(org.ownerToken, '/v1/audit/settings', { record_reads: 'no' })
      assert.equal(invalid.json().code, 'VALIDATION_FAILED')
      const unknown = await put(org.ownerToken, '/v1/audit/settings', { record_reads: false, extra: 1 })
      assert.equal(unknown.json().code, 'VALIDATION_FAILED')
      assert.deepEqual((await settings()).json(), { record_reads: true })
    })
  })
}
