import { decodeBase64 } from '../domain/audit/base64';
import { eventLeafHash, type AuditEventData } from '../domain/audit/event';
import { HASH_SIZE, verifyConsistency, verifyInclusion } from '../domain/audit/merkle';
import { fail, guarded, type Verdict } from './verdict';

export interface InclusionProofInput {
  /** Base64 RFC 9162 leaf hash; or give `event` and it is computed (when both are given they must agree). */
  readonly leafHash?: string;
  readonly event?: AuditEventData;
  /** Leaf index, which is the event's sequence number. */
  readonly index: number;
  readonly treeSize: number;
  /** Base64 audit path, leaf to root. */
  readonly proof: readonly string[];
  /** Base64 root hash from a verified checkpoint of size treeSize. */
  readonly rootHash: string;
}

export interface ConsistencyProofInput {
  readonly fromSize: number;
  readonly toSize: number;
  /** Base64 root hashes of the two checkpoints. */
  readonly fromRoot: string;
  readonly toRoot: string;
  readonly proof: readonly string[];
}

/** Checks that a leaf (or an event's leaf) is entry `index` of the tree with the given root. */
export function verifyInclusionProof(input: InclusionProofInput): Verdict<{ index: number; treeSize: number; leafHash: string }> {
  return guarded('inclusion', () => {
    const { event, index, treeSize } = input;
    if (event === undefined && input.leafHash === undefined) return fail('inclusion', 'neither a leaf hash nor an event was given');
    if (event !== undefined && event.seq !== index) {
      return fail('inclusion', `event ${event.seq} cannot be leaf ${index}: an event's leaf index is its sequence number`);
    }
    const computed = event === undefined ? null : eventLeafHash(event);
    const given = input.leafHash === undefined ? null : hash(input.leafHash, 'the leaf hash');
    if (computed && given && !computed.equals(given)) return fail('inclusion', `event ${index} does not match the leaf hash given for it`);
    const leaf = (computed ?? given) as Buffer;
    const root = hash(input.rootHash, 'the root hash');
    const proof = hashes(input.proof);
    if (!isSize(index) || !isSize(treeSize) || index >= treeSize) return fail('inclusion', `leaf index ${index} is not in a tree of size ${treeSize}`);
    if (!verifyInclusion(leaf, index, treeSize, proof, root)) {
      return fail('inclusion', `the proof does not lead from leaf ${index} to the root of the tree of size ${treeSize}: the leaf, index, size, root or a proof element is wrong`);
    }
    return { ok: true, index, treeSize, leafHash: leaf.toString('base64') };
  });
}

/** Checks that the tree of size fromSize is a prefix of the tree of size toSize: nothing before it was rewritten or removed. */
export function verifyConsistencyProof(input: ConsistencyProofInput): Verdict<{ fromSize: number; toSize: number }> {
  return guarded('consistency', () => {
    const { fromSize, toSize } = input;
    const fromRoot = hash(input.fromRoot, 'the first root hash');
    const toRoot = hash(input.toRoot, 'the second root hash');
    const proof = hashes(input.proof);
    if (!isSize(fromSize) || !isSize(toSize) || fromSize > toSize) {
      return fail('consistency', `a tree of size ${fromSize} cannot be a prefix of one of size ${toSize}`);
    }
    if (!verifyConsistency(fromSize, toSize, fromRoot, toRoot, proof)) {
      return fail('consistency', `the tree of size ${toSize} is not proven to extend the tree of size ${fromSize}: the log was rewritten or truncated, or the proof or a root is wrong`);
    }
    return { ok: true, fromSize, toSize };
  });
}

const isSize = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

/** Decodes a base64 hash; throws (which `guarded` reports) when it is not exactly one. */
function hash(text: string, what: string): Buffer {
  const bytes = typeof text === 'string' ? decodeBase64(text) : null;
  if (!bytes || bytes.length !== HASH_SIZE) throw new Error(`${what} is not a ${HASH_SIZE}-byte hash in canonical base64`);
  return bytes;
}

function hashes(texts: readonly string[]): Buffer[] {
  if (!Array.isArray(texts)) throw new Error('the proof is not a list of base64 hashes');
  return texts.map((text, i) => hash(text, `proof element ${i}`));
}
