import { consistencyProof, inclusionProofs, rootHash } from '../../domain/audit/merkle';
import { BadInputError } from '../../domain/errors';
import type { AuditRepository } from '../../graph/repositories/auditRepository';
import { fromHex } from './checkpointService';

export interface InclusionProof {
  readonly seq: number;
  readonly treeSize: number;
  /** RFC 9162 leaf hash of the event's canonical form, base64. */
  readonly leafHash: string;
  /** Audit path, base64, leaf to root. */
  readonly proof: string[];
  readonly rootHash: string;
}

export interface ConsistencyProof {
  readonly fromSize: number;
  readonly toSize: number;
  readonly fromRoot: string;
  readonly toRoot: string;
  readonly proof: string[];
}

/** Most sequence numbers one batched proof request may ask for. */
export const MAX_PROOF_BATCH = 10_000;

const b64 = (b: Buffer): string => b.toString('base64');

/** Inclusion and consistency proofs over the stored leaf hashes. */
export class ProofService {
  constructor(private readonly repo: AuditRepository) {}

  async inclusion(seqs: readonly number[], treeSize: number): Promise<InclusionProof[]> {
    if (seqs.length > MAX_PROOF_BATCH) throw new BadInputError('seqs', `At most ${MAX_PROOF_BATCH} sequence numbers per request, got ${seqs.length}`);
    for (const seq of seqs) {
      if (!Number.isSafeInteger(seq) || seq < 0 || seq >= treeSize) {
        throw new BadInputError('seq', `Sequence number ${seq} is not in a tree of size ${treeSize} (valid: 0 to ${treeSize - 1})`);
      }
    }
    const leaves = await this.tree(treeSize, 'treeSize');
    const root = b64(rootHash(leaves));
    const proofs = inclusionProofs(seqs, leaves);
    return seqs.map((seq, i) => ({ seq, treeSize, leafHash: b64(leaves[seq]), proof: proofs[i].map(b64), rootHash: root }));
  }

  async consistency(fromSize: number, toSize: number): Promise<ConsistencyProof> {
    if (!Number.isSafeInteger(fromSize) || fromSize < 0) throw new BadInputError('fromSize', `fromSize must be a non-negative integer, got ${fromSize}`);
    if (fromSize > toSize) throw new BadInputError('fromSize', `fromSize (${fromSize}) is larger than toSize (${toSize})`);
    const leaves = await this.tree(toSize, 'toSize');
    return {
      fromSize,
      toSize,
      fromRoot: b64(rootHash(leaves.slice(0, fromSize))),
      toRoot: b64(rootHash(leaves)),
      proof: consistencyProof(fromSize, leaves).map(b64),
    };
  }

  private async tree(size: number, argument: string): Promise<Buffer[]> {
    if (!Number.isSafeInteger(size) || size < 1) throw new BadInputError(argument, `${argument} must be a positive integer, got ${size}`);
    const { logSize, leafHashes } = await this.repo.leaves(size);
    if (size > logSize) throw new BadInputError(argument, `${argument} ${size} is larger than the log (${logSize} events)`);
    return fromHex(leafHashes);
  }
}
