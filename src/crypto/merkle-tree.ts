/**
 * RFC 6962 / RFC 9162 Merkle tree hashing, proofs and their verification. Pure: no I/O.
 *
 * leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right), empty tree = SHA-256("").
 * Proofs are built over a {@link SubtreeSource}: the hash of any complete, aligned subtree
 * (`level` L, `index` i covers leaves [i·2^L, (i+1)·2^L)), which is what the store keeps.
 */
import { createHash } from 'node:crypto'

/** Size of every hash in the tree. */
export const HASH_BYTES = 32

/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest()

/** SHA-256(0x00 ‖ data). */
export function hashLeaf(data: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(0)).update(data).digest()
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest()
}

/** The hash of the complete, aligned subtree at (`level`, `index`). */
export type SubtreeSource = (level: number, index: number) => Uint8Array

/** Largest power of two strictly below `n` (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

const isPowerOfTwo = (n: number) => n > 0 && Number.isInteger(Math.log2(n))

/** MTH(D[start:end]) from complete subtrees; `start` is aligned as every subtree RFC 9162 names is. */
export function rangeHash(start: number, end: number, node: SubtreeSource): Uint8Array {
  const n = end - start
  if (n === 0) return EMPTY_ROOT
  if (isPowerOfTwo(n) && start % n === 0) return node(Math.log2(n), start / n)
  const k = splitPoint(n)
  return hashChildren(rangeHash(start, start + k, node), rangeHash(start + k, end, node))
}

/** RFC 9162 §2.1.3.1 PATH(m, D[start:end]): the inclusion proof of leaf `start + m`. */
function path(m: number, start: number, end: number, node: SubtreeSource): Uint8Array[] {
  const n = end - start
  if (n <= 1) return []
  const k = splitPoint(n)
  if (m < k) return [...path(m, start, start + k, node), rangeHash(start + k, end, node)]
  return [...path(m - k, start + k, end, node), rangeHash(start, start + k, node)]
}

/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[start:end], b). */
function subproof(
  m: number,
  start: number,
  end: number,
  complete: boolean,
  node: SubtreeSource,
): Uint8Array[] {
  const n = end - start
  if (m === n) return complete ? [] : [rangeHash(start, end, node)]
  const k = splitPoint(n)
  if (m <= k) return [...subproof(m, start, start + k, complete, node), rangeHash(start + k, end, node)]
  return [...subproof(m - k, start + k, end, false, node), rangeHash(start, start + k, node)]
}

/**
 * The inclusion proof of leaf `leafIndex` (0-based) in the tree of `treeSize` leaves.
 * @throws RangeError unless 0 ≤ leafIndex < treeSize.
 */
export function inclusionProof(leafIndex: number, treeSize: number, node: SubtreeSource): Uint8Array[] {
  if (
    !(
      Number.isSafeInteger(leafIndex) &&
      Number.isSafeInteger(treeSize) &&
      leafIndex >= 0 &&
      leafIndex < treeSize
    )
  )
    throw new RangeError('leafIndex must be below treeSize')
  return path(leafIndex, 0, treeSize, node)
}

/**
 * The consistency proof from the tree of `first` leaves to the tree of `second`.
 * @throws RangeError unless 0 < first ≤ second.
 */
export function consistencyProof(first: number, second: number, node: SubtreeSource): Uint8Array[] {
  if (!(Number.isSafeInteger(first) && Number.isSafeInteger(second) && first > 0 && first <= second))
    throw new RangeError('first must be positive and at most second')
  return subproof(first, 0, second, true, node)
}

/**
 * Runs `build` twice: first to learn which complete subtrees it reads, then, after `fetch` has
 * loaded them all in one go, to compute the real answer. Lets a store answer a proof in one read.
 */
export async function withFetchedSubtrees<T>(
  build: (node: SubtreeSource) => T,
  fetch: (wanted: readonly { level: number; index: number }[]) => Promise<Map<string, Uint8Array>>,
): Promise<T> {
  const wanted = new Map<string, { level: number; index: number }>()
  const placeholder = Buffer.alloc(HASH_BYTES)
  build((level, index) => {
    wanted.set(`${level}/${index}`, { level, index })
    return placeholder
  })
  const found = await fetch([...wanted.values()])
  return build((level, index) => {
    const hash = found.get(`${level}/${index}`)
    if (!hash) throw new RangeError('a subtree the proof needs is missing')
    return hash
  })
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0
const wellFormed = (hashes: readonly Uint8Array[]) => hashes.every((hash) => hash.length === HASH_BYTES)

/** RFC 9162 §2.1.3.2: true when `proof` shows `leafHash` at `leafIndex` in the tree of `treeSize` with `root`. */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!(Number.isSafeInteger(leafIndex) && Number.isSafeInteger(treeSize))) return false
  if (leafIndex < 0 || leafIndex >= treeSize) return false
  if (!wellFormed([leafHash, root, ...proof])) return false
  let fn = BigInt(leafIndex)
  let sn = BigInt(treeSize - 1)
  let r: Uint8Array = leafHash
  for (const p of proof) {
    if (sn === 0n) return false
    if ((fn & 1n) === 1n || fn === sn) {
      r = hashChildren(p, r)
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n
        sn >>= 1n
      }
    } else {
      r = hashChildren(r, p)
    }
    fn >>= 1n
    sn >>= 1n
  }
  return sn === 0n && equal(r, root)
}

/**
 * RFC 9162 §2.1.4.2: true when `proof` shows the tree of `first` leaves (root `firstRoot`) is a
 * prefix of the tree of `second` (root `secondRoot`). A proof from the empty tree proves nothing
 * and is refused.
 */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!(Number.isSafeInteger(first) && Number.isSafeInteger(second))) return false
  if (first < 1 || first > second) return false
  if (first === second) return proof.length === 0 && equal(firstRoot, secondRoot)
  if (!wellFormed([firstRoot, secondRoot, ...proof])) return false
  if (proof.length === 0) return false
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof]
  let fn = BigInt(first - 1)
  let sn = BigInt(second - 1)
  while ((fn & 1n) === 1n) {
    fn >>= 1n
    sn >>= 1n
  }
  let fr: Uint8Array = path[0]!
  let sr: Uint8Array = path[0]!
  for (const c of path.slice(1)) {
    if (sn === 0n) return false
    if ((fn & 1n) === 1n || fn === sn) {
      fr = hashChildren(c, fr)
      sr = hashChildren(c, sr)
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n
        sn >>= 1n
      }
    } else {
      sr = hashChildren(sr, c)
    }
    fn >>= 1n
    sn >>= 1n
  }
  return sn === 0n && equal(fr, firstRoot) && equal(sr, secondRoot)
}

/**
 * The right edge of a tree being built leaf by leaf: the complete subtrees whose sizes are the
 * binary digits of its size, largest first. Appending a leaf returns the subtrees it completed.
 */
export class MerkleFrontier {
  readonly #nodes: { level: number; index: number; hash: Uint8Array }[]
  #size: number

  /** `nodes`: the complete subtrees of a tree of `size` leaves, largest first (empty for size 0). */
  constructor(size: number, nodes: readonly { level: number; index: number; hash: Uint8Array }[] = []) {
    this.#size = size
    this.#nodes = [...nodes]
  }

  /** Which complete subtrees make up the right edge of a tree of `size` leaves, largest first. */
  static edgeOf(size: number): { level: number; index: number }[] {
    const edge: { level: number; index: number }[] = []
    let offset = 0
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level
      if (size - offset >= width) {
        edge.push({ level, index: offset / width })
        offset += width
      }
    }
    return edge
  }

  get size(): number {
    return this.#size
  }

  /** Appends one leaf hash; returns every subtree it completes, the leaf itself (level 0) first. */
  append(leafHash: Uint8Array): { level: number; index: number; hash: Uint8Array }[] {
    let current = { level: 0, index: this.#size, hash: leafHash }
    const completed = [current]
    for (;;) {
      const last = this.#nodes.at(-1)
      if (!last || last.level !== current.level) break
      this.#nodes.pop()
      current = {
        level: current.level + 1,
        index: Math.floor(last.index / 2),
        hash: hashChildren(last.hash, current.hash),
      }
      completed.push(current)
    }
    this.#nodes.push(current)
    this.#size++
    return completed
  }

  /** The root of the tree so far. */
  root(): Uint8Array {
    if (this.#nodes.length === 0) return EMPTY_ROOT
    let hash = this.#nodes.at(-1)!.hash
    for (let i = this.#nodes.length - 2; i >= 0; i--) hash = hashChildren(this.#nodes[i]!.hash, hash)
    return hash
  }
}
