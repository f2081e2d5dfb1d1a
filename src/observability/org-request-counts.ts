/**
 * Requests per org, kept in memory for the per-org metric. Prometheus series must stay bounded, so
 * a scrape reports only the `TOP_ORGS` busiest orgs by name and folds every other org into one
 * `other` series; memory is bounded too: past `MAX_TRACKED_ORGS` distinct orgs, new ones are
 * counted only in `other`.
 */

/** Orgs reported by id on a scrape. */
export const TOP_ORGS = 50
/** Distinct orgs counted by id since start; later ones count only in `other`. */
export const MAX_TRACKED_ORGS = 10_000

/** Requests answered by status class: 2xx, 4xx, 5xx (1xx and 3xx count with 2xx). */
export interface StatusCounts {
  '2xx': number
  '4xx': number
  '5xx': number
}

const classOf = (status: number): keyof StatusCounts =>
  status >= 500 ? '5xx' : status >= 400 ? '4xx' : '2xx'
const emptyCounts = (): StatusCounts => ({ '2xx': 0, '4xx': 0, '5xx': 0 })
const totalOf = (counts: StatusCounts) => counts['2xx'] + counts['4xx'] + counts['5xx']

export class OrgRequestCounts {
  readonly #byOrg = new Map<string, StatusCounts>()
  readonly #untracked = emptyCounts()

  /** Counts one answered request of `orgId`. */
  add(orgId: string, status: number): void {
    let counts = this.#byOrg.get(orgId)
    if (!counts) {
      if (this.#byOrg.size >= MAX_TRACKED_ORGS) {
        this.#untracked[classOf(status)]++
        return
      }
      counts = emptyCounts()
      this.#byOrg.set(orgId, counts)
    }
    counts[classOf(status)]++
  }

  /** The `n` busiest orgs since start, and the sum of every other one under `other`. */
  top(n = TOP_ORGS): { orgs: Array<{ orgId: string; counts: StatusCounts }>; other: StatusCounts } {
    const ranked = [...this.#byOrg].sort((a, b) => totalOf(b[1]) - totalOf(a[1]))
    const other = { ...this.#untracked }
    for (const [, counts] of ranked.slice(n)) {
      other['2xx'] += counts['2xx']
      other['4xx'] += counts['4xx']
      other['5xx'] += counts['5xx']
    }
    return { orgs: ranked.slice(0, n).map(([orgId, counts]) => ({ orgId, counts: { ...counts } })), other }
  }
}
