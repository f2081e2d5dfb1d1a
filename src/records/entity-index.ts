/**
 * The exact blind index of record entities: each entity (a person, a company, an account id) is
 * stored only as HMAC-SHA256 under a key derived from the org key for this index, truncated to
 * 16 bytes. Equal entities hash equal within one org and key version, so a list or an erase can
 * find them without the database ever holding the name; 128 bits leave no shared hashes.
 *
 * Leakage (stated in the README): the database shows which records share an entity, and how many
 * entities each record has; not what they are.
 */
import { hmacSha256 } from '../crypto/hmac.js'
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import type { OrgKeyring } from '../keys/org-keyring.js'

/** The blind index label: part of the HKDF info, so no other index shares these hashes. */
export const ENTITY_INDEX_LABEL = 'records.entities'

/** Bytes of HMAC kept per entity. */
export const ENTITY_HASH_BYTES = 16

/** Entities per record, at most; each 1-256 characters. */
export const MAX_ENTITIES = 100
export const MAX_ENTITY_LENGTH = 256

/**
 * The form an entity is compared in: Unicode NFKC, case-folded (lower case, then NFKC again so
 * that folding cannot leave an unnormalised string), inner whitespace collapsed, trimmed.
 * "Ada  Lovelace", "ada lovelace" and "ＡＤＡ Lovelace" are one entity.
 */
export function normaliseEntity(entity: string): string {
  return entity.normalize('NFKC').toLowerCase().normalize('NFKC').replace(/\s+/gu, ' ').trim()
}

/**
 * Checks and normalises a record's entities, dropping duplicates (first spelling kept).
 * @throws VALIDATION_FAILED naming `field` for too many, empty or too long entities
 */
export function checkEntities(entities: readonly string[], field = 'entities'): string[] {
  if (entities.length > MAX_ENTITIES) {
    throw new CofferError('VALIDATION_FAILED', `${field}: at most ${MAX_ENTITIES} entities`)
  }
  const seen = new Map<string, string>()
  for (const entity of entities) {
    const normal = normaliseEntity(entity)
    if (normal.length === 0 || normal.length > MAX_ENTITY_LENGTH) {
      throw new CofferError('VALIDATION_FAILED', `${field}: each must be 1-${MAX_ENTITY_LENGTH} characters`)
    }
    if (!seen.has(normal)) seen.set(normal, entity)
  }
  return [...seen.values()]
}

/** The entity's blind index hash under one derived index key. */
export function entityHash(indexKey: Uint8Array, entity: string): Buffer {
  return hmacSha256(indexKey, normaliseEntity(entity)).subarray(0, ENTITY_HASH_BYTES)
}

/**
 * Writes the index rows of records' entities under the active (or given) key version, replacing
 * any they had (`replace`, the default: one DELETE by the primary key's prefix, then one INSERT
 * for all of them; a new record's write only inserts). Call in the transaction that writes the
 * records (or re-encrypts them, in rotation).
 */
export async function indexEntities(
  sql: TenantSql,
  keyring: OrgKeyring,
  records: readonly { id: string; entities: readonly string[] }[],
  version: number | 'active' = 'active',
  options: { replace: boolean } = { replace: true },
): Promise<void> {
  if (records.length === 0) return
  if (options.replace) {
    await sql.query('DELETE FROM record_entities WHERE org_id = $1 AND record_id = ANY ($2::uuid[])', [
      sql.orgId,
      records.map((record) => record.id),
    ])
  }
  if (records.every((record) => record.entities.length === 0)) return
  const { version: keyVersion, key } = await keyring.indexKey(sql, version, ENTITY_INDEX_LABEL)
  try {
    const params: unknown[] = [sql.orgId, keyVersion]
    const values: string[] = []
    for (const record of records) {
      const hashes = new Map(record.entities.map((e) => [normaliseEntity(e), entityHash(key, e)]))
      for (const hash of hashes.values()) {
        values.push(`($1, $${params.push(record.id)}::uuid, $2, $${params.push(hash)}::bytea)`)
      }
    }
    await sql.defer(
      `INSERT INTO record_entities (org_id, record_id, key_version, entity_hash) VALUES ${values.join(', ')}`,
      params,
    )
  } finally {
    key.fill(0)
  }
}

/**
 * The key versions a blind-index lookup hashes under (`OrgKeyring.liveVersions`). None is left
 * only when the org's keys were destroyed: a lookup then cannot be made at all, which is
 * `KEY_DESTROYED`, not "no match" (and never an empty `IN ()`).
 * @throws KEY_DESTROYED
 */
export async function lookupVersions(sql: TenantSql, keyring: OrgKeyring): Promise<number[]> {
  const versions = await keyring.liveVersions(sql)
  if (versions.length === 0) throw new CofferError('KEY_DESTROYED', "the org's keys were destroyed")
  return versions
}

/**
 * The `(key_version, hash)` pairs an entity may be indexed under right now: one per live key
 * version (two during a rotation), so lookups keep finding records the job has not reached yet.
 */
export async function entityLookup(
  sql: TenantSql,
  keyring: OrgKeyring,
  entity: string,
): Promise<{ versions: number[]; hashes: Buffer[] }> {
  const versions = await lookupVersions(sql, keyring)
  const hashes: Buffer[] = []
  for (const version of versions) {
    const { key } = await keyring.indexKey(sql, version, ENTITY_INDEX_LABEL)
    hashes.push(entityHash(key, entity))
    key.fill(0)
  }
  return { versions, hashes }
}
