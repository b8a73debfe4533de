import { sha256 } from './canonical';

/**
 * The Merkle tree of RFC 9162 §2.1 (Certificate Transparency v2) over SHA-256: hashes, proofs
 * and their verification. Everything is iterative so a million-leaf log costs one pass of about
 * a million hashes, and sizes are handled with arithmetic rather than 32-bit bit operators so
 * any safe integer works.
 */

export const HASH_SIZE = 32;

const EMPTY_ROOT = sha256(new Uint8Array(0));
const LEAF_PREFIX = Buffer.from([0x00]);

/** The hash of an empty tree, SHA-256 of the empty string. */
export function emptyRoot(): Buffer {
  return Buffer.from(EMPTY_ROOT);
}

/** SHA-256(0x00 || data). */
export function leafHash(data: Uint8Array): Buffer {
  return sha256(Buffer.concat([LEAF_PREFIX, data]));
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}

/** MTH(D[n]) over the given leaf hashes. */
export function rootHash(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return emptyRoot();
  // Pairs are hashed in place: slot i of the next level is written after slots 2i and 2i+1 are read.
  const work = flatten(leafHashes);
  for (let count = leafHashes.length; count > 1; count = Math.ceil(count / 2)) {
    reduceLevel(work, count, work);
  }
  return Buffer.from(work.subarray(0, HASH_SIZE));
}

/** The audit path (RFC 9162 §2.1.3.1) of leaf `index` in the tree of the given leaf hashes. */
export function inclusionProof(index: number, leafHashes: readonly Uint8Array[]): Buffer[] {
  return inclusionProofs([index], leafHashes)[0];
}

/** Audit paths of many leaves of one tree; its interior nodes are hashed once for all of them. */
export function inclusionProofs(indices: readonly number[], leafHashes: readonly Uint8Array[]): Buffer[][] {
  const size = leafHashes.length;
  for (const index of indices) {
    if (!isIndex(index) || index >= size) throw new RangeError(`leaf index ${index} is not in a tree of size ${size}`);
  }
  if (indices.length === 0) return [];
  const levels = buildLevels(leafHashes);
  return indices.map((leaf) => {
    const path: Buffer[] = [];
    // An odd last node at a level has no sibling there: it moves up unchanged, as in MTH's split.
    for (let level = 0, i = leaf; level < levels.length - 1; level++, i = Math.floor(i / 2)) {
      const sibling = i % 2 === 0 ? i + 1 : i - 1;
      if (sibling < levels[level].length / HASH_SIZE) path.push(nodeAt(levels, level, sibling));
    }
    return path;
  });
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: the tree of the first m leaves is a prefix of this one. */
export function consistencyProof(m: number, leafHashes: readonly Uint8Array[]): Buffer[] {
  const n = leafHashes.length;
  if (!isIndex(m) || m > n) throw new RangeError(`a tree of size ${m} cannot be a prefix of one of size ${n}`);
  if (m === 0 || m === n) return [];
  const levels = buildLevels(leafHashes);
  // SUBPROOF unrolled: walk down collecting the sibling subtree of each split, then emit bottom up.
  const siblings: Buffer[] = [];
  let start = 0;
  let size = n;
  let rest = m;
  let complete = true;
  while (rest !== size) {
    const k = largestPowerOfTwoBelow(size);
    if (rest <= k) {
      siblings.push(subtreeHash(levels, start + k, size - k));
      size = k;
    } else {
      siblings.push(subtreeHash(levels, start, k));
      start += k;
      size -= k;
      rest -= k;
      complete = false;
    }
  }
  const proof = complete ? [] : [subtreeHash(levels, start, size)];
  return proof.concat(siblings.reverse());
}

/** RFC 9162 §2.1.3.2, step by step; every proof element takes part, and the length must be exact. */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isIndex(index) || !isIndex(treeSize) || index >= treeSize) return false;
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      [fn, sn] = shiftUntilOddOrZero(fn, sn);
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equal(r, root);
}

/**
 * RFC 9162 §2.1.4.2 for 0 < m < n. The RFC defines proofs only there; the edge cases have nothing
 * to prove, so they demand an empty proof: m = n needs equal roots, and m = 0 needs rootM to be
 * the empty tree's hash, since MTH({}) = HASH().
 */
export function verifyConsistency(
  m: number,
  n: number,
  rootM: Uint8Array,
  rootN: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isIndex(m) || !isIndex(n) || m > n) return false;
  if (!isHash(rootM) || !isHash(rootN) || !proof.every(isHash)) return false;
  if (m === 0 || m === n) {
    return proof.length === 0 && (m !== 0 || equal(rootM, EMPTY_ROOT)) && (m !== n || equal(rootM, rootN));
  }
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(m) ? [rootM, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Uint8Array = path[0];
  let sr: Uint8Array = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      [fn, sn] = shiftUntilOddOrZero(fn, sn);
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equal(fr, rootM) && equal(sr, rootN);
}

/**
 * Every level of the tree as one flat buffer of 32-byte nodes, leaves first. Node i of level j is
 * MTH of leaves [i·2^j, min((i+1)·2^j, n)): the last node of a level with an odd count moves up
 * unchanged, which reproduces RFC 9162's split at the largest power of two below n.
 */
function buildLevels(leafHashes: readonly Uint8Array[]): Buffer[] {
  const levels = [flatten(leafHashes)];
  for (let count = leafHashes.length; count > 1; count = Math.ceil(count / 2)) {
    const next = Buffer.allocUnsafe(Math.ceil(count / 2) * HASH_SIZE);
    reduceLevel(levels[levels.length - 1], count, next);
    levels.push(next);
  }
  return levels;
}

/** Hashes `count` nodes of `from` pairwise into `to` (which may be `from`). */
function reduceLevel(from: Buffer, count: number, to: Buffer): void {
  const input = Buffer.allocUnsafe(1 + 2 * HASH_SIZE);
  input[0] = 0x01;
  for (let i = 0; i + 1 < count; i += 2) {
    from.copy(input, 1, i * HASH_SIZE, (i + 2) * HASH_SIZE);
    sha256(input).copy(to, (i / 2) * HASH_SIZE);
  }
  if (count % 2 === 1) from.copy(to, ((count - 1) / 2) * HASH_SIZE, (count - 1) * HASH_SIZE, count * HASH_SIZE);
}

/** MTH of leaves [start, start + size), where start is aligned to the subtree (complete or at the right edge). */
function subtreeHash(levels: readonly Buffer[], start: number, size: number): Buffer {
  let level = 0;
  while (2 ** level < size) level++;
  return nodeAt(levels, level, start / 2 ** level);
}

function nodeAt(levels: readonly Buffer[], level: number, i: number): Buffer {
  return Buffer.from(levels[level].subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
}

function flatten(leafHashes: readonly Uint8Array[]): Buffer {
  const out = Buffer.allocUnsafe(leafHashes.length * HASH_SIZE);
  leafHashes.forEach((h, i) => {
    if (!isHash(h)) throw new RangeError(`leaf hash ${i} is not a ${HASH_SIZE}-byte hash`);
    out.set(h, i * HASH_SIZE);
  });
  return out;
}

const half = (x: number): number => Math.floor(x / 2);

/** "Right-shift both fn and sn equally until either LSB(fn) is set or fn is 0." */
function shiftUntilOddOrZero(fn: number, sn: number): [number, number] {
  while (fn % 2 === 0 && fn !== 0) {
    fn = half(fn);
    sn = half(sn);
  }
  return [fn, sn];
}
const isIndex = (x: number): boolean => Number.isSafeInteger(x) && x >= 0;
const isHash = (h: unknown): boolean => h instanceof Uint8Array && h.length === HASH_SIZE;

function isPowerOfTwo(x: number): boolean {
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
