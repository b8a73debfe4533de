import type { AuditEventData } from '../../domain/audit/event';
import { toNeoInt } from '../convert';
import type { GraphExecutor, Row, Tx } from '../executor';

/**
 * Appends events at an expected position, in one statement. Every audited transaction funnels
 * through this one node, so sequence numbers are gap-free and never duplicated; it runs as the
 * last step of the unit of work, so the lock is held only for the append and the commit. The
 * dummy write takes the log's lock first, so the size and time read after it are the committed
 * ones. The events are created only when the log is still `$base` long and its last time is not
 * after `$at`; otherwise nothing is written and the row says where the log really ends, so the
 * writer can rebuild the events there (still holding the lock). The time check is what keeps
 * time from running backwards along the sequence, whatever clock each writer has.
 */
export const APPEND_AT = `
MERGE (log:AuditLog {id: 'main'})
  ON CREATE SET log.size = 0
SET log._lock = true
REMOVE log._lock
WITH log, log.size AS size, log.lastAt AS lastAt
WITH log, size, lastAt, size = $base AND (lastAt IS NULL OR lastAt <= $at) AS ok
CALL (ok) {
  WITH ok WHERE ok
  UNWIND $events AS e
  CREATE (a:AuditEvent)
  SET a = e
}
SET log.size = CASE WHEN ok THEN size + $count ELSE size END,
    log.lastAt = CASE WHEN ok THEN $at ELSE lastAt END
RETURN ok, size, lastAt`;

export const LOG_SIZE = `
OPTIONAL MATCH (log:AuditLog {id: 'main'})
RETURN coalesce(log.size, 0) AS size`;

/** Leaf hashes in sequence order; what proofs and checkpoints are computed from. */
export const LEAF_HASHES = `
MATCH (e:AuditEvent) WHERE e.seq < $size
RETURN e.seq AS seq, e.leafHash AS leafHash
ORDER BY e.seq`;

/** A slice of the log with every stored property, for verification and exports. */
export const EVENTS_SLICE = `
MATCH (e:AuditEvent) WHERE e.seq >= $from AND e.seq < $to
RETURN e{.*} AS event
ORDER BY e.seq`;

export const EVENT_COUNT = `
MATCH (e:AuditEvent)
RETURN count(e) AS n, max(e.seq) AS maxSeq`;

const TRAIL_FILTERS = `
  ($actorId IS NULL OR e.actorId = $actorId)
  AND ($action IS NULL OR e.action = $action)
  AND ($categories IS NULL OR e.category IN $categories)
  AND ($from IS NULL OR e.at >= $from)
  AND ($to IS NULL OR e.at < $to)`;

/**
 * Newest first, for given records. A separate text from the unfiltered form because a
 * `$entityIds IS NULL OR ...` predicate would stop the planner using `audit_event_entity`.
 */
export const TRAIL_OF_ENTITIES = `
MATCH (e:AuditEvent)
WHERE e.entityId IN $entityIds AND ${TRAIL_FILTERS}
WITH e ORDER BY e.seq DESC
WITH collect(e) AS matched
RETURN size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x{.*}] AS items`;

/** Newest first over the whole log, optionally filtered by actor, action, category and time. */
export const TRAIL_PAGE = `
MATCH (e:AuditEvent)
WHERE ${TRAIL_FILTERS}
WITH e ORDER BY e.seq DESC
WITH collect(e) AS matched
RETURN size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x{.*}] AS items`;

export const STORE_CHECKPOINT = `
MERGE (c:AuditCheckpoint {treeSize: $c.treeSize, keyId: $c.keyId})
  ON CREATE SET c += $c
RETURN c{.*} AS checkpoint`;

export const CHECKPOINT_BY_SIZE = `
MATCH (c:AuditCheckpoint {treeSize: $treeSize})
RETURN c{.*} AS checkpoint
ORDER BY c.issuedAt DESC
LIMIT 1`;

export const LATEST_CHECKPOINT = `
MATCH (c:AuditCheckpoint)
RETURN c{.*} AS checkpoint
ORDER BY c.treeSize DESC, c.issuedAt DESC
LIMIT 1`;

/** Stored checkpoints up to a size, smallest first (one per size: the newest signature). */
export const CHECKPOINTS_UP_TO = `
MATCH (c:AuditCheckpoint) WHERE c.treeSize <= $treeSize
WITH c ORDER BY c.treeSize, c.issuedAt DESC
WITH c.treeSize AS size, collect(c)[0] AS c
RETURN c{.*} AS checkpoint
ORDER BY size`;

/** How an event is stored: the canonical fields, JSON values as strings, plus its two hashes. */
export interface StoredAuditEvent extends AuditEventData {
  readonly hash: string;
  readonly leafHash: string;
}

export interface StoredCheckpoint {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly origin: string;
  readonly keyId: string;
  readonly note: string;
  readonly issuedAt: string;
}

export interface TrailQuery {
  readonly entityIds: readonly string[] | null;
  readonly actorId: string | null;
  readonly action: string | null;
  readonly categories: readonly string[] | null;
  readonly from: string | null;
  readonly to: string | null;
}

const parseJson = (v: unknown): unknown => (v === null || v === undefined ? null : JSON.parse(String(v)));

/** Rebuilds an event from its node. Values are taken as stored, so tampering shows in the hashes. */
export function toStoredEvent(p: Row): StoredAuditEvent {
  return {
    seq: p.seq as number,
    at: String(p.at),
    actorId: String(p.actorId),
    actorRole: (p.actorRole as string | null) ?? null,
    actorName: String(p.actorName),
    action: String(p.action),
    entityType: String(p.entityType),
    entityId: String(p.entityId),
    entityVersion: (p.entityVersion as string | null) ?? null,
    oldValue: parseJson(p.oldValue),
    newValue: parseJson(p.newValue),
    reason: (p.reason as string | null) ?? null,
    category: String(p.category),
    hash: String(p.hash),
    leafHash: String(p.leafHash),
  };
}

/** The node properties for an event: JSON values become strings (Neo4j has no map properties). */
export function eventProps(e: AuditEventData, hash: string, leafHash: string): Row {
  return {
    ...e,
    seq: toNeoInt(e.seq),
    oldValue: e.oldValue === null || e.oldValue === undefined ? null : JSON.stringify(e.oldValue),
    newValue: e.newValue === null || e.newValue === undefined ? null : JSON.stringify(e.newValue),
    hash,
    leafHash,
  };
}

const toCheckpoint = (c: Row): StoredCheckpoint => ({
  treeSize: c.treeSize as number,
  rootHash: String(c.rootHash),
  origin: String(c.origin),
  keyId: String(c.keyId),
  note: String(c.note),
  issuedAt: String(c.issuedAt),
});

/** Reads of the audit log. Appends happen only through `AuditedWriter` (graph/auditedWriter.ts). */
export class AuditRepository {
  constructor(private readonly graph: GraphExecutor) {}

  /** The log size and the leaf hashes of its first `size` events, read in one transaction. */
  async leaves(treeSize: number | null): Promise<{ logSize: number; leafHashes: string[] }> {
    return this.graph.read('audit.leaves', async (tx) => {
      const [{ size }] = await tx.run(LOG_SIZE);
      const logSize = size as number;
      const want = treeSize ?? logSize;
      if (want > logSize) return { logSize, leafHashes: [] };
      const rows = await tx.run(LEAF_HASHES, { size: toNeoInt(want) });
      return { logSize, leafHashes: rows.map((r) => String(r.leafHash)) };
    });
  }

  async logSize(): Promise<number> {
    const [row] = await this.graph.query('audit.size', LOG_SIZE);
    return row.size as number;
  }

  async eventCount(): Promise<{ count: number; maxSeq: number | null }> {
    const [row] = await this.graph.query('audit.count', EVENT_COUNT);
    return { count: row.n as number, maxSeq: (row.maxSeq as number | null) ?? null };
  }

  async slice(from: number, to: number): Promise<StoredAuditEvent[]> {
    const rows = await this.graph.query('audit.slice', EVENTS_SLICE, { from: toNeoInt(from), to: toNeoInt(to) });
    return rows.map((r) => toStoredEvent(r.event as Row));
  }

  async trail(q: TrailQuery, page: { offset: number; limit: number }): Promise<{ total: number; items: StoredAuditEvent[] }> {
    const cypher = q.entityIds ? TRAIL_OF_ENTITIES : TRAIL_PAGE;
    const [row] = await this.graph.query('audit.trail', cypher, {
      ...q,
      entityIds: q.entityIds ? [...q.entityIds] : null,
      categories: q.categories ? [...q.categories] : null,
      offset: toNeoInt(page.offset),
      limit: toNeoInt(page.limit),
    });
    return { total: row.total as number, items: (row.items as Row[]).map(toStoredEvent) };
  }

  async storeCheckpoint(c: StoredCheckpoint): Promise<StoredCheckpoint> {
    const [row] = await this.graph.write('audit.storeCheckpoint', (tx) =>
      tx.run(STORE_CHECKPOINT, { c: { ...c, treeSize: toNeoInt(c.treeSize) } }),
    );
    return toCheckpoint(row.checkpoint as Row);
  }

  async checkpointsUpTo(treeSize: number): Promise<StoredCheckpoint[]> {
    const rows = await this.graph.query('audit.checkpointsUpTo', CHECKPOINTS_UP_TO, { treeSize: toNeoInt(treeSize) });
    return rows.map((r) => toCheckpoint(r.checkpoint as Row));
  }

  async checkpoint(treeSize: number | null): Promise<StoredCheckpoint | null> {
    const rows = treeSize === null
      ? await this.graph.query('audit.latestCheckpoint', LATEST_CHECKPOINT)
      : await this.graph.query('audit.checkpoint', CHECKPOINT_BY_SIZE, { treeSize: toNeoInt(treeSize) });
    return rows[0] ? toCheckpoint(rows[0].checkpoint as Row) : null;
  }
}

export interface AppendOutcome {
  readonly ok: boolean;
  /** The log's length before this statement. */
  readonly size: number;
  /** The time of the log's last event, or null for a log written before times were kept on it. */
  readonly lastAt: string | null;
}

/** Appends events inside the caller's transaction; only `AuditedWriter` calls this. */
export async function appendAt(tx: Tx, base: number, at: string, events: readonly Row[]): Promise<AppendOutcome> {
  const [row] = await tx.run(APPEND_AT, { base: toNeoInt(base), at, count: toNeoInt(events.length), events });
  return { ok: row.ok === true, size: row.size as number, lastAt: (row.lastAt as string | null) ?? null };
}
