/**
 * Search over encrypted record content. A query is cut into terms like content is
 * (search-terms.ts); each term is hashed under every live key version (two during a rotation), the
 * blind index (`record_terms`, and `record_terms_pending` for the records the term indexer has not
 * moved yet) gives the records holding any of those buckets — only those the
 * principal may see (visibility, grants, expiry), narrowed by the filters — and the best
 * `candidatesFor(limit)` of them by their stored frequencies are ranked by BM25 on those stored
 * frequencies and lengths (a record's length is the sum of its stored frequencies), without
 * decrypting anything. Only the page is decrypted, best first: a hit that holds none of the
 * query's terms in its plaintext (a bucket shared with another term) is dropped and the next
 * candidate takes its place.
 *
 * Semantics: OR — a record matches when it holds at least one query term; more of them, rarer
 * ones and more often, rank higher. Ties: records of the principal's own reach before records
 * reached through a grant, then newer first.
 */
import type { TenantSql } from '../db/tenant-door.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import { lookupVersions } from './entity-index.js'
import { type RecordAccess, recordAccessPredicate, viaGrantColumn } from './record-access.js'
import type { RecordsService, RecordVisibility } from './records-service.js'
import { MAX_QUERY_TERMS, termFrequencies, termsOf } from './search-terms.js'
import { TERM_INDEX_LABEL, termHash } from './term-index.js'

/**
 * Records decrypted per query: the ones whose buckets match best by stored frequency, at least
 * MIN_CANDIDATES and CANDIDATES_PER_RESULT per result asked for, at most MAX_CANDIDATES. Only
 * these are re-ranked exactly; decrypting and re-tokenising them is most of a query's cost.
 */
export const MAX_CANDIDATES = 1_000
export const MIN_CANDIDATES = 100
export const CANDIDATES_PER_RESULT = 10

/** How many candidates a query of `limit` results decrypts. */
export function candidatesFor(limit: number): number {
  return Math.min(MAX_CANDIDATES, Math.max(MIN_CANDIDATES, limit * CANDIDATES_PER_RESULT))
}

/**
 * Visible records read per query term (and key version), newest first: bounds a query's work
 * whatever the term. A term in more records than this counts as in exactly this many (its idf
 * stops falling), and only its newest matches are candidates — rarer terms of the query still
 * reach older records through their own lists.
 */
export const HITS_PER_TERM = 1_000

/** BM25 parameters (the usual ones). */
const K1 = 1.2
const B = 0.75

/** What a search asks; filters are optional, and within one filter any value matches. */
export interface SearchQuery {
  query: string
  namespaces?: readonly string[] | undefined
  types?: readonly string[] | undefined
  /** Records naming at least one of these entities (through their exact blind index). */
  entities?: readonly string[] | undefined
  limit: number
}

/** One hit: the record's plaintext fields and its score; never its content. */
export interface SearchHit {
  id: string
  score: number
  namespace: string
  type: string
  visibility: RecordVisibility
  /** The grant this record was reached through; null when reached directly. */
  via_grant: string | null
  created_at: string
  updated_at: string
  expires_at: string | null
}

interface CandidateRow {
  id: string
  hint: number
  /** The record's stored frequency per query term number (absent: 0). */
  tfs: Record<string, number>
  /** The sum of the record's stored frequencies: its length in terms (capped per term). */
  length: number
  dfs: Record<string, number>
  universe: number
}

/** Candidates decrypted beyond the page at once, so that a false positive rarely costs a round trip. */
const VERIFY_SLACK = 5

interface RecordRow {
  id: string
  namespace: string
  type: string
  visibility: RecordVisibility
  via_grant: string | null
  created_at: Date
  updated_at: Date
  expires_at: Date | null
}

/** Ranked search over the blind term index. */
export class RecordsSearch {
  readonly #keyring: OrgKeyring
  readonly #records: RecordsService

  constructor(options: { keyring: OrgKeyring; records: RecordsService }) {
    this.#keyring = options.keyring
    this.#records = options.records
  }

  /**
   * The best `limit` records for `query` that `access` may see, best first.
   * @throws DECRYPTION_FAILED, KEY_DESTROYED, KEY_UNAVAILABLE
   */
  async search(sql: TenantSql, input: SearchQuery, access: RecordAccess): Promise<{ items: SearchHit[] }> {
    const terms = [...termFrequencies(input.query, { maxTerms: MAX_QUERY_TERMS }).frequencies.keys()]
    if (terms.length === 0) return { items: [] }
    const candidates = await this.#candidates(sql, terms, input, access)
    if (candidates.length === 0) return { items: [] }
    const rows = await this.#rows(
      sql,
      candidates.map((c) => c.id),
      access,
    )
    const ranked = rankByStoredFrequencies(candidates, rows, terms.length)
    // Decrypt best first, only as many as the page needs: drop false positives as they show.
    const items: SearchHit[] = []
    for (let next = 0; next < ranked.length && items.length < input.limit; ) {
      const chunk = ranked.slice(next, next + input.limit - items.length + VERIFY_SLACK)
      next += chunk.length
      const contents = await this.#contents(
        sql,
        chunk.map((hit) => hit.id),
      )
      for (const hit of chunk) {
        const content = contents.get(hit.id)
        if (content === undefined) continue // gone since the ranking read (same transaction: never)
        if (await this.#holdsAnyTerm(sql, hit.id, content, terms)) items.push(hit)
        if (items.length === input.limit) break
      }
    }
    return { items }
  }

  /**
   * Candidate ids with a first score from stored frequencies (no lengths), and per query term the
   * number of visible matching records (`dfs`, by term number) and how many match any (`universe`).
   */
  async #candidates(
    sql: TenantSql,
    terms: readonly string[],
    input: SearchQuery,
    access: RecordAccess,
  ): Promise<CandidateRow[]> {
    const hashes: number[] = []
    const versions: number[] = []
    const termNumbers: number[] = []
    for (const version of await lookupVersions(sql, this.#keyring)) {
      const { key } = await this.#keyring.indexKey(sql, version, TERM_INDEX_LABEL)
      try {
        for (const [number, term] of terms.entries()) {
          hashes.push(termHash(key, term))
          versions.push(version)
          termNumbers.push(number)
        }
      } finally {
        // JS gives no guarantee that no copy of the key is left elsewhere in memory.
        key.fill(0)
      }
    }
    const params: unknown[] = [sql.orgId, hashes, versions, termNumbers, candidatesFor(input.limit)]
    const where: string[] = []
    if (input.namespaces !== undefined && input.namespaces.length > 0) {
      where.push(`r.namespace_id IN (SELECT ns.id FROM namespaces ns
        WHERE ns.org_id = r.org_id AND ns.name = ANY ($${params.push([...input.namespaces])}::text[]))`)
    }
    if (input.types !== undefined && input.types.length > 0) {
      where.push(`r.type = ANY ($${params.push([...input.types])}::text[])`)
    }
    if (input.entities !== undefined && input.entities.length > 0) {
      const any: string[] = []
      for (const entity of input.entities) any.push(await this.#records.entityPredicate(sql, entity, params))
      where.push(`(${any.join(' OR ')})`)
    }
    const visible = recordAccessPredicate(access, params.length + 1)
    params.push(...visible.params)
    const filters = where.map((clause) => `AND ${clause}`).join(' ')
    // Records indexed by bucket (record_terms) and those whose index row is still pending (the
    // newest; the term indexer moves them every second): a record is found once it is committed.
    const { rows } = await sql.query<CandidateRow>(
      `WITH q AS (
         SELECT * FROM unnest($2::int[], $3::int[], $4::int[]) AS q(hash, version, term_no)
       ), hits AS MATERIALIZED (
         SELECT h.record_id, q.term_no, h.tf
         FROM q CROSS JOIN LATERAL (
           SELECT x.record_id, x.tf FROM (
             (SELECT t.record_id, t.tf
              FROM record_terms t JOIN records r ON r.org_id = t.org_id AND r.id = t.record_id
              WHERE t.org_id = $1 AND t.term_hash = q.hash AND t.key_version = q.version
                AND ${visible.sql} ${filters}
              ORDER BY t.record_id DESC LIMIT ${HITS_PER_TERM})
             UNION ALL
             (SELECT p.record_id, p.tfs[array_position(p.term_hashes, q.hash)] AS tf
              FROM record_terms_pending p JOIN records r ON r.org_id = p.org_id AND r.id = p.record_id
              WHERE p.org_id = $1 AND p.key_version = q.version AND p.term_hashes @> ARRAY[q.hash]
                AND ${visible.sql} ${filters})
           ) x
           ORDER BY x.record_id DESC LIMIT ${HITS_PER_TERM}
         ) h
       ), df AS MATERIALIZED (
         SELECT term_no, count(DISTINCT record_id)::int AS df FROM hits GROUP BY term_no
       ), universe AS MATERIALIZED (
         SELECT count(DISTINCT record_id)::int AS n FROM hits
       ), best AS (
         SELECT h.record_id AS id,
                sum(ln(1 + (u.n - d.df + 0.5)::float8 / (d.df + 0.5)) * h.tf * ${K1 + 1} / (h.tf + ${K1}))::float8 AS hint,
                json_object_agg(h.term_no, h.tf) AS tfs,
                u.n AS universe
         FROM hits h JOIN df d ON d.term_no = h.term_no CROSS JOIN universe u
         GROUP BY h.record_id, u.n
         ORDER BY hint DESC, h.record_id DESC
         LIMIT $5
       )
       SELECT b.id, b.hint, b.tfs, b.universe, (SELECT json_object_agg(term_no, df) FROM df) AS dfs,
              coalesce((SELECT sum(t.tf) FROM record_terms t
                        WHERE t.org_id = $1 AND t.record_id = b.id
                        GROUP BY t.key_version ORDER BY t.key_version DESC LIMIT 1),
                       (SELECT sum(f) FROM (SELECT p.tfs FROM record_terms_pending p
                                            WHERE p.org_id = $1 AND p.record_id = b.id
                                            ORDER BY p.key_version DESC LIMIT 1) p, unnest(p.tfs) AS f),
                       0)::int AS length
       FROM best b
       ORDER BY b.hint DESC, b.id DESC`,
      params,
    )
    return rows
  }

  /** The candidates' plaintext columns, read again under the access predicate. */
  async #rows(sql: TenantSql, ids: readonly string[], access: RecordAccess): Promise<RecordRow[]> {
    const visible = recordAccessPredicate(access, 3)
    const { rows } = await sql.query<RecordRow>(
      `SELECT r.id, n.name AS namespace, r.type, r.visibility, ${viaGrantColumn(3)} AS via_grant,
              r.created_at, r.updated_at, r.expires_at
       FROM records r JOIN namespaces n ON n.org_id = r.org_id AND n.id = r.namespace_id
       WHERE r.org_id = $1 AND r.id = ANY ($2::uuid[]) AND ${visible.sql}`,
      [sql.orgId, ids, ...visible.params],
    )
    return rows
  }

  /** The envelopes of the content of `ids` (already checked visible by `#rows`, same transaction). */
  async #contents(sql: TenantSql, ids: readonly string[]): Promise<Map<string, Uint8Array>> {
    const { rows } = await sql.query<{ id: string; content: Uint8Array }>(
      'SELECT id, content FROM records WHERE org_id = $1 AND id = ANY ($2::uuid[])',
      [sql.orgId, ids],
    )
    return new Map(rows.map((row) => [row.id, row.content]))
  }

  /** Whether the record's plaintext holds a query term: false for a bucket shared with another term. */
  async #holdsAnyTerm(
    sql: TenantSql,
    id: string,
    content: Uint8Array,
    terms: readonly string[],
  ): Promise<boolean> {
    const plaintext = await this.#keyring.openField(
      sql,
      { table: 'records', column: 'content', rowId: id },
      content,
    )
    try {
      const wanted = new Set(terms)
      for (const term of termsOf(plaintext.toString('utf8'))) if (wanted.has(term)) return true
      return false
    } finally {
      // JS gives no guarantee that no copy of the plaintext is left elsewhere in memory.
      plaintext.fill(0)
    }
  }
}

/**
 * BM25 over the candidates' stored frequencies and lengths (average length over the candidates),
 * best first. Ties: records of the principal's own reach before those reached through a grant,
 * then newer first. Candidates no longer visible (absent from `rows`) are left out.
 */
function rankByStoredFrequencies(
  candidates: readonly CandidateRow[],
  rows: readonly RecordRow[],
  termCount: number,
): SearchHit[] {
  const byId = new Map(rows.map((row) => [row.id, row]))
  const visible = candidates.filter((candidate) => byId.has(candidate.id))
  if (visible.length === 0) return []
  const { dfs, universe } = visible[0]!
  const averageLength = visible.reduce((sum, c) => sum + c.length, 0) / visible.length || 1
  const idf = Array.from({ length: termCount }, (_, number) => {
    const df = dfs[String(number)] ?? 0
    return Math.log(1 + (universe - df + 0.5) / (df + 0.5))
  })
  const hits = visible.map((candidate) => {
    let score = 0
    for (const [number, tf] of Object.entries(candidate.tfs)) {
      score +=
        (idf[Number(number)]! * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * candidate.length) / averageLength))
    }
    return toHit(byId.get(candidate.id)!, Math.round(score * 10_000) / 10_000)
  })
  return hits.sort(
    (a, b) =>
      b.score - a.score ||
      Number(a.via_grant !== null) - Number(b.via_grant !== null) ||
      (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0) ||
      (a.id < b.id ? 1 : -1),
  )
}

function toHit(row: RecordRow, score: number): SearchHit {
  return {
    id: row.id,
    score,
    namespace: row.namespace,
    type: row.type,
    visibility: row.visibility,
    via_grant: row.via_grant,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    expires_at: row.expires_at?.toISOString() ?? null,
  }
}
