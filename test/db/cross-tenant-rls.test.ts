import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import { createArchive } from '../../src/archive/archive.js'
import { sealTokens } from '../../src/connectors/connectors-encryption.js'
import { readTenantTables } from '../../src/db/isolation-check.js'
import type { OrgId } from '../../src/db/org-id.js'
import type { Database } from '../../src/db/sql.js'
import { withTenant } from '../../src/db/tenant-door.js'
import { uuidV7 } from '../../src/internal/uuid-v7.js'
import { readPlanTable } from '../../src/operator/plans.js'
import { IdempotencyStore } from '../../src/records/idempotency-store.js'
import { createOrg } from '../../src/tenancy/orgs.js'
import { WebhookWorker } from '../../src/webhooks/webhook-worker.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'

const QUOTA_PLANS = readPlanTable(
  JSON.stringify({ free: { rate_limit_per_minute: 6000, records: 100_000, storage_bytes: 100_000_000 } }),
)

/** Postgres's code for both "permission denied" and "new row violates row-level security policy". */
const INSUFFICIENT_PRIVILEGE = '42501'

function sqlState(error: unknown): string | undefined {
  return (error as { code?: string }).code
}

/** Seeds every tenant table with rows of two orgs, through the services where they exist. */
async function seedTwoOrgs(coffer: Coffer): Promise<[OrgId, OrgId]> {
  const orgIds: OrgId[] = []
  // Connectors: one provider (global, the operator's) that both orgs' credentials use.
  const provider = await coffer.connectorProviders.register('test', {
    name: 'seed-idp',
    authorizationEndpoint: 'http://127.0.0.1:9/auth',
    tokenEndpoint: 'http://127.0.0.1:9/token',
    clientId: 'seed-client',
    clientSecret: 'seed-client-secret',
    scopes: [],
  })
  for (const slug of ['org-a', 'org-b']) {
    const org = await createOrg(coffer, { slug, actor: 'test' })
    await withTenant(coffer.db, org.orgId, (sql) =>
      coffer.records.store(sql, 'test', {
        namespace: 'notes',
        type: 'note',
        content: `secret of ${slug}`,
        entities: [`customer of ${slug}`],
      }),
    )
    // A completed key rotation leaves a key_rotation_jobs row and a second key version.
    await coffer.rotation.start(org.orgId, 'test')
    await coffer.rotation.run(org.orgId)
    // Users and memberships have no service yet (access issue): seed them as the table owner.
    const userId = uuidV7()
    await coffer.db.query('INSERT INTO users (id, email) VALUES ($1, $2)', [userId, `${slug}@example.test`])
    await coffer.db.query("INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, 'owner')", [
      org.orgId,
      userId,
    ])
    await coffer.db.query(
      `INSERT INTO sessions (org_id, id, user_id, session_hash, created_at, expires_at)
       VALUES ($1, $2, $3, $4, now(), now() + interval '1 day')`,
      [org.orgId, uuidV7(), userId, Buffer.from(uuidV7())],
    )
    await withTenant(coffer.db, org.orgId, (sql) =>
      coffer.grants.create(sql, 'test', { namespace: 'default', reads: 'notes' }),
    )
    // Secrets (org_secrets) and one resolve (secret_access_log).
    await withTenant(coffer.db, org.orgId, async (sql) => {
      await coffer.secrets.put(sql, 'test', 'openai_key', { value: `sk-secret-of-${slug}` })
      await coffer.secrets.resolve(sql, 'test', 'openai_key', 'seed')
    })
    // Webhooks: an endpoint, a queued ping (webhook_deliveries) and one failed attempt to a closed
    // local port (webhook_attempts).
    await withTenant(coffer.db, org.orgId, async (sql) => {
      const endpoint = await coffer.webhooks.endpoints.create(sql, 'test', {
        url: 'http://127.0.0.1:9/',
        eventTypes: ['*'],
      })
      await coffer.webhooks.outbox.enqueuePing(sql, endpoint.id, 'test')
    })
    const worker = new WebhookWorker({
      db: coffer.db,
      endpoints: coffer.webhooks.endpoints,
      clock: coffer.clock,
      requirePublicTargets: false,
      timeoutMs: 2_000,
    })
    await worker.deliverOrg(org.orgId, { delivered: 0, retrying: 0, failed: 0 })
    // A stored Idempotency-Key response (idempotency_keys), sealed under the org's key.
    await withTenant(coffer.db, org.orgId, (sql) =>
      new IdempotencyStore({ keyring: coffer.keyring, clock: coffer.clock }).insertDone(
        sql,
        uuidV7(),
        { keyHash: Buffer.from(uuidV7()), requestHash: Buffer.from(uuidV7()) },
        { status: 201, body: `{"of":"${slug}"}` },
      ),
    )
    // An authorization started (connector_states) and a connector credential, sealed by the org key.
    await withTenant(coffer.db, org.orgId, async (sql) => {
      const id = uuidV7()
      const sealed = await sealTokens(coffer.keyring, sql, id, `access-of-${slug}`, `refresh-of-${slug}`)
      await sql.query(
        `INSERT INTO connector_states (org_id, id, provider_id, actor, created_at, expires_at)
         VALUES ($1, $2, $3, 'test', now(), now() + interval '10 minutes')`,
        [sql.orgId, uuidV7(), provider.id],
      )
      await sql.query(
        `INSERT INTO connector_credentials (org_id, id, provider_id, access_token, refresh_token, key_version,
           created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'test', now(), now())`,
        [sql.orgId, id, provider.id, sealed.access, sealed.refresh, sealed.keyVersion],
      )
    })
    // Archive (archive_settings, archive_runs, archived_records): one aged record archived through
    // the services, to an in-memory bucket (the S3 protocol is tested in test/archive).
    const objects = new Map<string, Buffer>()
    const archive = createArchive({
      db: coffer.db,
      keyring: coffer.keyring,
      audit: coffer.audit,
      clock: coffer.clock,
      records: coffer.records,
      requirePublicTargets: false,
      openBucket: () => ({
        put: async (key, body) => void objects.set(key, body),
        get: async (key) => objects.get(key) ?? null,
        delete: async (key) => void objects.delete(key),
        close: () => undefined,
      }),
    })
    const aged = await withTenant(coffer.db, org.orgId, (sql) =>
      coffer.records.store(sql, 'test', {
        namespace: 'aged',
        type: 'note',
        content: `old secret of ${slug}`,
        // Archived with its entity index (archived_record_entities).
        entities: [`person of ${slug}`],
      }),
    )
    await coffer.db.query("UPDATE records SET created_at = now() - interval '2 days' WHERE id = $1", [
      aged.id,
    ])
    await archive.settings.save(org.orgId, 'test', {
      endpoint: 'http://127.0.0.1:9',
      bucket: 'seed-bucket',
      prefix: '',
      region: 'us-east-1',
      pathStyle: true,
      accessKeyId: 'AKIASEED',
      secretAccessKey: `seed-secret-of-${slug}`,
      mode: 'plaintext',
      recipientPublicKey: null,
      namespaces: ['aged'],
      types: null,
      olderThanDays: 1,
      enabled: true,
    })
    await archive.job.run(org.orgId, { trigger: 'manual', actor: 'test' })
    // A day of request counts (usage_requests), as an instance's flush writes it.
    await withTenant(coffer.db, org.orgId, (sql) =>
      sql.query('INSERT INTO usage_requests (org_id, day, count) VALUES ($1, current_date, 3)', [sql.orgId]),
    )
    // The audit sequencer seals the org's entries (audit_tree_nodes, audit_checkpoints).
    await coffer.auditSequencer.sequenceOrg(org.orgId)
    // A record written last keeps its blind index row pending (record_terms_pending): the term
    // indexer has not run since.
    await withTenant(coffer.db, org.orgId, (sql) =>
      coffer.records.store(sql, 'test', {
        namespace: 'notes',
        type: 'note',
        content: `fresh note of ${slug}`,
      }),
    )
    orgIds.push(org.orgId)
  }
  return [orgIds[0]!, orgIds[1]!]
}

/** Rows per org, read as the owner (superuser in tests), outside RLS. */
async function ownerCount(db: Database, table: string, orgId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`,
    [orgId],
  )
  return rows[0]!.n
}

for (const target of DATABASE_TARGETS) {
  describe(`cross-tenant isolation by RLS on ${target.name}`, () => {
    let testDb: TestDatabase
    let coffer: Coffer
    let orgA: OrgId
    let orgB: OrgId
    let tables: string[]

    before(async () => {
      testDb = await target.create()
      // A plan with storage quotas, so that the seeding's writes fill the quota ledger too.
      coffer = await wireTestCoffer(testDb.db, { config: { plans: QUOTA_PLANS } })
      ;[orgA, orgB] = await seedTwoOrgs(coffer)
      tables = (await readTenantTables(testDb.db)).map((t) => t.table)
    })
    after(async () => {
      await testDb.drop()
    })

    it('discovers the tenant tables from the catalog, and every one has rows of both orgs', async () => {
      for (const expected of [
        'api_tokens',
        'audit_log',
        'grants',
        'memberships',
        'namespaces',
        'org_keys',
        'records',
        'sessions',
      ]) {
        assert.ok(tables.includes(expected), `${expected} is discovered`)
      }
      for (const table of tables) {
        assert.ok((await ownerCount(testDb.db, table, orgA)) > 0, `${table} has rows of org A: seed it above`)
        assert.ok((await ownerCount(testDb.db, table, orgB)) > 0, `${table} has rows of org B: seed it above`)
      }
    })

    it('a SELECT with no WHERE sees only the current org', async () => {
      for (const table of tables) {
        const seen = await withTenant(testDb.db, orgA, async (sql) => {
          const { rows } = await sql.query<{ org_id: string }>(`SELECT org_id FROM ${table}`)
          return rows
        })
        assert.equal(seen.length, await ownerCount(testDb.db, table, orgA), `${table}: all of A's rows`)
        assert.ok(
          seen.every((row) => row.org_id === orgA),
          `${table}: nothing of another org`,
        )
      }
    })

    it('with no org set, the app role sees nothing', async () => {
      for (const table of tables) {
        for (const setting of [undefined, '']) {
          const count = await testDb.db.transaction(async (tx) => {
            await tx.query('SET LOCAL ROLE coffer_app')
            if (setting !== undefined) await tx.query("SELECT set_config('app.org_id', $1, true)", [setting])
            const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)
            return rows[0]!.n
          })
          assert.equal(count, 0, `${table} with app.org_id ${setting === undefined ? 'unset' : 'empty'}`)
        }
      }
    })

    it("an INSERT of another org's row is refused", async () => {
      for (const table of tables) {
        const { rows } = await testDb.db.query<{ row: unknown }>(
          `SELECT row_to_json(t) AS row FROM ${table} t WHERE org_id = $1 LIMIT 1`,
          [orgB],
        )
        await assert.rejects(
          withTenant(testDb.db, orgA, (sql) =>
            sql.query(`INSERT INTO ${table} SELECT * FROM json_populate_record(NULL::${table}, $1::json)`, [
              JSON.stringify(rows[0]!.row),
            ]),
          ),
          (error) => sqlState(error) === INSUFFICIENT_PRIVILEGE,
          `${table}: insert as another org`,
        )
      }
    })

    it("an UPDATE of another org's rows touches nothing, and moving a row to another org is refused", async () => {
      for (const table of tables) {
        const before = await ownerCount(testDb.db, table, orgB)
        try {
          const touched = await withTenant(testDb.db, orgA, (sql) =>
            sql.query(`UPDATE ${table} SET org_id = org_id WHERE org_id = $1`, [orgB]),
          )
          assert.equal(touched.rowCount, 0, `${table}: update of B's rows as A`)
        } catch (error) {
          assert.equal(sqlState(error), INSUFFICIENT_PRIVILEGE, `${table}: update refused`)
        }
        await assert.rejects(
          withTenant(testDb.db, orgA, (sql) =>
            sql.query(`UPDATE ${table} SET org_id = $1 WHERE org_id = $2`, [orgB, orgA]),
          ),
          (error) => sqlState(error) === INSUFFICIENT_PRIVILEGE,
          `${table}: moving A's row to B`,
        )
        assert.equal(await ownerCount(testDb.db, table, orgB), before, `${table}: B unchanged`)
      }
    })

    it("a DELETE of another org's rows touches nothing", async () => {
      for (const table of tables) {
        const before = await ownerCount(testDb.db, table, orgB)
        try {
          const touched = await withTenant(testDb.db, orgA, (sql) =>
            sql.query(`DELETE FROM ${table} WHERE org_id = $1`, [orgB]),
          )
          assert.equal(touched.rowCount, 0, `${table}: delete of B's rows as A`)
        } catch (error) {
          assert.equal(sqlState(error), INSUFFICIENT_PRIVILEGE, `${table}: delete refused`)
        }
        assert.equal(await ownerCount(testDb.db, table, orgB), before, `${table}: B unchanged`)
      }
    })

    it('orgs (keyed by id, not org_id) shows the app role its own org only', async () => {
      const seen = await withTenant(
        testDb.db,
        orgA,
        async (sql) => (await sql.query<{ id: string }>('SELECT id FROM orgs')).rows,
      )
      assert.deepEqual(
        seen.map((row) => row.id),
        [orgA],
      )
    })

    it('org_id leads every primary key, unique key and foreign key between tenant tables', async () => {
      const { rows } = await testDb.db.query<{ table: string; name: string; first: string; kind: string }>(
        `SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.contype AS kind,
                (SELECT attname FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = c.conkey[1]) AS first
         FROM pg_constraint c
         WHERE c.contype IN ('p', 'u', 'f') AND c.conrelid::regclass::text = ANY($1)
           AND (c.contype <> 'f' OR c.confrelid::regclass::text = ANY($1))
         UNION ALL
         SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, 'i',
                (SELECT attname FROM pg_attribute WHERE attrelid = i.indrelid AND attnum = i.indkey[0])
         FROM pg_index i WHERE i.indisunique AND i.indrelid::regclass::text = ANY($1)`,
        [tables],
      )
      assert.ok(rows.length >= tables.length, 'constraints were found')
      const offending = rows.filter((row) => row.first !== 'org_id').map((row) => `${row.table}.${row.name}`)
      assert.deepEqual(offending, [])
    })

    it('coffer_app cannot log in, cannot bypass RLS, and owns nothing', async () => {
      const { rows } = await testDb.db.query<{
        login: boolean
        bypass: boolean
        superuser: boolean
        owned: number
      }>(
        `SELECT rolcanlogin AS login, rolbypassrls AS bypass, rolsuper AS superuser,
                (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned
         FROM pg_roles r WHERE rolname = 'coffer_app'`,
      )
      assert.deepEqual(rows[0], { login: false, bypass: false, superuser: false, owned: 0 })
    })
  })
}
