/**
 * Who may see which record, as one SQL predicate shared by every read, list and delete:
 *
 * - namespace reach: an unrestricted principal reaches every namespace; a namespace-restricted
 *   one reaches its own namespace, `public` records anywhere in the org, and namespaces granted
 *   to its namespace (optionally only some record types, until the grant expires);
 * - visibility: a `private` record is seen only by a principal whose agent is the record's
 *   owner agent or listed in its `allowed_agents`;
 * - expiry: a record whose `expires_at` has passed is gone for every read, list, search, change
 *   and delete from that instant, whether or not the sweeper has deleted it yet.
 *
 * Anything else answers exactly like a missing record (404).
 *
 * Changing or deleting a record needs write reach, which is narrower (`recordWritePredicate`):
 * the record's namespace is the principal's own (or the principal is unrestricted), never one
 * reached through a grant or `public` visibility; and a `private` record is changed only by its
 * owner agent (`allowed_agents` only read). A record the principal reads but may not change
 * answers 403 `INSUFFICIENT_SCOPE`; one it cannot even read, 404.
 */

/** The parts of a principal that decide what it sees. */
export interface RecordAccess {
  namespaceId: string | null
  agent: string | null
  /** The time grants and expiry are judged at (the app's clock). */
  now: Date
}

/** Grants that let namespace `ns` read record `r` at `now` (SQL parameter placeholders). */
function grantsReaching(ns: string, now: string): string {
  return `SELECT g.id FROM grants g
    WHERE g.org_id = r.org_id AND g.grantee_namespace_id = ${ns} AND g.granted_namespace_id = r.namespace_id
      AND (g.types IS NULL OR r.type = ANY (g.types)) AND (g.expires_at IS NULL OR g.expires_at > ${now})`
}

function placeholders(first: number): [ns: string, agent: string, now: string] {
  return [`$${first}::uuid`, `$${first + 1}::text`, `$${first + 2}::timestamptz`]
}

/**
 * The predicate over `records r`, reading its parameters from `$first` on:
 * namespace id, agent, now. Returns the SQL and the parameters to append.
 */
export function recordAccessPredicate(
  access: RecordAccess,
  first: number,
): { sql: string; params: unknown[] } {
  const [ns, agent, now] = placeholders(first)
  return {
    sql: `(${ns} IS NULL OR r.namespace_id = ${ns} OR r.visibility = 'public' OR EXISTS (${grantsReaching(ns, now)}))
      AND (r.visibility <> 'private' OR (${agent} IS NOT NULL AND (r.owner_agent = ${agent} OR ${agent} = ANY (r.allowed_agents))))
      AND (r.expires_at IS NULL OR r.expires_at > ${now})`,
    params: [access.namespaceId, access.agent, access.now],
  }
}

/**
 * The grant a visible record is reached through (null when reached directly), as a column
 * expression with the same parameters as `recordAccessPredicate`.
 */
export function viaGrantColumn(first: number): string {
  const [ns, , now] = placeholders(first)
  return `CASE WHEN ${ns} IS NULL OR r.namespace_id = ${ns} OR r.visibility = 'public' THEN NULL
    ELSE (${grantsReaching(ns, now)} ORDER BY g.id LIMIT 1) END`
}

/**
 * The write-reach predicate over `records r`, with the same parameters as `recordAccessPredicate`
 * (namespace id, agent, now from `$first` on): own namespace only, the owner agent for private
 * records, never an expired record.
 */
export function recordWritePredicate(
  access: RecordAccess,
  first: number,
): { sql: string; params: unknown[] } {
  const [ns, agent, now] = placeholders(first)
  return {
    sql: `(${ns} IS NULL OR r.namespace_id = ${ns})
      AND (r.visibility <> 'private' OR (${agent} IS NOT NULL AND r.owner_agent = ${agent}))
      AND (r.expires_at IS NULL OR r.expires_at > ${now})`,
    params: [access.namespaceId, access.agent, access.now],
  }
}
