import { eventLeafHash } from '../domain/audit/event';
import { verifyCheckpoint } from '../verifier';
import type { AuditEventRecord, CheckpointView, ConsistencyRecord, InclusionRecord } from './format';
import type { GraphQLClient } from './graphqlClient';
import { CHECKPOINT, CONSISTENCY_PROOF, INCLUSION_PROOFS } from './queries';

/**
 * The signed checkpoint the export is pinned to, the keys that open it, and the proofs that
 * tie the package's events to it. Whatever the server sends is checked here before it goes
 * into a package: an export must never hand an auditor proofs that do not verify.
 */
export const PROOFS_PER_REQUEST = 5_000;

export interface SigningKey {
  readonly keyId: string;
  readonly verifierKey: string;
  readonly publicKeyPem: string;
  readonly active: boolean;
}

export interface PinnedCheckpoint extends CheckpointView {
  readonly note: string;
}

/** A problem with what the server sent, as opposed to a refusal: the log or its proofs do not add up. */
export class IntegrityError extends Error {
  override readonly name = 'IntegrityError';
}

export async function fetchCheckpoint(client: GraphQLClient, treeSize: number | null): Promise<{ checkpoint: PinnedCheckpoint; keys: SigningKey[] }> {
  const data = await client.request<{ auditCheckpoint: PinnedCheckpoint; auditSigningKeys: SigningKey[] }>(CHECKPOINT, { treeSize });
  const checkpoint = data.auditCheckpoint;
  const opened = verifyCheckpoint(checkpoint.note, data.auditSigningKeys.map((k) => k.verifierKey), checkpoint.origin);
  if (!opened.ok) throw new IntegrityError(`the server's checkpoint of size ${checkpoint.treeSize} does not verify with its own keys: ${opened.reason}`);
  if (opened.treeSize !== checkpoint.treeSize || opened.rootHash !== checkpoint.rootHash || !opened.keyIds.includes(checkpoint.keyId)) {
    throw new IntegrityError(`the server's checkpoint note says size ${opened.treeSize}, root ${opened.rootHash}, but its fields say size ${checkpoint.treeSize}, root ${checkpoint.rootHash}`);
  }
  return { checkpoint, keys: data.auditSigningKeys };
}

interface ApiInclusion {
  seq: number;
  treeSize: number;
  leafHash: string;
  proof: string[];
  rootHash: string;
}

/** One inclusion proof per event, fetched in batches; each must match the event's own leaf hash and the checkpoint's root. */
export async function fetchInclusionProofs(
  client: GraphQLClient,
  events: readonly AuditEventRecord[],
  checkpoint: CheckpointView,
  onProgress: (done: number, total: number) => void,
): Promise<InclusionRecord[]> {
  const out: InclusionRecord[] = [];
  for (let start = 0; start < events.length; start += PROOFS_PER_REQUEST) {
    const batch = events.slice(start, start + PROOFS_PER_REQUEST);
    const data = await client.request<{ auditInclusionProofs: ApiInclusion[] }>(INCLUSION_PROOFS, { seqs: batch.map((e) => e.seq), treeSize: checkpoint.treeSize });
    data.auditInclusionProofs.forEach((p, i) => {
      const event = batch[i];
      if (p.seq !== event.seq || p.treeSize !== checkpoint.treeSize) throw new IntegrityError(`asked for the proof of event ${event.seq} in tree ${checkpoint.treeSize}, got event ${p.seq} in tree ${p.treeSize}`);
      if (p.rootHash !== checkpoint.rootHash) {
        throw new IntegrityError(`the log's root at size ${checkpoint.treeSize} is now ${p.rootHash}, not the signed ${checkpoint.rootHash}: the audit log was altered after the checkpoint was signed`);
      }
      if (p.leafHash !== eventLeafHash(event).toString('base64')) {
        throw new IntegrityError(`audit event ${event.seq} as the trail returns it does not hash to its stored leaf: the event was altered after it was written`);
      }
      out.push({ seq: p.seq, leafHash: p.leafHash, proof: p.proof });
    });
    onProgress(Math.min(start + PROOFS_PER_REQUEST, events.length), events.length);
  }
  return out;
}

/** The proof that the earlier export's tree is a prefix of this one, from the earlier export's checkpoint.json. */
export async function fetchConsistencyProof(client: GraphQLClient, previous: { note: string; treeSize: number; rootHash: string }, checkpoint: CheckpointView): Promise<ConsistencyRecord> {
  if (previous.treeSize > checkpoint.treeSize) {
    throw new IntegrityError(`the --since checkpoint (size ${previous.treeSize}) is larger than the one exported (size ${checkpoint.treeSize}); export at a later checkpoint`);
  }
  const data = await client.request<{ auditConsistencyProof: Omit<ConsistencyRecord, 'fromCheckpointNote'> }>(CONSISTENCY_PROOF, {
    fromSize: previous.treeSize,
    toSize: checkpoint.treeSize,
  });
  const p = data.auditConsistencyProof;
  if (p.fromRoot !== previous.rootHash) {
    throw new IntegrityError(`the log's root at size ${previous.treeSize} is ${p.fromRoot}, not ${previous.rootHash} as the --since checkpoint signed: the log was rewritten since that export`);
  }
  if (p.toRoot !== checkpoint.rootHash) throw new IntegrityError(`the consistency proof ends at root ${p.toRoot}, not the checkpoint's ${checkpoint.rootHash}`);
  return { ...p, fromCheckpointNote: previous.note };
}
