// Stops: a person removed from an org keeping a way in (their API tokens or open sessions), the
// removal reaching into their other orgs, and half a removal (tokens revoked but membership kept,
// or the reverse). Also the user and membership rules removal depends on.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import { SCOPES } from '../../src/auth/scopes.js'
import { SessionService } from '../../src/auth/sessions.js'
import { addMembership, createUser, removeMembership } from '../../src/auth/users.js'
import { deriveKey } from '../../src/crypto/hkdf.js'
import type { OrgId } from '../../src/db/org-id.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { isCofferError } from '../../src/errors.js'
import { type CreatedOrg, createOrg } from '../../src/tenancy/orgs.js'
import { TestClock, wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'
import { recordSecret } from '../support/leak-canary.js'

const PASSWORD = 'membership test passphrase'

for (const target of DATABASE_TARGETS) {
  describe(`removing a member on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let sessions: SessionService
    let orgA: CreatedOrg
    let orgB: CreatedOrg
    const clock = new TestClock()

    before(async () => {
      recordSecret(PASSWORD)
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db, { clock })
      sessions = new SessionService({ secret: deriveKey(coffer.config.tokenSecret, 'coffer/session'), clock })
      orgA = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
      orgB = await createOrg(coffer, { slug: 'org-b', actor: 'test' })
    })
    after(async () => {
      await testDb.drop()
    })

    /** A user who is a member of `orgs`, with one API token and one open session in each. */
    async function member(email: string, orgs: CreatedOrg[]) {
      const user = await createUser(coffer.db, { email, password: PASSWORD })
      const access = new Map<OrgId, { token: string; tokenId: string; cookie: string }>()
      for (const org of orgs) {
        const issued = await withTenant(coffer.db, org.orgId, async (sql) => {
          await addMembership(sql, { userId: user.id, role: 'admin' })
          return coffer.tokens.issue(sql, { name: 'laptop', scopes: SCOPES, userId: user.id })
        })
        const session = await sessions.login(coffer.db, { email, password: PASSWORD, orgSlug: org.slug })
        recordSecret(session.cookieValue)
        recordSecret(session.csrfToken)
        access.set(org.orgId, { token: issued.token, tokenId: issued.id, cookie: session.cookieValue })
      }
      return { id: user.id, access }
    }

    async function outcome(run: () => Promise<unknown>): Promise<string> {
      coffer.tokens.forgetCachedVerifications()
      try {
        await run()
        return 'accepted'
      } catch (error) {
        assert.ok(isCofferError(error))
        return error.code
      }
    }
    const tokenOutcome = (token: string) => outcome(() => coffer.tokens.authenticate(coffer.db, token))
    const sessionOutcome = (cookie: string) => outcome(() => sessions.authenticate(coffer.db, cookie))

    it('revokes the user’s tokens and sessions in that org only; other members keep theirs', async () => {
      const leaving = await member('leaving@example.test', [orgA, orgB])
      const staying = await member('staying@example.test', [orgA])
      const inA = leaving.access.get(orgA.orgId)!
      const inB = leaving.access.get(orgB.orgId)!
      const colleague = staying.access.get(orgA.orgId)!
      for (const check of [tokenOutcome(inA.token), sessionOutcome(inA.cookie)]) {
        assert.equal(await check, 'accepted')
      }

      await withTenant(coffer.db, orgA.orgId, (sql) => removeMembership(sql, leaving.id))

      assert.equal(await tokenOutcome(inA.token), 'TOKEN_REVOKED')
      assert.equal(await sessionOutcome(inA.cookie), 'SESSION_INVALID')
      const token = await coffer.db.query<{ revoked_at: Date | null }>(
        'SELECT revoked_at FROM api_tokens WHERE org_id = $1 AND id = $2',
        [orgA.orgId, inA.tokenId],
      )
      assert.ok(token.rows[0]?.revoked_at, 'the token row is kept, revoked')
      const leftovers = await coffer.db.query(
        'SELECT 1 FROM sessions WHERE org_id = $1 AND user_id = $2 UNION ALL SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2',
        [orgA.orgId, leaving.id],
      )
      assert.equal(leftovers.rowCount, 0, 'membership gone, its sessions cascaded')
      assert.equal(
        await outcome(() =>
          sessions.login(coffer.db, { email: 'leaving@example.test', password: PASSWORD, orgSlug: 'org-a' }),
        ),
        'INVALID_CREDENTIALS',
      )

      assert.equal(await tokenOutcome(inB.token), 'accepted', 'the other org is untouched')
      assert.equal(await sessionOutcome(inB.cookie), 'accepted')
      assert.equal(await tokenOutcome(colleague.token), 'accepted', 'other members are untouched')
      assert.equal(await sessionOutcome(colleague.cookie), 'accepted')
    })

    it('is one transaction with the caller’s: if the caller fails, nothing was revoked or removed', async () => {
      const user = await member('rolled-back@example.test', [orgA])
      const inA = user.access.get(orgA.orgId)!
      await assert.rejects(
        withTenant(coffer.db, orgA.orgId, async (sql) => {
          await removeMembership(sql, user.id)
          throw new Error('the audit append failed')
        }),
        /the audit append failed/,
      )
      assert.equal(await tokenOutcome(inA.token), 'accepted')
      assert.equal(await sessionOutcome(inA.cookie), 'accepted')
      const token = await coffer.db.query<{ revoked_at: Date | null; user_id: string | null }>(
        'SELECT revoked_at, user_id FROM api_tokens WHERE org_id = $1 AND id = $2',
        [orgA.orgId, inA.tokenId],
      )
      assert.deepEqual(token.rows[0], { revoked_at: null, user_id: user.id })
    })

    it('removing someone who is not a member is NOT_FOUND, also across orgs', async () => {
      const onlyB = await member('only-b@example.test', [orgB])
      await assert.rejects(
        withTenant(coffer.db, orgA.orgId, (sql) => removeMembership(sql, onlyB.id)),
        (error) => isCofferError(error, 'NOT_FOUND'),
      )
      assert.equal(await tokenOutcome(onlyB.access.get(orgB.orgId)!.token), 'accepted')
    })
  })

  describe(`users and memberships on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let org: CreatedOrg

    before(async () => {
      testDb = await target.create()
      coffer = await wireTestCoffer(testDb.db)
      org = await createOrg(coffer, { slug: 'org-a', actor: 'test' })
    })
    after(async () => {
      await testDb.drop()
    })

    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (error) => (isCofferError(error) ? error.code : String(error)),
      )

    it('stores emails trimmed and lower-cased, one account per address', async () => {
      const { id } = await createUser(coffer.db, { email: '  Grace@Example.TEST ' })
      const stored = await coffer.db.query<{ email: string; password_hash: string | null }>(
        'SELECT email, password_hash FROM users WHERE id = $1',
        [id],
      )
      assert.deepEqual(stored.rows[0], { email: 'grace@example.test', password_hash: null })
      assert.equal(await code(createUser(coffer.db, { email: 'GRACE@example.test' })), 'CONFLICT')
    })

    it('refuses a bad email or a short password with VALIDATION_FAILED, creating nothing', async () => {
      assert.equal(await code(createUser(coffer.db, { email: 'not-an-address' })), 'VALIDATION_FAILED')
      assert.equal(
        await code(createUser(coffer.db, { email: `${'a'.repeat(320)}@x.test` })),
        'VALIDATION_FAILED',
      )
      const short = createUser(coffer.db, { email: 'short@example.test', password: 'hunter2' })
      await assert.rejects(short, (error) => {
        assert.ok(isCofferError(error, 'VALIDATION_FAILED'))
        assert.match(error.message, /^password/)
        assert.equal(error.message.includes('hunter2'), false)
        return true
      })
      const count = await coffer.db.query("SELECT 1 FROM users WHERE email = 'short@example.test'")
      assert.equal(count.rowCount, 0)
    })

    it('adds a member once, only for a known user and a known role', async () => {
      const { id } = await createUser(coffer.db, { email: 'lin@example.test' })
      const add = (userId: string, role: string) =>
        code(
          withTenant(coffer.db, org.orgId, (sql) => addMembership(sql, { userId, role: role as 'member' })),
        )
      assert.equal(await add(id, 'member'), 'accepted')
      assert.equal(await add(id, 'admin'), 'CONFLICT')
      assert.equal(await add('0190a000-0000-7000-8000-000000000000', 'member'), 'NOT_FOUND')
      const other = await createUser(coffer.db, { email: 'kim@example.test' })
      assert.equal(await add(other.id, 'superuser'), 'VALIDATION_FAILED')
      assert.equal(await add(other.id, 'toString'), 'VALIDATION_FAILED')
    })
  })
}
