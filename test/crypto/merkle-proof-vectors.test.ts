// Stops: audit proofs that are not RFC 6962 / RFC 9162 as published, so a tenant's own verifier
// would disagree with Coffer's, or a mutated proof (bit flip, truncation, extension, swapped
// roots, wrong size) that is accepted. Vectors: transparency-dev/merkle testdata (see
// ../shared/vectors/README.md).
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, it } from 'node:test'
import {
  consistencyProof,
  hashChildren,
  hashLeaf,
  inclusionProof,
  MerkleFrontier,
  rangeHash,
  verifyConsistency,
  verifyInclusion,
} from '../../src/crypto/merkle-tree.js'

const MERKLE = resolve(process.cwd(), '../shared/vectors/merkle')
const b64 = (text: string) => Buffer.from(text, 'base64')

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return jsonFiles(path)
    return name.endsWith('.json') ? [path] : []
  })
}

interface InclusionVector {
  leafIdx: number
  treeSize: number
  root: string
  leafHash: string
  proof: string[] | null
  desc: string
  wantErr: boolean
}

interface ConsistencyVector {
  size1: number
  size2: number
  root1: string
  root2: string
  proof: string[] | null
  desc: string
  wantErr: boolean
}

const tree = JSON.parse(readFileSync(join(MERKLE, 'tree.json'), 'utf8')) as {
  leaf_inputs_hex: string[]
  root_hashes_hex_by_size: string[]
}
const leaves = tree.leaf_inputs_hex.map((hex) => hashLeaf(Buffer.from(hex, 'hex')))
/** Complete subtrees of the 8-leaf test tree, computed from its leaves. */
const node = (level: number, index: number): Uint8Array =>
  level === 0 ? leaves[index]! : hashChildren(node(level - 1, 2 * index), node(level - 1, 2 * index + 1))

describe('RFC 6962 Merkle vectors (transparency-dev/merkle)', () => {
  it('the root of every size 0-8 matches tree.json, from ranges and from the frontier', () => {
    assert.equal(tree.root_hashes_hex_by_size.length, 9)
    const frontier = new MerkleFrontier(0)
    tree.root_hashes_hex_by_size.forEach((rootHex, size) => {
      assert.equal(Buffer.from(rangeHash(0, size, node)).toString('hex'), rootHex, `size ${size}`)
      assert.equal(Buffer.from(frontier.root()).toString('hex'), rootHex, `frontier size ${size}`)
      if (size < leaves.length) frontier.append(leaves[size]!)
    })
  })

  const inclusion = jsonFiles(join(MERKLE, 'inclusion'))
  const consistency = jsonFiles(join(MERKLE, 'consistency'))

  it('every inclusion vector: happy paths verify, every mutated one is refused', () => {
    assert.ok(inclusion.length > 50, 'inclusion vectors found')
    let valid = 0
    for (const file of inclusion) {
      const v = JSON.parse(readFileSync(file, 'utf8')) as InclusionVector
      const ok = verifyInclusion(
        v.leafIdx,
        v.treeSize,
        b64(v.leafHash),
        (v.proof ?? []).map(b64),
        b64(v.root),
      )
      assert.equal(ok, !v.wantErr, `${file}: ${v.desc}`)
      if (!v.wantErr) valid++
    }
    assert.ok(valid > 0)
  })

  it('every consistency vector: happy paths verify, every mutated one is refused', () => {
    assert.ok(consistency.length > 50, 'consistency vectors found')
    let valid = 0
    for (const file of consistency) {
      const v = JSON.parse(readFileSync(file, 'utf8')) as ConsistencyVector
      const ok = verifyConsistency(v.size1, v.size2, b64(v.root1), b64(v.root2), (v.proof ?? []).map(b64))
      assert.equal(ok, !v.wantErr, `${file}: ${v.desc}`)
      if (!v.wantErr) valid++
    }
    assert.ok(valid > 0)
  })

  it('the proofs Coffer builds equal the published happy-path proofs and verify for every pair of sizes', () => {
    for (const file of inclusion) {
      const v = JSON.parse(readFileSync(file, 'utf8')) as InclusionVector
      if (v.wantErr || v.treeSize > leaves.length) continue
      const built = inclusionProof(v.leafIdx, v.treeSize, node).map((h) => Buffer.from(h).toString('base64'))
      assert.deepEqual(built, v.proof ?? [], file)
    }
    for (const file of consistency) {
      const v = JSON.parse(readFileSync(file, 'utf8')) as ConsistencyVector
      if (v.wantErr || v.size1 === 0 || v.size2 > leaves.length) continue
      const built = consistencyProof(v.size1, v.size2, node).map((h) => Buffer.from(h).toString('base64'))
      assert.deepEqual(built, v.proof ?? [], file)
    }
    const root = (size: number) => Buffer.from(tree.root_hashes_hex_by_size[size]!, 'hex')
    for (let size = 1; size <= leaves.length; size++) {
      for (let m = 0; m < size; m++)
        assert.ok(
          verifyInclusion(m, size, leaves[m]!, inclusionProof(m, size, node), root(size)),
          `${m}/${size}`,
        )
      for (let first = 1; first <= size; first++)
        assert.ok(
          verifyConsistency(first, size, root(first), root(size), consistencyProof(first, size, node)),
          `${first}->${size}`,
        )
    }
  })
})
