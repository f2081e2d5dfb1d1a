/**
 * Many records stored in one transaction, all or nothing. Each record goes through the one
 * per-record write path (`RecordsService.store`): the same checks (namespace reach, entities,
 * TTL) and the same side effects (term and entity index, `record.created` audit entry and
 * webhook event, and whatever else that path does) as a single `POST /v1/records`.
 */
import type { TenantSql } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { checkEntities } from './entity-index.js'
import type { RecordSummary, RecordsService, RecordWriter, StoreRecordInput } from './records-service.js'

/** Most records one batch stores. */
export const MAX_BATCH_RECORDS = 500

/**
 * A CofferError raised for item `index` of a batch, its message prefixed with the item's path
 * (`records.17.ttl_seconds: ...`); anything else unchanged.
 */
export function atBatchIndex(error: unknown, index: number): unknown {
  if (!(error instanceof CofferError)) return error
  const prefix = `records.${index}`
  const message = error.message.startsWith('body: ')
    ? `${prefix}: ${error.message.slice('body: '.length)}`
    : /^[a-z_]+[:.]/.test(error.message)
      ? `${prefix}.${error.message}`
      : `${prefix}: ${error.message}`
  return new CofferError(error.code, message, { cause: error })
}

/**
 * Stores `inputs` in order in the caller's transaction and returns their summaries in the same
 * order. The quota is charged once for the whole batch, before the first INSERT. The first item that fails throws (its error names `records.<index>`), and the caller's
 * transaction rolls back every item before it.
 * @throws as `RecordsService.store`, prefixed with the item's index; VALIDATION_FAILED for an
 *   empty batch or one over MAX_BATCH_RECORDS
 */
export async function storeBatch(
  records: RecordsService,
  sql: TenantSql,
  writer: RecordWriter,
  inputs: readonly StoreRecordInput[],
): Promise<RecordSummary[]> {
  if (inputs.length === 0 || inputs.length > MAX_BATCH_RECORDS) {
    throw new CofferError('VALIDATION_FAILED', `records: must hold 1 to ${MAX_BATCH_RECORDS} records`)
  }
  // Entities are checked per item first, so that a bad one is named by its index.
  for (const [index, input] of inputs.entries()) {
    try {
      checkEntities(input.entities ?? [])
    } catch (error) {
      throw atBatchIndex(error, index)
    }
  }
  await records.chargeForStores(sql, inputs)
  const items: RecordSummary[] = []
  for (const [index, input] of inputs.entries()) {
    try {
      items.push(await records.store(sql, writer, input, { charged: true }))
    } catch (error) {
      throw atBatchIndex(error, index)
    }
  }
  return items
}
