/**
 * The shape the periodic jobs share: work in batches until one comes back short, go through orgs
 * so that one failing org does not stop the others, and refuse sizes that are not positive.
 */

/** @throws RangeError unless `value` is a positive safe integer, naming it as `name` */
export function assertPositiveInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`)
}

/**
 * Runs `batch` (which handles up to `batchSize` rows and says how many it did) until one comes back
 * short; returns how many rows all of them handled.
 */
export async function untilShortBatch(batchSize: number, batch: () => Promise<number>): Promise<number> {
  let total = 0
  for (;;) {
    const handled = await batch()
    total += handled
    if (handled < batchSize) return total
  }
}

/** Runs `fn` for each item in order; one that fails does not stop the rest; the first error is thrown after the last. */
export async function forEachSettled<T>(items: Iterable<T>, fn: (item: T) => Promise<void>): Promise<void> {
  let firstError: unknown
  for (const item of items) {
    try {
      await fn(item)
    } catch (error) {
      firstError ??= error
    }
  }
  if (firstError !== undefined) throw firstError
}
