import { parseCheckpoint, verifyNote } from '../domain/audit/note';
import { fail, guarded, type Verdict } from './verdict';

export interface VerifiedCheckpoint {
  readonly origin: string;
  readonly treeSize: number;
  /** Base64 RFC 9162 root hash. */
  readonly rootHash: string;
  /** Ids (`name+hash`) of the known keys that signed it. */
  readonly keyIds: string[];
}

/**
 * Opens a signed checkpoint note with the auditor's verifier keys (retired keys included, so old
 * checkpoints still open) and, when given, checks it names the expected log.
 */
export function verifyCheckpoint(note: string, verifierKeys: readonly string[], expectedOrigin?: string): Verdict<VerifiedCheckpoint> {
  return guarded('checkpoint', () => {
    const { text, keyIds } = verifyNote(note, verifierKeys);
    const body = parseCheckpoint(text);
    if (expectedOrigin !== undefined && body.origin !== expectedOrigin) {
      return fail('checkpoint', `the checkpoint is for log "${body.origin}", not "${expectedOrigin}"`);
    }
    return { ok: true, origin: body.origin, treeSize: body.treeSize, rootHash: body.rootHash, keyIds };
  });
}
