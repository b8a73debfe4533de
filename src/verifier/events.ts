import { eventHash, eventLeafHash, type AuditEventData } from '../domain/audit/event';
import { rootHash } from '../domain/audit/merkle';
import { fail, guarded, type Verdict } from './verdict';

/** Hashes an export stored beside each event (hex, as the database keeps them). */
export interface StoredHashes {
  /** SHA-256 of the canonical form. */
  readonly hash: string;
  /** RFC 9162 leaf hash, when stored. */
  readonly leafHash?: string;
}

export interface VerifiedEvents {
  readonly count: number;
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
  /**
   * Base64 Merkle root over the events when they are the log from its start (first seq 0, or no
   * events): compare it with a checkpoint of size `count`. Null for a slice from later on.
   */
  readonly rootHash: string | null;
}

/**
 * Recomputes every event's hash from its fields and checks the run is whole: sequence numbers
 * consecutive from the first one, and time never running backwards. Stored hashes, when given
 * (same order), must match the recomputed ones. The first bad event is named by its seq.
 */
export function verifyEvents(events: readonly AuditEventData[], storedHashes?: readonly StoredHashes[]): Verdict<VerifiedEvents> {
  return guarded('events', () => checkEvents(events, storedHashes));
}

function checkEvents(events: readonly AuditEventData[], storedHashes: readonly StoredHashes[] | undefined): Verdict<VerifiedEvents> {
  if (!Array.isArray(events)) return fail('events', 'the events are not a list');
  if (storedHashes !== undefined && (!Array.isArray(storedHashes) || storedHashes.length !== events.length)) {
    return fail('events', `${Array.isArray(storedHashes) ? storedHashes.length : 'no list of'} stored hashes for ${events.length} events`);
  }
  const leaves: Buffer[] = [];
  for (const [i, e] of events.entries()) {
    const seq = typeof e?.seq === 'number' ? e.seq : NaN;
    const label = Number.isSafeInteger(seq) ? `event ${seq}` : `event at position ${i}`;
    const bad = (why: string) => fail('events', `${label}: ${why}`, Number.isSafeInteger(seq) ? seq : undefined);
    let hash: string;
    let leaf: Buffer;
    try {
      hash = eventHash(e);
      leaf = eventLeafHash(e);
    } catch (err) {
      return bad(`malformed (${(err as Error).message})`);
    }
    if (i > 0) {
      const previous = events[i - 1];
      if (seq !== previous.seq + 1) return bad(`expected sequence number ${previous.seq + 1} after ${previous.seq}: events are missing, repeated or out of order`);
      if (e.at < previous.at) return bad(`timed ${e.at}, before event ${previous.seq} (${previous.at})`);
    }
    const stored = storedHashes?.[i];
    if (stored && stored.hash !== hash) return bad('its fields do not match its stored hash: the event was altered after it was written');
    if (stored?.leafHash !== undefined && stored.leafHash !== leaf.toString('hex')) return bad('its fields do not match its stored leaf hash');
    leaves.push(leaf);
  }
  const firstSeq = events.length > 0 ? events[0].seq : null;
  return {
    ok: true,
    count: events.length,
    firstSeq,
    lastSeq: events.length > 0 ? events[events.length - 1].seq : null,
    rootHash: firstSeq === null || firstSeq === 0 ? rootHash(leaves).toString('base64') : null,
  };
}
