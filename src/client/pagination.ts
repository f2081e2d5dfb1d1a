/** Cursor paging: every list answers `{ items, next_cursor }`; iterate the items of all pages. */

/** One page of a list. */
export interface Page<T> {
  items: T[]
  next_cursor?: string | null | undefined
}

/**
 * Yields every item of every page, fetching the next page only when the previous one is used up
 * (a `break` stops fetching). `fetchPage(undefined)` asks for the first page.
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined
  for (;;) {
    const page = await fetchPage(cursor)
    yield* page.items
    const next = page.next_cursor ?? null
    if (next === null || next === cursor) return
    cursor = next
  }
}
