import { formatCheckpoint, parseCheckpoint, signNote } from '../../domain/audit/note';
import { rootHash } from '../../domain/audit/merkle';
import { BadInputError, NotFoundError } from '../../domain/errors';
import type { AuditRepository, StoredCheckpoint } from '../../graph/repositories/auditRepository';
import type { KeyRing } from './keyRing';

export interface CheckpointView extends StoredCheckpoint {
  /** True when the signature verifies with a key this server knows. */
  readonly verified: boolean;
}

export const fromHex = (hex: readonly string[]): Buffer[] => hex.map((h) => Buffer.from(h, 'hex'));

/** Issues, stores and looks up signed checkpoints. */
export class CheckpointService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly keys: KeyRing,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The checkpoint of the log as it is now. Signing is deterministic (Ed25519), and a checkpoint
   * for a size already signed with the active key is returned from storage rather than re-issued.
   */
  async current(): Promise<StoredCheckpoint> {
    const { signerKey, keyId } = this.keys.signer();
    const logSize = await this.repo.logSize();
    const stored = await this.repo.checkpoint(logSize);
    if (stored && stored.keyId === keyId) return stored;
    // Only the first `logSize` leaves, even if the log grows meanwhile: the checkpoint is of that size.
    const { leafHashes } = await this.repo.leaves(logSize);
    const root = rootHash(fromHex(leafHashes)).toString('base64');
    const body = formatCheckpoint({ origin: this.keys.origin, treeSize: logSize, rootHash: root });
    return this.repo.storeCheckpoint({
      treeSize: logSize,
      rootHash: root,
      origin: this.keys.origin,
      keyId,
      note: signNote(body, signerKey),
      issuedAt: this.now().toISOString(),
    });
  }

  /** A stored checkpoint (latest when treeSize is null); NOT_FOUND when none was issued at that size. */
  async stored(treeSize: number | null): Promise<StoredCheckpoint> {
    if (treeSize !== null && (!Number.isSafeInteger(treeSize) || treeSize < 0)) {
      throw new BadInputError('treeSize', `treeSize must be a non-negative integer, got ${treeSize}`);
    }
    const c = await this.repo.checkpoint(treeSize);
    if (!c) throw new NotFoundError('Audit checkpoint of tree size', String(treeSize ?? 'latest'));
    return c;
  }

  /** Opens a signed checkpoint note: signature by a known key, right origin, well-formed body. */
  open(note: string, argument = 'against'): { origin: string; treeSize: number; rootHash: string; keyIds: string[] } {
    const { text, keyIds } = this.keys.open(note, argument);
    let body: { origin: string; treeSize: number; rootHash: string };
    try {
      body = parseCheckpoint(text);
    } catch (err) {
      throw new BadInputError(argument, `The checkpoint body is malformed: ${(err as Error).message}`);
    }
    if (body.origin !== this.keys.origin) {
      throw new BadInputError(argument, `The checkpoint is for log "${body.origin}", not this log ("${this.keys.origin}")`);
    }
    return { ...body, keyIds };
  }
}
