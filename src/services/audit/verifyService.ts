import type { AuditEventData } from '../../domain/audit/event';
import { eventHash, eventLeafHash } from '../../domain/audit/event';
import { rootHash } from '../../domain/audit/merkle';
import type { AuditRepository, StoredAuditEvent } from '../../graph/repositories/auditRepository';
import type { CheckpointService } from './checkpointService';

export interface VerificationReport {
  readonly ok: boolean;
  /** Size of the checkpoint verified against. */
  readonly treeSize: number;
  /** Events the log says it holds now. */
  readonly logSize: number;
  readonly checkedEvents: number;
  /** Sequence number of the first event found bad (missing, altered, out of order), when one can be named. */
  readonly firstBadSeq: number | null;
  /** What failed, in words; null when everything verified. */
  readonly problem: string | null;
  readonly durationMs: number;
}

const PAGE = 5_000;

const canonicalPart = (e: StoredAuditEvent): AuditEventData => {
  const { hash: _h, leafHash: _l, ...data } = e;
  return data;
};

/**
 * Recomputes the whole log from the database and compares it with a signed checkpoint the
 * caller trusts. Stored hashes are never trusted: each event's hash is recomputed from its
 * properties, so an edit to any property, a gap, a reorder, a truncation or a consistent
 * rewrite of the whole log each fail, and the report names the first bad event it can.
 */
export class VerifyService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly checkpoints: CheckpointService,
  ) {}

  async verify(note: string): Promise<VerificationReport> {
    const started = performance.now();
    const cp = this.checkpoints.open(note);
    const logSize = await this.repo.logSize();
    const report = (ok: boolean, checkedEvents: number, firstBadSeq: number | null, problem: string | null): VerificationReport => ({
      ok, treeSize: cp.treeSize, logSize, checkedEvents, firstBadSeq, problem, durationMs: Math.round(performance.now() - started),
    });

    const leaves: Buffer[] = [];
    let previousAt = '';
    for (let from = 0; from < logSize; from += PAGE) {
      const events = await this.repo.slice(from, Math.min(from + PAGE, logSize));
      for (let i = 0, expected = from; expected < Math.min(from + PAGE, logSize); expected++, i++) {
        const e = events[i];
        if (!e || e.seq !== expected) return report(false, expected, expected, `Event ${expected} is missing from the log`);
        const data = canonicalPart(e);
        const leaf = eventLeafHash(data);
        if (eventHash(data) !== e.hash || leaf.toString('hex') !== e.leafHash) {
          return report(false, expected, expected, `Event ${expected} does not match its hash: a property was changed after it was written`);
        }
        if (e.at < previousAt) return report(false, expected, expected, `Event ${expected} is timed ${e.at}, before the event preceding it (${previousAt})`);
        previousAt = e.at;
        if (expected < cp.treeSize) leaves.push(leaf);
      }
    }
    const { count } = await this.repo.eventCount();
    if (count !== logSize) return report(false, logSize, logSize, `The log holds ${count} events but its size says ${logSize}`);
    if (logSize < cp.treeSize) {
      return report(false, logSize, logSize, `The log has ${logSize} events but the checkpoint covers ${cp.treeSize}: events ${logSize} to ${cp.treeSize - 1} were removed`);
    }
    if (rootHash(leaves).toString('base64') !== cp.rootHash) {
      const bad = await this.firstDivergence(leaves, cp.treeSize);
      return report(false, logSize, bad, `The log does not match the checkpoint of size ${cp.treeSize}: it was rewritten${bad === null ? '' : ` at or after event ${bad}`}`);
    }
    return report(true, logSize, null, null);
  }

  /**
   * After a consistent rewrite every stored hash matches its event, so the Merkle root is the only
   * witness. Stored checkpoints are signed, and a rewrite from event k on breaks every checkpoint
   * larger than k and none smaller, so a binary search over them bounds where it starts.
   */
  private async firstDivergence(leaves: Buffer[], treeSize: number): Promise<number | null> {
    const signed = (await this.repo.checkpointsUpTo(treeSize)).filter((c) => {
      try {
        this.checkpoints.open(c.note, 'stored checkpoint');
        return true;
      } catch {
        return false;
      }
    });
    let lo = 0;
    let hi = signed.length - 1;
    let matched = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = signed[mid];
      if (rootHash(leaves.slice(0, c.treeSize)).toString('base64') === c.rootHash) {
        matched = c.treeSize;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return matched < treeSize ? matched : null;
  }
}
