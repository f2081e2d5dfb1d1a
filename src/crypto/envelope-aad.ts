/**
 * The AAD of an envelope, `header (5 bytes) ‖ UTF-8 of the context`, built without allocating.
 *
 * Sealing and opening build it on every call, and encoding the context is most of what an
 * envelope adds to the bare libsodium call. So the bytes go into one module-level scratch
 * buffer, reused: the AAD is not secret (a format byte, a key version, ids), libsodium reads
 * it synchronously, and JS runs one call at a time, so no two calls ever share it.
 * Not re-exported.
 */

const HEADER_BYTES = 5
const SCRATCH_BYTES = 4096
/** A UTF-16 code unit encodes to at most 3 UTF-8 bytes. */
const MAX_UTF8_BYTES_PER_UNIT = 3

const scratch = Buffer.allocUnsafeSlow(SCRATCH_BYTES)
const scratchContext = new Uint8Array(
  scratch.buffer,
  scratch.byteOffset + HEADER_BYTES,
  SCRATCH_BYTES - HEADER_BYTES,
)
const utf8 = new TextEncoder()
let lastView: Buffer = scratch.subarray(0, 0)

/**
 * Returns the AAD for `envelope` (only its first 5 bytes are read) and `context`.
 *
 * The result is a view of shared scratch memory, valid until the next call: pass it straight
 * to libsodium and do not keep it.
 */
export function envelopeAad(envelope: Uint8Array, context: string): Buffer {
  if (HEADER_BYTES + context.length * MAX_UTF8_BYTES_PER_UNIT > SCRATCH_BYTES) {
    return freshEnvelopeAad(envelope, context)
  }
  writeHeader(scratch, envelope)
  // Fits whole (checked above). encodeInto is the cheapest UTF-8 encoder into existing memory.
  const length = HEADER_BYTES + utf8.encodeInto(context, scratchContext).written
  // Contexts of one field have one length (UUID ids), so the previous view usually fits.
  if (lastView.length !== length) lastView = scratch.subarray(0, length)
  return lastView
}

/** Rare path for contexts too long for the scratch buffer: a buffer of their own. */
function freshEnvelopeAad(envelope: Uint8Array, context: string): Buffer {
  const aad = Buffer.allocUnsafe(HEADER_BYTES + Buffer.byteLength(context, 'utf8'))
  writeHeader(aad, envelope)
  aad.write(context, HEADER_BYTES, 'utf8')
  return aad
}

function writeHeader(target: Buffer, envelope: Uint8Array): void {
  target[0] = envelope[0]!
  target[1] = envelope[1]!
  target[2] = envelope[2]!
  target[3] = envelope[3]!
  target[4] = envelope[4]!
}
