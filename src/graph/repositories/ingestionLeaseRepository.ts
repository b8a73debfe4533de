import { toNeoInt } from '../convert';
import type { GraphExecutor, Row, Tx } from '../executor';
import { toIngestion, type IngestionRecord } from './ingestRepository';

/**
 * The lease a running ingestion holds on its store. A RUNNING Ingestion carries
 * `runningStoreId` (unique, see migration v0075) and a `heartbeatAt` its process renews; each
 * committed batch renews it too and records its counts, so the record always shows the last
 * committed batch. A record whose process died is found by its stale heartbeat (or, on its own
 * host, by its dead pid) and marked INTERRUPTED, which frees the store.
 */

/** Running ingestions, of one store or all; `stale` when the heartbeat is older than `$staleMs`. */
export const RUNNING_INGESTIONS = `
MATCH (i:Ingestion {status: 'RUNNING'})
WHERE $storeId IS NULL OR i.storeId = $storeId
RETURN i.id AS id, i.storeId AS storeId, i.host AS host, i.pid AS pid, i.actor AS actor, i.startedAt AS startedAt,
       coalesce(i.heartbeatAt, i.startedAt) < datetime() - duration({milliseconds: $staleMs}) AS stale
ORDER BY i.startedAt, i.id`;

/** Renews the heartbeat; no row when the record is no longer RUNNING (it was interrupted). */
export const RENEW_HEARTBEAT = `
MATCH (i:Ingestion {id: $id, status: 'RUNNING'})
SET i.heartbeatAt = datetime()
RETURN i.id AS id`;

/** Records one committed batch inside that batch's transaction; no row when the lease is gone. */
export const RECORD_BATCH = `
MATCH (i:Ingestion {id: $id, status: 'RUNNING'})
SET i += $counts, i.batches = coalesce(i.batches, 0) + 1, i.heartbeatAt = datetime()
RETURN i.batches AS batches`;

/** Frees the store of a dead ingestion; what it committed stays, and the counts say how far it got. */
export const INTERRUPT_INGESTION = `
MATCH (i:Ingestion {id: $id, status: 'RUNNING'})
SET i.status = 'INTERRUPTED', i.interruptedAt = datetime(), i.error = $reason
REMOVE i.runningStoreId
RETURN i.id AS id, i.storeId AS storeId, coalesce(i.batches, 0) AS batches, coalesce(i.runsSeen, 0) AS runsSeen`;

export const INGESTION_BY_ID = `
MATCH (i:Ingestion {id: $id})
RETURN i{.*} AS node`;

export interface RunningIngestion {
  readonly id: string;
  readonly storeId: string;
  readonly host: string;
  readonly pid: number | null;
  readonly actor: string;
  readonly startedAt: string;
  readonly stale: boolean;
}

export interface InterruptedIngestion {
  readonly id: string;
  readonly storeId: string;
  readonly batches: number;
  readonly runsSeen: number;
}

export class IngestionLeaseRepository {
  constructor(readonly graph: GraphExecutor) {}

  async running(storeId: string | null, staleMs: number, tx?: Tx): Promise<RunningIngestion[]> {
    const params = { storeId, staleMs: toNeoInt(staleMs) };
    const rows = tx ? await tx.run(RUNNING_INGESTIONS, params) : await this.graph.query('ingest.running', RUNNING_INGESTIONS, params);
    return rows.map((r) => ({
      id: String(r.id),
      storeId: String(r.storeId),
      host: String(r.host),
      pid: typeof r.pid === 'number' ? r.pid : null,
      actor: String(r.actor),
      startedAt: String(r.startedAt),
      stale: r.stale === true,
    }));
  }

  async byId(id: string): Promise<IngestionRecord | null> {
    const [row] = await this.graph.query('ingest.byId', INGESTION_BY_ID, { id });
    return row ? toIngestion(row.node as Row) : null;
  }

  /** False when the ingestion is no longer RUNNING: its process must stop writing. */
  async renew(tx: Tx, id: string): Promise<boolean> {
    return (await tx.run(RENEW_HEARTBEAT, { id })).length > 0;
  }

  async recordBatch(tx: Tx, id: string, counts: Record<string, number>): Promise<boolean> {
    return (await tx.run(RECORD_BATCH, { id, counts })).length > 0;
  }

  async interrupt(tx: Tx, id: string, reason: string): Promise<InterruptedIngestion | null> {
    const [row] = await tx.run(INTERRUPT_INGESTION, { id, reason });
    if (!row) return null;
    return { id: String(row.id), storeId: String(row.storeId), batches: Number(row.batches), runsSeen: Number(row.runsSeen) };
  }
}
