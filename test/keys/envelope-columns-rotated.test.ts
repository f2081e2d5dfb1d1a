import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ENCRYPTED_TABLES } from '../../src/app.js'
import { readTenantTables } from '../../src/db/isolation-check.js'
import { migrate } from '../../src/db/migrate.js'
import { openPGlite } from '../../src/db/pglite-driver.js'
import type { Database } from '../../src/db/sql.js'

/** bytea columns of tenant tables that are not envelopes, and why. */
const NOT_ENVELOPES: Record<string, string> = {
  'api_tokens.token_hash': 'HMAC of a token, not reversible',
  'audit_log.prev_hash': 'hash chain link',
  'audit_log.chain_hash': 'hash chain link',
  'audit_log.leaf_hash': 'RFC 9162 leaf hash of an entry that holds no content',
  'audit_tree_nodes.hash': 'Merkle subtree hash',
  'audit_checkpoints.root_hash': 'Merkle tree root',
  'idempotency_keys.key_hash': 'HMAC of an Idempotency-Key and its credential, not reversible',
  'idempotency_keys.request_hash': 'HMAC of the request sent under the key, not reversible',
  'org_keys.wrapped_key': 'wrapped by the root key; root rotation (rewrap) handles it',
  'record_entities.entity_hash': "blind index (HMAC), rebuilt by the records table's reindex in rotation",
  'archived_record_entities.entity_hash':
    "blind index (HMAC) copied from an archived record's own; kept under its key version, which erasure hashes under",
  'sessions.session_hash': 'HMAC of a session id, not reversible',
}

describe('every envelope column is re-encrypted by key rotation', () => {
  let db: Database
  before(async () => {
    db = await openPGlite({})
    await migrate(db)
  })
  after(() => db.close())

  it('each bytea column of a tenant table is either listed for rotation or known not to hold envelopes', async () => {
    const tables = (await readTenantTables(db)).map((t) => t.table)
    const { rows } = await db.query<{ column: string }>(
      `SELECT table_name || '.' || column_name AS column FROM information_schema.columns
       WHERE table_schema = current_schema() AND data_type = 'bytea' AND table_name = ANY($1) ORDER BY 1`,
      [tables],
    )
    const rotated = ENCRYPTED_TABLES.flatMap((t) => t.columns.map((c) => `${t.table}.${c}`))
    const unaccounted = rows.map((r) => r.column).filter((c) => !rotated.includes(c) && !(c in NOT_ENVELOPES))
    assert.deepEqual(unaccounted, [], 'add new envelope columns to ENCRYPTED_TABLES in src/app.ts')
    for (const column of rotated)
      assert.ok(
        rows.some((r) => r.column === column),
        `${column} exists`,
      )
  })
})
