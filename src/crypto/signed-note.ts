/**
 * C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 (signature type 0x01), through
 * node:crypto. Pure: no I/O.
 *
 * A note is a text ending in a newline, a blank line, then lines `— <key name> base64(key ID ‖
 * signature)`. key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]. A verifier key is
 * written `<name>+<key ID, 8 hex digits>+base64(0x01 ‖ public key)`.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto'

/** The signature type byte of Ed25519 in signed notes. */
export const ED25519_NOTE_TYPE = 0x01

const SIGNATURE_PREFIX = '\u2014 '
/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
/** SPKI DER prefix of an Ed25519 public key; the 32-byte key follows. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const MAX_SIGNATURES = 16

/** A public key that checks notes signed under `name`. */
export interface NoteVerifier {
  name: string
  keyId: Buffer
  publicKey: Buffer
}

/** True when `name` is a valid key name: non-empty, no whitespace, no `+`. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name)
}

/** SHA-256(name ‖ 0x0A ‖ 0x01 ‖ publicKey)[:4]. */
export function noteKeyId(name: string, publicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.of(0x0a, ED25519_NOTE_TYPE))
    .update(publicKey)
    .digest()
    .subarray(0, 4)
}

/** Ed25519 private key object from its 32-byte seed. */
export function ed25519PrivateKey(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new RangeError('seed must be 32 bytes')
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' })
}

/** Ed25519 public key object from its 32 raw bytes. */
export function ed25519PublicKey(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== 32) throw new RangeError('publicKey must be 32 bytes')
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]),
    format: 'der',
    type: 'spki',
  })
}

/** The 32 raw bytes of an Ed25519 public key object. */
export function rawEd25519PublicKey(key: KeyObject): Buffer {
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length)
}

/** True when `signature` is a valid Ed25519 signature of `message` under the 32-byte `publicKey`. */
export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false
  try {
    return verify(null, message, ed25519PublicKey(publicKey), signature)
  } catch {
    return false
  }
}

/** `<name>+<hex key ID>+base64(0x01 ‖ public key)`. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  return `${name}+${noteKeyId(name, publicKey).toString('hex')}+${Buffer.concat([Buffer.of(ED25519_NOTE_TYPE), publicKey]).toString('base64')}`
}

/** Parses a verifier key; undefined when it is malformed, not Ed25519, or its key ID does not match. */
export function parseVerifierKey(text: string): NoteVerifier | undefined {
  // The key name and key ID hold no `+`; the base64 key may.
  const trimmed = text.trim()
  const first = trimmed.indexOf('+')
  const second = trimmed.indexOf('+', first + 1)
  if (first < 0 || second < 0) return undefined
  const name = trimmed.slice(0, first)
  const idHex = trimmed.slice(first + 1, second)
  const keyBase64 = trimmed.slice(second + 1)
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(idHex)) return undefined
  const key = Buffer.from(keyBase64, 'base64')
  if (key.toString('base64') !== keyBase64 || key.length !== 33 || key[0] !== ED25519_NOTE_TYPE)
    return undefined
  const publicKey = key.subarray(1)
  const keyId = noteKeyId(name, publicKey)
  if (keyId.toString('hex') !== idHex) return undefined
  return { name, keyId, publicKey }
}

/**
 * Signs `text` (which must end in a newline) as a note under `name`.
 * @throws RangeError for a text that is not a valid note text or an invalid key name.
 */
export function signNote(text: string, name: string, privateKey: KeyObject): string {
  if (!isValidNoteText(text)) throw new RangeError('text must be a valid note text')
  if (!isValidKeyName(name)) throw new RangeError('name must be a valid key name')
  const publicKey = rawEd25519PublicKey(privateKey)
  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey)
  const blob = Buffer.concat([noteKeyId(name, publicKey), signature]).toString('base64')
  return `${text}\n${SIGNATURE_PREFIX}${name} ${blob}\n`
}

function isValidNoteText(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the note format forbids them
  return text.endsWith('\n') && !/[\u0000-\u0009\u000b-\u001f]/.test(text)
}

/** Why a note was refused. */
export type NoteRejection = 'malformed' | 'no_known_signature' | 'bad_signature'

/**
 * Verifies `note` against `verifiers`: signatures of unknown keys are ignored, a known key's
 * signature that fails refuses the note, and at least one known key must have signed.
 * Returns the note text (with its final newline) or why it was refused.
 */
export function openNote(
  note: string,
  verifiers: readonly NoteVerifier[],
): { ok: true; text: string; signedBy: NoteVerifier[] } | { ok: false; reason: NoteRejection } {
  if (!note.endsWith('\n')) return { ok: false, reason: 'malformed' }
  const split = note.lastIndexOf('\n\n')
  if (split < 0) return { ok: false, reason: 'malformed' }
  const text = note.slice(0, split + 1)
  if (!isValidNoteText(text)) return { ok: false, reason: 'malformed' }
  const lines = note.slice(split + 2, -1).split('\n')
  if (lines.length === 0 || lines.length > MAX_SIGNATURES) return { ok: false, reason: 'malformed' }
  const signedBy: NoteVerifier[] = []
  for (const line of lines) {
    if (!line.startsWith(SIGNATURE_PREFIX)) return { ok: false, reason: 'malformed' }
    const [name, blobText, ...rest] = line.slice(SIGNATURE_PREFIX.length).split(' ')
    if (!name || !blobText || rest.length > 0 || !isValidKeyName(name))
      return { ok: false, reason: 'malformed' }
    const blob = Buffer.from(blobText, 'base64')
    if (blob.toString('base64') !== blobText || blob.length < 5) return { ok: false, reason: 'malformed' }
    const keyId = blob.subarray(0, 4)
    const known = verifiers.find((v) => v.name === name && v.keyId.equals(keyId))
    if (!known) continue
    if (!verifyEd25519(known.publicKey, Buffer.from(text, 'utf8'), blob.subarray(4)))
      return { ok: false, reason: 'bad_signature' }
    signedBy.push(known)
  }
  return signedBy.length > 0 ? { ok: true, text, signedBy } : { ok: false, reason: 'no_known_signature' }
}
