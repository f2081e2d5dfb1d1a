/**
 * Every blind index entry of records, wherever it is: rows of `record_terms` and the buckets of
 * `record_terms_pending` (the rows the term indexer has not moved yet), with the same columns.
 * For a test's `SELECT ... FROM ${INDEX_ENTRIES} WHERE ...`.
 */
export const INDEX_ENTRIES = `(
  SELECT org_id, record_id, key_version, term_hash, tf FROM record_terms
  UNION ALL
  SELECT p.org_id, p.record_id, p.key_version, u.term_hash, u.tf
  FROM record_terms_pending p CROSS JOIN LATERAL unnest(p.term_hashes, p.tfs) AS u(term_hash, tf)
) AS index_entries`
