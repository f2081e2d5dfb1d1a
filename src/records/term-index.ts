/**
 * The blind index of record content for search: each distinct term of a record is stored only as
 * the first TERM_HASH_BITS bits of HMAC-SHA256 under a key derived from the org key for this index
 * (so per org, per index and per key version), as an integer, with how often it occurs.
 *
 * Truncation is deliberate: 2^20 buckets, so in an org with a large vocabulary several terms share
 * each hash and a row does not name one term. The price is false positives — a record holding
 * another term of the same bucket — which search drops after decrypting the candidates. With d
 * distinct terms in a record, a one-term query matches it falsely with probability
 * 1 - (1 - 2^-20)^d ≈ d / 2^20 (about 1 in 21,000 for d = 50).
 *
 * Leakage (stated in the README): the database shows which records share a hash bucket, how many
 * distinct terms (buckets) each record has and how often each occurs; not the terms.
 */
import { hmacSha256 } from '../crypto/hmac.js'
import type { TenantSql } from '../db/tenant-door.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import type { IndexWriteOptions, RecordIndexer, RecordPlaintext } from './records-service.js'
import { MAX_TERMS_PER_RECORD, termFrequencies } from './search-terms.js'

/** The blind index label: part of the HKDF info, so no other index shares these hashes. */
export const TERM_INDEX_LABEL = 'records.content.terms'

/** Bits of HMAC kept per term: 2^20 = 1,048,576 buckets. */
export const TERM_HASH_BITS = 20

/** Largest term frequency stored (the column is a smallint). */
const MAX_STORED_FREQUENCY = 32_767

/** A (folded) term's bucket under one derived index key: the HMAC's first TERM_HASH_BITS bits. */
export function termHash(indexKey: Uint8Array, term: string): number {
  return hmacSha256(indexKey, term).readUInt32BE(0) >>> (32 - TERM_HASH_BITS)
}

/** Keeps `record_terms` in step with record writes and with key rotation. */
export class TermIndexer implements RecordIndexer {
  readonly #keyring: OrgKeyring

  constructor(options: { keyring: OrgKeyring }) {
    this.#keyring = options.keyring
  }

  /**
   * Writes the record's blind index as one pending row (`record_terms_pending`: its buckets and
   * their frequencies under `version`, as two arrays), which the term indexer later moves into
   * `record_terms`; search reads both. With `replace`, its index rows under every version are
   * deleted first, pending ones first (the order the indexer and the delete trigger take too; a
   * new record has none, so its write is one INSERT). Call in the transaction that writes the record.
   * @throws KEY_DESTROYED, KEY_UNAVAILABLE
   */
  async index(
    sql: TenantSql,
    record: RecordPlaintext,
    version: number | 'active',
    options: IndexWriteOptions,
  ): Promise<void> {
    if (options.replace) {
      // One record: equality on the primary key's prefix, so the plan is that index whatever the
      // statistics say (ANY over an array let a fresh org's DELETE take the by-hash index).
      await sql.query('DELETE FROM record_terms_pending WHERE org_id = $1 AND record_id = $2', [
        sql.orgId,
        record.id,
      ])
      await sql.query('DELETE FROM record_terms WHERE org_id = $1 AND record_id = $2', [sql.orgId, record.id])
    }
    const { keyVersion, buckets } = await this.#buckets(sql, [record], version)
    const [only] = buckets
    if (only === undefined || only.hashes.length === 0) return
    await sql.defer(
      `INSERT INTO record_terms_pending (org_id, record_id, key_version, term_hashes, tfs)
       VALUES ($1, $2, $3, $4::int[], $5::smallint[])`,
      [sql.orgId, record.id, keyVersion, only.hashes, only.counts],
    )
  }

  /**
   * `index` with `replace` for many records at once (a rotation batch): one key derivation, one
   * DELETE of each table and one INSERT straight into `record_terms`, sorted by bucket.
   * @throws KEY_DESTROYED, KEY_UNAVAILABLE
   */
  async indexMany(
    sql: TenantSql,
    records: readonly RecordPlaintext[],
    version: number | 'active',
  ): Promise<void> {
    if (records.length === 0) return
    const ids = records.map((record) => record.id)
    await sql.query('DELETE FROM record_terms_pending WHERE org_id = $1 AND record_id = ANY ($2::uuid[])', [
      sql.orgId,
      ids,
    ])
    await sql.query('DELETE FROM record_terms WHERE org_id = $1 AND record_id = ANY ($2::uuid[])', [
      sql.orgId,
      ids,
    ])
    const { keyVersion, buckets } = await this.#buckets(sql, records, version)
    const rows: { id: string; hash: number; count: number }[] = []
    for (const { id, hashes, counts } of buckets)
      for (let i = 0; i < hashes.length; i++) rows.push({ id, hash: hashes[i]!, count: counts[i]! })
    if (rows.length === 0) return
    // In bucket order: each leaf page of the by-bucket index is visited once per batch.
    rows.sort((a, b) => a.hash - b.hash || (a.id < b.id ? -1 : 1))
    await sql.defer(
      `INSERT INTO record_terms (org_id, record_id, key_version, term_hash, tf)
       SELECT $1, r, $2, h, f FROM unnest($3::uuid[], $4::int[], $5::int[]) WITH ORDINALITY AS u(r, h, f, n) ORDER BY n`,
      [sql.orgId, keyVersion, rows.map((r) => r.id), rows.map((r) => r.hash), rows.map((r) => r.count)],
    )
  }

  /** Each record's buckets and their frequencies under the index key of `version`. */
  async #buckets(
    sql: TenantSql,
    records: readonly RecordPlaintext[],
    version: number | 'active',
  ): Promise<{ keyVersion: number; buckets: { id: string; hashes: number[]; counts: number[] }[] }> {
    const { version: keyVersion, key } = await this.#keyring.indexKey(sql, version, TERM_INDEX_LABEL)
    const buckets: { id: string; hashes: number[]; counts: number[] }[] = []
    try {
      for (const record of records) {
        const { frequencies } = termFrequencies(record.content, { maxTerms: MAX_TERMS_PER_RECORD })
        // Two terms of one record may share a bucket: their frequencies add up.
        const byHash = new Map<number, number>()
        for (const [term, frequency] of frequencies) {
          const hash = termHash(key, term)
          byHash.set(hash, Math.min(MAX_STORED_FREQUENCY, (byHash.get(hash) ?? 0) + frequency))
        }
        buckets.push({ id: record.id, hashes: [...byHash.keys()], counts: [...byHash.values()] })
      }
    } finally {
      // JS gives no guarantee that no copy of the key is left elsewhere in memory.
      key.fill(0)
    }
    return { keyVersion, buckets }
  }
}
