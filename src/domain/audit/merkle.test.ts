import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { sha256 } from './canonical';
import {
  consistencyProof,
  emptyRoot,
  inclusionProof,
  inclusionProofs,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

const hex = (h: string): Buffer => Buffer.from(h, 'hex');

// The Certificate Transparency reference tree (transparency-dev/merkle testonly, RFC 6962 tests).
const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const LEAVES = LEAF_INPUTS.map(leafHash);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex);
const LEAF_HASHES = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];
// Leaf index (0-based), tree size, audit path.
const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [0, 8, [
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ]],
  [5, 8, [
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  ]],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [1, 5, [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  ]],
];
// m, n, consistency proof.
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [1, 8, [
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ]],
  [6, 8, [
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  ]],
  [2, 5, [
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  ]],
  [6, 7, [
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  ]],
];

/** The RFC's recursive definitions, written independently of merkle.ts to cross-check it. */
const mthMemo = new Map<string, Buffer>();
const ref = {
  split: (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1),
  mth(d: Buffer[]): Buffer {
    if (d.length === 0) return sha256(Buffer.alloc(0));
    if (d.length === 1) return d[0];
    // Memoised on the leaves themselves, so the many overlapping subtrees are hashed once.
    const key = `${d[0].toString('hex')}:${d.length}`;
    const known = mthMemo.get(key);
    if (known) return known;
    const k = ref.split(d.length);
    const h = nodeHash(ref.mth(d.slice(0, k)), ref.mth(d.slice(k)));
    mthMemo.set(key, h);
    return h;
  },
  path(m: number, d: Buffer[]): Buffer[] {
    if (d.length <= 1) return [];
    const k = ref.split(d.length);
    return m < k ? [...ref.path(m, d.slice(0, k)), ref.mth(d.slice(k))] : [...ref.path(m - k, d.slice(k)), ref.mth(d.slice(0, k))];
  },
  subproof(m: number, d: Buffer[], b: boolean): Buffer[] {
    if (m === d.length) return b ? [] : [ref.mth(d)];
    const k = ref.split(d.length);
    return m <= k
      ? [...ref.subproof(m, d.slice(0, k), b), ref.mth(d.slice(k))]
      : [...ref.subproof(m - k, d.slice(k), false), ref.mth(d.slice(0, k))];
  },
};

const hexes = (hashes: Buffer[]): string => hashes.map((h) => h.toString('hex')).join(' ');
const leavesOf = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
const flip = (b: Buffer, bit: number): Buffer => {
  const c = Buffer.from(b);
  c[bit >> 3] ^= 1 << (bit & 7);
  return c;
};
const SOME_HASH = hex('abacaba000000000000000000000000000000000000000000060061e00123456');

describe('RFC 9162 hashes and roots', () => {
  it('hashes leaves with 0x00 and nodes with 0x01', () => {
    expect(LEAVES.map((l) => l.toString('hex'))).toEqual(LEAF_HASHES);
    expect(nodeHash(LEAVES[0], LEAVES[1])).toEqual(sha256(Buffer.concat([Buffer.from([1]), LEAVES[0], LEAVES[1]])));
  });

  it.each(ROOTS.map((root, size) => [size, root] as const))('has the reference root for a tree of size %i', (size, root) => {
    expect(rootHash(LEAVES.slice(0, size))).toEqual(root);
  });

  it('gives the empty tree the hash of the empty string', () => {
    expect(emptyRoot()).toEqual(ROOTS[0]);
    expect(rootHash([])).toEqual(ROOTS[0]);
  });

  it('matches the recursive MTH for every size up to 70', () => {
    const leaves = leavesOf(70);
    for (let n = 0; n <= 70; n++) expect(rootHash(leaves.slice(0, n))).toEqual(ref.mth(leaves.slice(0, n)));
  });

  it('refuses leaf hashes that are not 32 bytes', () => {
    expect(() => rootHash([Buffer.alloc(31)])).toThrow(/leaf hash 0/);
    expect(() => inclusionProof(0, [LEAVES[0], Buffer.alloc(33)])).toThrow(/leaf hash 1/);
  });

  it('handles a million leaves: the root agrees with proofs built over its levels', () => {
    const n = 1_000_000;
    const pool = randomBytes(32 * n);
    const leaves = Array.from({ length: n }, (_, i) => pool.subarray(32 * i, 32 * i + 32));
    const root = rootHash(leaves);
    const indices = [0, 1, 524_287, 524_288, 999_998, 999_999];
    const proofs = inclusionProofs(indices, leaves);
    indices.forEach((index, i) => {
      expect(verifyInclusion(leaves[index], index, n, proofs[i], root)).toBe(true);
      expect(verifyInclusion(leaves[index], index ^ 1, n, proofs[i], root)).toBe(false);
    });
  });
});

describe('RFC 9162 inclusion proofs', () => {
  it.each(INCLUSION)('reproduces the reference path of leaf %i in a tree of size %i', (index, size, path) => {
    const proof = inclusionProof(index, LEAVES.slice(0, size));
    expect(proof.map((p) => p.toString('hex'))).toEqual(path);
    expect(verifyInclusion(LEAVES[index], index, size, proof, ROOTS[size])).toBe(true);
  });

  it('matches the recursive PATH and verifies for every leaf of every size up to 70', () => {
    const leaves = leavesOf(70);
    for (let n = 1; n <= 70; n++) {
      const tree = leaves.slice(0, n);
      const root = rootHash(tree);
      const all = inclusionProofs(tree.map((_, i) => i), tree);
      all.forEach((proof, m) => {
        if (hexes(proof) !== hexes(ref.path(m, tree))) throw new Error(`leaf ${m} of ${n}: path differs from the RFC's PATH`);
        if (hexes(inclusionProof(m, tree)) !== hexes(proof)) throw new Error(`leaf ${m} of ${n}: single and batched proofs differ`);
        if (!verifyInclusion(tree[m], m, n, proof, root)) throw new Error(`leaf ${m} of ${n}: proof rejected`);
      });
    }
  });

  it('verifies proofs in random large trees', () => {
    const leaves = leavesOf(5000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(), (n, seed) => {
        const index = seed % n;
        const tree = leaves.slice(0, n);
        return verifyInclusion(tree[index], index, n, inclusionProof(index, tree), rootHash(tree));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses to prove a leaf outside the tree', () => {
    expect(() => inclusionProof(3, LEAVES.slice(0, 3))).toThrow(RangeError);
    expect(() => inclusionProof(-1, LEAVES)).toThrow(RangeError);
    expect(() => inclusionProof(0.5, LEAVES)).toThrow(RangeError);
    expect(() => inclusionProof(0, [])).toThrow(RangeError);
    expect(inclusionProofs([], [])).toEqual([]);
  });

  it('rejects the degenerate probes of the reference tests', () => {
    for (const [index, size] of [[0, 0], [1, 0], [2, 1], [1, 1]]) {
      expect(verifyInclusion(SOME_HASH, index, size, [], ROOTS[0])).toBe(false);
      expect(verifyInclusion(SOME_HASH, index, size, [], SOME_HASH)).toBe(false);
    }
    expect(verifyInclusion(Buffer.alloc(0), 0, 1, [], Buffer.alloc(0))).toBe(false);
    expect(verifyInclusion(LEAVES[0], 0, 1, [], LEAVES[0])).toBe(true);
  });

  /** Requirement 17: each of these must be rejected. */
  function corruptions(index: number, size: number, leaf: Buffer, proof: Buffer[], root: Buffer): [string, number, number, Buffer, Buffer[], Buffer][] {
    const cases: [string, number, number, Buffer, Buffer[], Buffer][] = [
      ['index - 1', index - 1, size, leaf, proof, root],
      ['index + 1', index + 1, size, leaf, proof, root],
      ['index ^ 2', index ^ 2, size, leaf, proof, root],
      ['size * 2', index, size * 2, leaf, proof, root],
      ['size / 2', index, Math.floor(size / 2), leaf, proof, root],
      ['wrong leaf', index, size, leafHash(Buffer.from('WrongLeaf')), proof, root],
      ['short leaf', index, size, Buffer.from('WrongLeaf'), proof, root],
      ['empty root', index, size, leaf, proof, ROOTS[0]],
      ['random root', index, size, leaf, proof, SOME_HASH],
      ['leaf and root swapped', index, size, root, proof, leaf],
      ['zero-length root', index, size, leaf, proof, Buffer.alloc(0)],
      ['trailing empty element', index, size, leaf, [...proof, Buffer.alloc(0)], root],
      ['trailing root', index, size, leaf, [...proof, root], root],
      ['trailing random hash', index, size, leaf, [...proof, SOME_HASH], root],
      ['preceding empty element', index, size, leaf, [Buffer.alloc(0), ...proof], root],
      ['preceding root', index, size, leaf, [root, ...proof], root],
      ['preceding random hash', index, size, leaf, [SOME_HASH, ...proof], root],
    ];
    proof.forEach((_, i) => {
      cases.push([`proof[${i}] bit ${i * 37 % 256} flipped`, index, size, leaf, proof.map((p, j) => (j === i ? flip(p, i * 37 % 256) : p)), root]);
      cases.push([`proof[${i}] removed`, index, size, leaf, proof.filter((_, j) => j !== i), root]);
      cases.push([`proof[${i}] truncated`, index, size, leaf, proof.map((p, j) => (j === i ? p.subarray(0, 31) : p)), root]);
      cases.push([`proof[${i}] extended`, index, size, leaf, proof.map((p, j) => (j === i ? Buffer.concat([p, Buffer.alloc(1)]) : p)), root]);
      cases.push([`hash inserted after proof[${i}]`, index, size, leaf, [...proof.slice(0, i + 1), SOME_HASH, ...proof.slice(i + 1)], root]);
      cases.push([`proof[${i}] repeated`, index, size, leaf, [...proof.slice(0, i + 1), proof[i], ...proof.slice(i + 1)], root]);
      if (i + 1 < proof.length) {
        const swapped = [...proof];
        [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
        if (!swapped[i].equals(swapped[i + 1])) cases.push([`proof[${i}] and proof[${i + 1}] swapped`, index, size, leaf, swapped, root]);
      }
    });
    return cases;
  }

  it('rejects every corrupted inclusion proof (changed, dropped, added or swapped hashes) for every leaf of every size up to 33', () => {
    const leaves = leavesOf(33);
    let checked = 0;
    for (let n = 1; n <= 33; n++) {
      const tree = leaves.slice(0, n);
      const root = rootHash(tree);
      inclusionProofs(tree.map((_, i) => i), tree).forEach((proof, m) => {
        for (const [what, i, s, leaf, p, r] of corruptions(m, n, tree[m], proof, root)) {
          // In a one-leaf tree the leaf is the root, so swapping them changes nothing.
          if (what === 'leaf and root swapped' && n === 1) continue;
          const accepted = verifyInclusion(leaf, i, s, p, r);
          if (accepted) throw new Error(`accepted "${what}" for leaf ${m} of ${n}`);
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  it('rejects a flip of any single bit of any element of the reference proofs', () => {
    for (const [index, size, path] of INCLUSION) {
      const proof = path.map(hex);
      proof.forEach((_, i) => {
        for (let bit = 0; bit < 256; bit++) {
          expect(verifyInclusion(LEAVES[index], index, size, proof.map((p, j) => (j === i ? flip(p, bit) : p)), ROOTS[size])).toBe(false);
        }
      });
    }
  });
});

describe('RFC 9162 consistency proofs', () => {
  it.each(CONSISTENCY)('reproduces the reference proof from size %i to %i', (m, n, path) => {
    const proof = consistencyProof(m, LEAVES.slice(0, n));
    expect(proof.map((p) => p.toString('hex'))).toEqual(path);
    expect(verifyConsistency(m, n, ROOTS[m], ROOTS[n], proof)).toBe(true);
  });

  it('matches the recursive PROOF and verifies for every pair of sizes up to 70', () => {
    const leaves = leavesOf(70);
    const roots = Array.from({ length: 71 }, (_, n) => rootHash(leaves.slice(0, n)));
    for (let n = 0; n <= 70; n++) {
      for (let m = 0; m <= n; m++) {
        const proof = consistencyProof(m, leaves.slice(0, n));
        const expected = m === 0 || m === n ? [] : ref.subproof(m, leaves.slice(0, n), true);
        if (hexes(proof) !== hexes(expected)) throw new Error(`${m} -> ${n}: proof differs from the RFC's PROOF`);
        if (!verifyConsistency(m, n, roots[m], roots[n], proof)) throw new Error(`${m} -> ${n}: proof rejected`);
      }
    }
  });

  it('verifies proofs between random large trees', () => {
    const leaves = leavesOf(5000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(), (n, seed) => {
        const m = seed % (n + 1);
        const tree = leaves.slice(0, n);
        return verifyConsistency(m, n, rootHash(tree.slice(0, m)), rootHash(tree), consistencyProof(m, tree));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses to prove a larger tree is a prefix', () => {
    expect(() => consistencyProof(4, LEAVES.slice(0, 3))).toThrow(RangeError);
    expect(() => consistencyProof(-1, LEAVES)).toThrow(RangeError);
  });

  it.each([
    ['m = n = 0 with different roots', 0, 0, SOME_HASH, ROOTS[1], [], false],
    ['m = n = 1 with different roots', 1, 1, ROOTS[1], ROOTS[2], [], false],
    ['m = n = 0 with the empty root', 0, 0, ROOTS[0], ROOTS[0], [], true],
    ['m = n = 0 with equal non-empty roots', 0, 0, SOME_HASH, SOME_HASH, [], false],
    ['m = 0 from the empty root', 0, 1, ROOTS[0], ROOTS[1], [], true],
    ['m = 0 from a root that is not the empty tree', 0, 1, SOME_HASH, ROOTS[1], [], false],
    ['m = n = 1 with equal roots', 1, 1, ROOTS[1], ROOTS[1], [], true],
    ['m > n', 1, 0, ROOTS[1], ROOTS[0], [], false],
    ['m > n by one', 2, 1, ROOTS[2], ROOTS[1], [], false],
    ['an empty proof for 1 -> 2', 1, 2, ROOTS[1], ROOTS[2], [], false],
    ['m = n = 0 with a non-empty proof', 0, 0, ROOTS[0], ROOTS[0], [ROOTS[0]], false],
    ['m = 0 with a non-empty proof', 0, 1, ROOTS[0], ROOTS[1], [ROOTS[0]], false],
    ['m = n = 1 with a non-empty proof', 1, 1, ROOTS[1], ROOTS[1], [ROOTS[0]], false],
    ['short roots', 1, 1, Buffer.alloc(3), Buffer.alloc(3), [], false],
  ] as const)('handles the edge case %s', (_what, m, n, rootM, rootN, proof, expected) => {
    expect(verifyConsistency(m, n, rootM, rootN, [...proof])).toBe(expected);
  });

  function corruptions(m: number, n: number, rootM: Buffer, rootN: Buffer, proof: Buffer[]): [string, number, number, Buffer, Buffer, Buffer[]][] {
    const cases: [string, number, number, Buffer, Buffer, Buffer[]][] = [
      ['m - 1', m - 1, n, rootM, rootN, proof],
      ['m + 1', m + 1, n, rootM, rootN, proof],
      ['m ^ 2', m ^ 2, n, rootM, rootN, proof],
      ['n * 2', m, n * 2, rootM, rootN, proof],
      ['n / 2', m, Math.floor(n / 2), rootM, rootN, proof],
      ['wrong first root', m, n, SOME_HASH, rootN, proof],
      ['wrong second root', m, n, rootM, SOME_HASH, proof],
      ['short first root', m, n, Buffer.from('WrongRoot'), rootN, proof],
      ['empty first root', m, n, ROOTS[0], rootN, proof],
      ['empty second root', m, n, rootM, ROOTS[0], proof],
      ['swapped roots', m, n, rootN, rootM, proof],
      ['empty proof', m, n, rootM, rootN, []],
      ['trailing empty element', m, n, rootM, rootN, [...proof, Buffer.alloc(0)]],
      ['trailing first root', m, n, rootM, rootN, [...proof, rootM]],
      ['trailing second root', m, n, rootM, rootN, [...proof, rootN]],
      ['preceding empty element', m, n, rootM, rootN, [Buffer.alloc(0), ...proof]],
      ['preceding first root', m, n, rootM, rootN, [rootM, ...proof]],
      ['preceding second root', m, n, rootM, rootN, [rootN, ...proof]],
      ['preceding proof[0]', m, n, rootM, rootN, [proof[0], ...proof]],
    ];
    proof.forEach((_, i) => {
      cases.push([`proof[${i}] bit ${i * 53 % 256} flipped`, m, n, rootM, rootN, proof.map((p, j) => (j === i ? flip(p, i * 53 % 256) : p))]);
      cases.push([`proof[${i}] removed`, m, n, rootM, rootN, proof.filter((_, j) => j !== i)]);
      cases.push([`proof[${i}] truncated`, m, n, rootM, rootN, proof.map((p, j) => (j === i ? p.subarray(0, 31) : p))]);
      cases.push([`hash inserted after proof[${i}]`, m, n, rootM, rootN, [...proof.slice(0, i + 1), SOME_HASH, ...proof.slice(i + 1)]]);
      if (i + 1 < proof.length) {
        const swapped = [...proof];
        [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
        cases.push([`proof[${i}] and proof[${i + 1}] swapped`, m, n, rootM, rootN, swapped]);
      }
    });
    return cases;
  }

  it('rejects every corrupted consistency proof (changed, dropped, added or swapped hashes) for every pair of sizes up to 33', () => {
    const leaves = leavesOf(33);
    const roots = Array.from({ length: 34 }, (_, n) => rootHash(leaves.slice(0, n)));
    let checked = 0;
    for (let n = 2; n <= 33; n++) {
      for (let m = 1; m < n; m++) {
        for (const [what, a, b, ra, rb, p] of corruptions(m, n, roots[m], roots[n], consistencyProof(m, leaves.slice(0, n)))) {
          if (verifyConsistency(a, b, ra, rb, p)) throw new Error(`accepted "${what}" for ${m} -> ${n}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('rejects a flip of any single bit of any element of the reference proofs', () => {
    for (const [m, n, path] of CONSISTENCY.filter(([, , p]) => p.length > 0)) {
      const proof = path.map(hex);
      proof.forEach((_, i) => {
        for (let bit = 0; bit < 256; bit++) {
          expect(verifyConsistency(m, n, ROOTS[m], ROOTS[n], proof.map((p, j) => (j === i ? flip(p, bit) : p)))).toBe(false);
        }
      });
    }
  });
});
