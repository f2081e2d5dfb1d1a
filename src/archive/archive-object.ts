/**
 * The self-describing object one archived record becomes: a small JSON document, versioned by its
 * `format` field (decoders refuse any other), that names the record (id, namespace, type,
 * visibility, timestamps) and carries its content either readable (`plaintext` mode) or sealed to
 * the customer's X25519 public key with libsodium's `crypto_box_seal` (`sealed` mode: anonymous
 * sender, only the holder of the secret key opens it; Coffer cannot).
 *
 * ```json
 * { "format": "coffer.archive.v1", "record_id": "...", "namespace": "...", "type": "...",
 *   "visibility": "shared", "owner_agent": null, "allowed_agents": [],
 *   "created_at": "...", "updated_at": "...", "archived_at": "...",
 *   "mode": "plaintext",
 *   "record": { "content": "...", "metadata": {...} | null, "entities": [...] },
 *   "sha256": "<hex SHA-256 of JSON.stringify(record)>" }
 * ```
 *
 * In `sealed` mode `record` is absent and `sealed` holds `{ "alg": "crypto_box_seal",
 * "recipient_public_key": "<base64>", "ciphertext": "<base64>" }`; the ciphertext opens to the
 * same `JSON.stringify(record)` text and `sha256` is the hash of the ciphertext bytes (a hash of the
 * plaintext beside it would let anyone confirm a guess of the content).
 */
import { parseSealedBoxPublicKey, sealToPublicKey } from '../crypto/sealed-box.js'
import { CofferError } from '../errors.js'
import { sha256Hex } from './archive-bucket.js'

/** The one format this version writes and reads. */
export const ARCHIVE_FORMAT = 'coffer.archive.v1'

/** `plaintext`: the customer's bucket holds the content readable; `sealed`: only the customer's key opens it. */
export type ArchiveMode = 'plaintext' | 'sealed'

/** The record's encrypted fields, decrypted: what leaves the database. */
export interface ArchivedFields {
  content: string
  metadata: Record<string, unknown> | null
  entities: string[]
}

/** The record's plaintext columns, as the object and the stub name them. */
export interface ArchivedRecordHeader {
  record_id: string
  namespace: string
  type: string
  visibility: 'private' | 'shared' | 'public'
  owner_agent: string | null
  allowed_agents: string[]
  created_at: string
  updated_at: string
  archived_at: string
}

/** An archive object as written. */
export type ArchiveObject = ArchivedRecordHeader & {
  format: typeof ARCHIVE_FORMAT
  mode: ArchiveMode
  sha256: string
} & (
    | { mode: 'plaintext'; record: ArchivedFields }
    | { mode: 'sealed'; sealed: { alg: 'crypto_box_seal'; recipient_public_key: string; ciphertext: string } }
  )

/**
 * Decodes and checks a customer's X25519 public key (canonical base64, 32 bytes).
 * @throws VALIDATION_FAILED
 */
export function parseRecipientPublicKey(base64: string): Buffer {
  return parseSealedBoxPublicKey(base64, 'recipient_public_key')
}

/**
 * Encodes one record as its archive object. The caller wipes nothing here: the plaintext buffers
 * are JS strings (JS gives no way to wipe them).
 */
export function encodeArchiveObject(
  header: ArchivedRecordHeader,
  fields: ArchivedFields,
  target: { mode: 'plaintext' } | { mode: 'sealed'; recipientPublicKey: string },
): Buffer {
  const recordText = JSON.stringify({
    content: fields.content,
    metadata: fields.metadata,
    entities: fields.entities,
  })
  let object: ArchiveObject
  if (target.mode === 'plaintext') {
    object = {
      format: ARCHIVE_FORMAT,
      ...header,
      mode: 'plaintext',
      record: JSON.parse(recordText) as ArchivedFields,
      sha256: sha256Hex(Buffer.from(recordText, 'utf8')),
    }
  } else {
    const plaintext = Buffer.from(recordText, 'utf8')
    const ciphertext = sealToPublicKey(plaintext, parseRecipientPublicKey(target.recipientPublicKey))
    plaintext.fill(0)
    object = {
      format: ARCHIVE_FORMAT,
      ...header,
      mode: 'sealed',
      sealed: {
        alg: 'crypto_box_seal',
        recipient_public_key: target.recipientPublicKey,
        ciphertext: ciphertext.toString('base64'),
      },
      sha256: sha256Hex(ciphertext),
    }
  }
  return Buffer.from(`${JSON.stringify(object, null, 2)}\n`, 'utf8')
}

/**
 * Reads a plaintext-mode object back for a restore: the format, the record id and the content hash
 * must all be as written.
 * @throws ARCHIVE_OBJECT_INVALID (not JSON, another format or record, a hash that does not match);
 *   ARCHIVE_SEALED (a sealed object: Coffer cannot open it)
 */
export function decodePlaintextObject(bytes: Buffer, recordId: string): ArchivedFields {
  let object: Partial<ArchiveObject> & { record?: unknown; sha256?: unknown }
  try {
    object = JSON.parse(bytes.toString('utf8')) as typeof object
  } catch {
    throw new CofferError('ARCHIVE_OBJECT_INVALID', 'the archived object is not JSON')
  }
  if (object === null || typeof object !== 'object' || object.format !== ARCHIVE_FORMAT) {
    throw new CofferError('ARCHIVE_OBJECT_INVALID', `the archived object is not of format ${ARCHIVE_FORMAT}`)
  }
  if (object.record_id !== recordId) {
    throw new CofferError('ARCHIVE_OBJECT_INVALID', 'the archived object names another record')
  }
  if (object.mode === 'sealed') {
    throw new CofferError('ARCHIVE_SEALED', 'the archived object is sealed to the customer key')
  }
  const record = object.record as Partial<ArchivedFields> | undefined
  if (
    object.mode !== 'plaintext' ||
    !record ||
    typeof record.content !== 'string' ||
    !(record.metadata === null || (typeof record.metadata === 'object' && !Array.isArray(record.metadata))) ||
    !Array.isArray(record.entities) ||
    !record.entities.every((entity) => typeof entity === 'string')
  ) {
    throw new CofferError('ARCHIVE_OBJECT_INVALID', 'the archived object has no valid record')
  }
  const fields: ArchivedFields = {
    content: record.content,
    metadata: record.metadata ?? null,
    entities: record.entities,
  }
  const recordText = JSON.stringify({
    content: fields.content,
    metadata: fields.metadata,
    entities: fields.entities,
  })
  if (sha256Hex(Buffer.from(recordText, 'utf8')) !== object.sha256) {
    throw new CofferError('ARCHIVE_OBJECT_INVALID', 'the archived object does not match its hash')
  }
  return fields
}
