import type { RunFieldSource } from '../../domain/runFieldDiff';
import type { ModelVersionFieldSource } from '../../domain/modelVersionDiff';
import { toModelVersionFieldSource, toRunFieldSource } from '../mappers';
import { toNeoInt } from '../convert';
import type { GraphExecutor, Row, Tx } from '../executor';
import { UPSERT_RUNS } from './catalogWriteRepository';
import { refreshSearchTexts } from './searchTextRepository';

/**
 * Cypher of the MLflow ingester. Each run batch is written by the service in ONE write
 * transaction: run nodes, dataset inputs, metric series, parent links and the change records,
 * so a run is never half-written and a crash leaves only whole batches behind.
 */

/** Stored fingerprints of a batch's runs: an unchanged run is skipped without a write. */
export const RUN_FINGERPRINTS = `
UNWIND $ids AS id
OPTIONAL MATCH (r:Run {id: id})
RETURN id, r.fingerprint AS fingerprint, r.fingerprintParts AS parts, r.lifecycleStage AS lifecycleStage`;

/**
 * What the graph holds of runs about to be rewritten, read in the rewrite's transaction so the
 * audit event's old values are exactly what it replaces: the node, its live inputs and the
 * length of each metric history. (`m.key IS NOT NULL` lets the planner seek the (runNodeId, key)
 * constraint's index by its first property instead of scanning every MetricSeries.)
 */
export const RUN_FIELD_SOURCES = `
UNWIND $ids AS id
MATCH (r:Run {id: id})
RETURN r.id AS id, r{.*} AS props,
  COLLECT { MATCH (d:Dataset)-[x:INPUT_TO WHERE x.until IS NULL]->(r) RETURN {dataset: d.id, context: x.context, digest: x.digest} } AS inputs,
  COLLECT { MATCH (m:MetricSeries {runNodeId: r.id}) WHERE m.key IS NOT NULL RETURN {key: m.key, count: m.count} } AS series`;

/**
 * One MetricSeries node per (run, key) holding parallel arrays: a history of any length is one
 * index seek and one property read, and rewriting it is one SET.
 */
export const UPSERT_METRIC_SERIES = `
UNWIND $series AS s
MERGE (m:MetricSeries {runNodeId: s.runNodeId, key: s.key})
SET m.steps = s.steps, m.timestamps = s.timestamps, m.values = s.values, m.count = size(s.steps)`;

export const DELETE_STALE_SERIES = `
UNWIND $runs AS row
MATCH (m:MetricSeries {runNodeId: row.id})
WHERE NOT m.key IN row.keys
DELETE m`;

/** Links each written run to its parent and to its children, whichever batch wrote them first. */
export const LINK_RUN_FAMILY = `
UNWIND $ids AS id
MATCH (r:Run {id: id})
CALL (r) {
  MATCH (p:Run {storeKey: r.storeKey, runId: r.parentRunId})
  MERGE (p)-[x:PARENT_OF]->(r)
    ON CREATE SET x.since = datetime()
}
CALL (r) {
  MATCH (c:Run {storeKey: r.storeKey, parentRunId: r.runId})
  MERGE (r)-[x:PARENT_OF]->(c)
    ON CREATE SET x.since = datetime()
}`;

export const START_INGESTION = `
MATCH (s:TrackingStore {id: $props.storeId})
CREATE (i:Ingestion)
SET i = $props, i.startedAt = datetime(), i.heartbeatAt = datetime(), i.status = 'RUNNING',
    i.runningStoreId = $props.storeId, i.batches = 0
CREATE (s)-[:INGESTED_BY]->(i)`;

export const FINISH_INGESTION = `
MATCH (i:Ingestion {id: $id, status: 'RUNNING'})
SET i += $props, i.finishedAt = datetime()
REMOVE i.runningStoreId
RETURN i.id AS id`;

/** The change summary of one ingest: one RECORDED edge per created, updated or deleted run. */
export const RECORD_RUN_CHANGES = `
MATCH (i:Ingestion {id: $ingestionId})
UNWIND $changes AS c
MATCH (r:Run {id: c.runNodeId})
CREATE (i)-[:RECORDED {change: c.change, fields: c.fields, at: datetime()}]->(r)`;

/**
 * Runs the store no longer lists are marked deleted (never erased); their fingerprint is cleared.
 * The fingerprint and stage they had are returned for the audit event's old value.
 */
export const MARK_MISSING_RUNS = `
MATCH (r:Run {storeKey: $storeKey})
WHERE r.lifecycleStage <> 'deleted' AND NOT r.runId IN $seen
WITH r, r.fingerprint AS fingerprint, r.lifecycleStage AS lifecycleStage
SET r.lifecycleStage = 'deleted', r.deletedBy = 'ingest', r.fingerprint = null
RETURN r.id AS id, r.runId AS runId, fingerprint, lifecycleStage ORDER BY r.id`;

/** Stored fingerprints of the logged models the graph has, of those asked for. */
export const LOGGED_MODEL_FINGERPRINTS = `
UNWIND $ids AS id
MATCH (m:LoggedModel {id: id})
RETURN id, m.fingerprint AS fingerprint, m.fingerprintParts AS parts, m.lifecycleStage AS lifecycleStage`;

export const UPSERT_LOGGED_MODELS = `
UNWIND $rows AS row
MERGE (m:LoggedModel {id: row.props.id})
SET m = row.props
WITH m, row
CALL (m, row) {
  UNWIND row.runNodeIds AS rid
  MATCH (r:Run {id: rid})
  MERGE (r)-[p:PRODUCED]->(m)
    ON CREATE SET p.since = datetime()
}`;

/**
 * The producer links of unchanged logged models: a run the graph lacked when its model was
 * written (skipped then, ingested since) gets its edge without the model being rewritten.
 */
export const LINK_LOGGED_MODEL_RUNS = `
UNWIND $rows AS row
MATCH (m:LoggedModel {id: row.id})
UNWIND row.runNodeIds AS rid
MATCH (r:Run {id: rid})
MERGE (r)-[p:PRODUCED]->(m)
  ON CREATE SET p.since = datetime()`;

/** Logged models the store no longer lists are marked deleted (never erased); their fingerprint is cleared. */
export const MARK_MISSING_LOGGED_MODELS = `
MATCH (m:LoggedModel {storeKey: $storeKey})
WHERE m.lifecycleStage <> 'deleted' AND NOT m.modelId IN $seen
SET m.lifecycleStage = 'deleted', m.deletedBy = 'ingest', m.fingerprint = null, m.fingerprintParts = null
RETURN m.id AS id, m.status AS status ORDER BY m.id`;

export const LINK_REGISTERED_AS = `
UNWIND $links AS l
MATCH (m:LoggedModel {id: l.modelNodeId}), (v:ModelVersion {id: l.versionNodeId})
MERGE (m)-[x:REGISTERED_AS]->(v)
  ON CREATE SET x.since = datetime()`;

/** Stored model versions (by node id), read before a registry sync rewrites them, for the audit trail. */
export const MODEL_VERSION_FIELD_SOURCES = `
UNWIND $ids AS id
MATCH (v:ModelVersion {id: id})
RETURN v.id AS id, v{.*} AS props`;

export const LIST_INGESTIONS = `
MATCH (i:Ingestion)
WHERE $storeId IS NULL OR i.storeId = $storeId
WITH i ORDER BY i.startedAt DESC, i.id
RETURN i{.*} AS node LIMIT $limit`;

/** Runs of a store whose side file records a detection method (they raise signals). */
export const RUNS_WITH_DETECTION_METHOD = `
MATCH (r:Run {storeKey: $storeKey})
WHERE r.\`dm.method\` IS NOT NULL AND r.lifecycleStage = 'active'
RETURN r.id AS id ORDER BY r.startTime, r.id`;

export const VERSIONS_IN_STAGE = `
MATCH (v:ModelVersion {storeKey: $storeKey, stage: $stage})
RETURN v.id AS id ORDER BY v.name, v.version`;

export interface StoredFingerprint {
  readonly id: string;
  readonly fingerprint: string | null;
  readonly parts: readonly string[] | null;
  readonly lifecycleStage: string | null;
}

/** An Ingestion node as the API shows it. */
export interface IngestionRecord {
  readonly id: string;
  readonly storeId: string;
  readonly storeUri: string;
  readonly storeKind: string;
  readonly actor: string;
  readonly host: string;
  readonly status: string;
  readonly error: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly runsSeen: number;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly deleted: number;
  readonly skippedCount: number;
  readonly skipped: readonly string[];
  /** Tracking-server endpoints the store did not offer (read as empty); set when the ingestion ends. */
  readonly notOffered: readonly string[];
  /** Run batches committed so far: where an interrupted ingestion stopped. */
  readonly batches: number;
  readonly heartbeatAt: string | null;
  readonly interruptedAt: string | null;
}

export function toIngestion(n: Row): IngestionRecord {
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  return {
    id: String(n.id),
    storeId: String(n.storeId),
    storeUri: String(n.storeUri),
    storeKind: String(n.storeKind),
    actor: String(n.actor),
    host: String(n.host),
    status: String(n.status),
    error: (n.error as string | null) ?? null,
    startedAt: String(n.startedAt),
    finishedAt: (n.finishedAt as string | null) ?? null,
    runsSeen: num(n.runsSeen),
    added: num(n.added),
    updated: num(n.updated),
    unchanged: num(n.unchanged),
    deleted: num(n.deleted),
    skippedCount: num(n.skippedCount),
    skipped: (n.skipped as string[] | null) ?? [],
    notOffered: (n.notOffered as string[] | null) ?? [],
    batches: num(n.batches),
    heartbeatAt: (n.heartbeatAt as string | null) ?? null,
    interruptedAt: (n.interruptedAt as string | null) ?? null,
  };
}

/** A run marked deleted because the store no longer lists it, with what it had before. */
export interface MarkedMissing {
  readonly id: string;
  readonly runId: string;
  readonly fingerprint: string | null;
  readonly lifecycleStage: string | null;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export interface RunChangeRow {
  readonly runNodeId: string;
  readonly change: string;
  readonly fields: readonly string[];
}

/** Statements of the ingester; the service composes them inside its transactions. */
/** The node id of an upsert row, whether it is the props or holds them. */
const rowId = (r: Record<string, unknown>): string => String((r.props as Record<string, unknown> | undefined)?.id ?? r.id);

export class IngestRepository {
  constructor(readonly graph: GraphExecutor) {}

  async list(storeId: string | null, limit: number): Promise<IngestionRecord[]> {
    const rows = await this.graph.query('ingest.list', LIST_INGESTIONS, { storeId, limit: toNeoInt(limit) });
    return rows.map((r) => toIngestion(r.node as Row));
  }

  async runsWithDetectionMethod(storeKey: string): Promise<string[]> {
    return (await this.graph.query('ingest.detectingRuns', RUNS_WITH_DETECTION_METHOD, { storeKey })).map((r) => String(r.id));
  }

  async versionsInStage(storeKey: string, stage: string): Promise<string[]> {
    return (await this.graph.query('ingest.versionsInStage', VERSIONS_IN_STAGE, { storeKey, stage })).map((r) => String(r.id));
  }

  /** The same, read outside any write transaction: a guess made ahead of the batch's write. */
  async storedFingerprints(ids: readonly string[]): Promise<StoredFingerprint[]> {
    return this.toFingerprints(await this.graph.query('ingest.fingerprints', RUN_FINGERPRINTS, { ids }));
  }

  async fingerprints(tx: Tx, ids: readonly string[]): Promise<StoredFingerprint[]> {
    return this.toFingerprints(await tx.run(RUN_FINGERPRINTS, { ids }));
  }

  private toFingerprints(rows: readonly Row[]): StoredFingerprint[] {
    return rows.map((r) => ({
      id: String(r.id),
      fingerprint: (r.fingerprint as string | null) ?? null,
      parts: (r.parts as string[] | null) ?? null,
      lifecycleStage: (r.lifecycleStage as string | null) ?? null,
    }));
  }

  async writeRuns(tx: Tx, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length > 0) await tx.run(UPSERT_RUNS, { rows });
    await refreshSearchTexts(tx, 'Run', rows.map(rowId));
  }

  async writeSeries(tx: Tx, series: readonly Record<string, unknown>[], runs: readonly { id: string; keys: string[] }[]): Promise<void> {
    if (series.length > 0) await tx.run(UPSERT_METRIC_SERIES, { series });
    if (runs.length > 0) await tx.run(DELETE_STALE_SERIES, { runs });
  }

  async linkFamily(tx: Tx, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await tx.run(LINK_RUN_FAMILY, { ids });
  }

  async startIngestion(tx: Tx, props: Record<string, unknown>): Promise<void> {
    await tx.run(START_INGESTION, { props });
  }

  /** False when the record was no longer RUNNING (interrupted meanwhile): nothing is changed. */
  async finishIngestion(tx: Tx, id: string, props: Record<string, unknown>): Promise<boolean> {
    return (await tx.run(FINISH_INGESTION, { id, props })).length > 0;
  }

  async recordChanges(tx: Tx, ingestionId: string, changes: readonly RunChangeRow[]): Promise<void> {
    if (changes.length > 0) await tx.run(RECORD_RUN_CHANGES, { ingestionId, changes });
  }

  async markMissing(tx: Tx, storeKey: string, seen: readonly string[]): Promise<MarkedMissing[]> {
    const rows = await tx.run(MARK_MISSING_RUNS, { storeKey, seen });
    return rows.map((r) => ({ id: String(r.id), runId: String(r.runId), fingerprint: str(r.fingerprint), lifecycleStage: str(r.lifecycleStage) }));
  }

  /** The stored content of runs (by node id) for the audit trail's old values; absent runs are left out. */
  async runFieldSources(tx: Tx, ids: readonly string[]): Promise<Map<string, RunFieldSource>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.run(RUN_FIELD_SOURCES, { ids });
    return new Map(rows.map((r) => [String(r.id), toRunFieldSource(r.props as Row, r.inputs as Row[], r.series as Row[])]));
  }

  /** The stored state of model versions (by node id); versions not yet in the graph are left out. */
  async modelVersionFieldSources(tx: Tx, ids: readonly string[]): Promise<Map<string, ModelVersionFieldSource>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.run(MODEL_VERSION_FIELD_SOURCES, { ids });
    return new Map(rows.map((r) => [String(r.id), toModelVersionFieldSource(r.props as Row)]));
  }

  async loggedModelFingerprints(tx: Tx, ids: readonly string[]): Promise<StoredFingerprint[]> {
    return ids.length === 0 ? [] : this.toFingerprints(await tx.run(LOGGED_MODEL_FINGERPRINTS, { ids }));
  }

  async writeLoggedModels(tx: Tx, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length > 0) await tx.run(UPSERT_LOGGED_MODELS, { rows });
    await refreshSearchTexts(tx, 'LoggedModel', rows.map(rowId));
  }

  async linkLoggedModelRuns(tx: Tx, rows: readonly { id: string; runNodeIds: readonly string[] }[]): Promise<void> {
    if (rows.length > 0) await tx.run(LINK_LOGGED_MODEL_RUNS, { rows });
  }

  async markMissingLoggedModels(tx: Tx, storeKey: string, seen: readonly string[]): Promise<{ id: string; status: string | null }[]> {
    const rows = await tx.run(MARK_MISSING_LOGGED_MODELS, { storeKey, seen });
    return rows.map((r) => ({ id: String(r.id), status: (r.status as string | null) ?? null }));
  }

  async linkRegisteredAs(tx: Tx, links: readonly { modelNodeId: string; versionNodeId: string }[]): Promise<void> {
    if (links.length > 0) await tx.run(LINK_REGISTERED_AS, { links });
  }
}
