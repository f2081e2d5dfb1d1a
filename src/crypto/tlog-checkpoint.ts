/**
 * C2SP tlog-checkpoint note text (https://c2sp.org/tlog-checkpoint): origin, tree size, base64
 * root hash, one per line, each ending in a newline. Pure: no I/O.
 */
import { HASH_BYTES } from './merkle-tree.js'

/** A tree head as a checkpoint states it. */
export interface CheckpointBody {
  origin: string
  treeSize: number
  rootHash: Buffer
}

/** The note text of a checkpoint (no extension lines). */
export function formatCheckpoint(body: CheckpointBody): string {
  return `${body.origin}\n${body.treeSize}\n${body.rootHash.toString('base64')}\n`
}

/** Parses a checkpoint note text; undefined when it is not one. Extension lines are allowed and ignored. */
export function parseCheckpoint(text: string): CheckpointBody | undefined {
  if (!text.endsWith('\n')) return undefined
  const lines = text.slice(0, -1).split('\n')
  if (lines.length < 3 || lines.some((line) => line.length === 0)) return undefined
  const [origin, sizeText, rootText] = lines as [string, string, string]
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText)) return undefined
  const treeSize = Number(sizeText)
  if (!Number.isSafeInteger(treeSize)) return undefined
  const rootHash = Buffer.from(rootText, 'base64')
  if (rootHash.length !== HASH_BYTES || rootHash.toString('base64') !== rootText) return undefined
  return { origin, treeSize, rootHash }
}
