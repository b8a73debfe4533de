import { formatId } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import type {
  DatasetRecord,
  ExperimentRecord,
  ModelVersionRecord,
  RegisteredModelRecord,
  ReportRecord,
  RunRecord,
  SignalRecord,
  StoreRecord,
} from '../../domain/records';
import { storeKeyFor } from '../../domain/trackingStore';
import type { Row, Tx } from '../executor';
import {
  datasetId,
  datasetProps,
  experimentProps,
  inputRow,
  modelVersionProps,
  registeredModelProps,
  reportProps,
  runProps,
  signalProps,
} from '../recordProps';
import { toNeoDateTime } from '../convert';
import { FEEDS_FROM_SOURCES } from './reportWriteRepository';
import { fieldParams, syncDatasetFields } from './datasetFieldRepository';
import { refreshSearchTexts } from './searchTextRepository';
import { mlflowSchemaFields } from '../../domain/schemaFields';
import { FieldSource } from '../../domain/datasetField';

/**
 * Writes catalogue records. Every function takes the caller's transaction, so a service can
 * put several writes (and, later, their audit events) in one atomic unit. Nodes are replaced
 * whole (`SET n = $props`); relationships are merged and stamped with `since` the first time
 * they appear, which the time-travel queries read.
 */
/**
 * What an upsert of a catalogue record did, for its audit event: the properties before (null
 * when it created the node) and after, only for rows where they differ.
 */
const RETURN_CHANGE = (x: string) => `WITH ${x}, before WHERE before IS NULL OR before <> properties(${x})
RETURN ${x}.id AS id, before, properties(${x}) AS after`;

/** The one node merged rather than replaced: its registration (label, reason, retirement) is not the ingest's to drop. */
export const UPSERT_STORE = `
OPTIONAL MATCH (old:TrackingStore {id: $props.id})
WITH CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before
MERGE (s:TrackingStore {id: $props.id})
SET s += $props
${RETURN_CHANGE('s')}`;

export const UPSERT_EXPERIMENTS = `
MATCH (s:TrackingStore {id: $storeId})
UNWIND $rows AS props
OPTIONAL MATCH (old:Experiment {id: props.id})
WITH s, props, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before
MERGE (e:Experiment {id: props.id})
SET e = props
MERGE (s)-[h:HAS_EXPERIMENT]->(e)
  ON CREATE SET h.since = datetime()
${RETURN_CHANGE('e')}`;

/**
 * Datasets are merged, not replaced: one dataset is described by several sources (MLflow
 * inputs, OpenLineage facets), and one source must not wipe what another recorded.
 */
export const UPSERT_DATASETS = `
UNWIND $rows AS props
OPTIONAL MATCH (old:Dataset {id: props.id})
WITH props, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before
MERGE (d:Dataset {id: props.id})
SET d += props
${RETURN_CHANGE('d')}`;

/**
 * The one Cypher that writes runs, for every source. Each input with a digest also records its
 * dataset version (created once, never changed: another snapshot is another version) and the
 * edge names it (`versionId`). An input the run no longer lists is
 * superseded (`until`), not deleted, so `asOf` queries still see it; an input that comes back
 * later gets a new edge rather than reviving the old one, keeping each edge one interval.
 */
export const UPSERT_RUNS = `
UNWIND $rows AS row
MATCH (e:Experiment {id: row.experimentNodeId})
MERGE (r:Run {id: row.props.id})
SET r = row.props
MERGE (e)-[h:HAS_RUN]->(r)
  ON CREATE SET h.since = datetime()
WITH r, row
CALL (r, row) {
  MATCH (d0:Dataset)-[old:INPUT_TO WHERE old.until IS NULL]->(r)
  WHERE NOT d0.id + '|' + old.context IN [i IN row.inputs | i.datasetId + '|' + i.context]
  SET old.until = datetime()
}
CALL (r, row) {
  UNWIND row.inputs AS input
  MATCH (d:Dataset {id: input.datasetId})
  CALL (d, input) {
    WITH d, input WHERE input.version IS NOT NULL
    MERGE (v:DatasetVersion {id: input.version.id})
      ON CREATE SET v += input.version, v.recordedAt = datetime()
    MERGE (d)-[hv:HAS_DATASET_VERSION]->(v)
      ON CREATE SET hv.since = datetime()
  }
  OPTIONAL MATCH (d)-[live:INPUT_TO {context: input.context}]->(r) WHERE live.until IS NULL
  SET live.digest = input.digest, live.versionId = input.versionId, live += coalesce(input.facts, {})
  WITH d, r, input, live WHERE live IS NULL
  CREATE (d)-[x:INPUT_TO {context: input.context, digest: input.digest, versionId: input.versionId, since: datetime()}]->(r)
  SET x += coalesce(input.facts, {})
}`;

/** Which of the named dataset versions the graph already holds: the others are new, and audited. */
export const EXISTING_DATASET_VERSIONS = `
UNWIND $ids AS id
MATCH (v:DatasetVersion {id: id})
RETURN v.id AS id`;

export const LINK_PARENT_RUNS = `
UNWIND $links AS link
MATCH (p:Run {id: link.parent}), (c:Run {id: link.child})
MERGE (p)-[x:PARENT_OF]->(c)
  ON CREATE SET x.since = datetime()`;

export const UPSERT_REGISTERED_MODELS = `
UNWIND $rows AS props
OPTIONAL MATCH (old:RegisteredModel {id: props.id})
WITH props, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before
MERGE (m:RegisteredModel {id: props.id})
SET m = props
${RETURN_CHANGE('m')}`;

export const UPSERT_MODEL_VERSIONS = `
UNWIND $rows AS row
MATCH (m:RegisteredModel {id: row.modelNodeId})
MERGE (v:ModelVersion {id: row.props.id})
SET v = row.props
MERGE (m)-[h:HAS_VERSION]->(v)
  ON CREATE SET h.since = datetime()
WITH v, row
OPTIONAL MATCH (r:Run {id: row.runNodeId})
FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END |
  MERGE (r)-[p:PRODUCED]->(v)
    ON CREATE SET p.since = datetime())`;

/**
 * Imported signals. One recorded through the signal service, or moved through its lifecycle,
 * is left alone: its status changes only by audited transitions.
 */
export const UPSERT_SIGNALS = `
UNWIND $rows AS row
MERGE (s:Signal {id: row.props.id})
WITH s, row WHERE s.recordedBy IS NULL AND NOT EXISTS { (s)-[:HAS_TRANSITION]->() }
SET s = row.props
WITH s, row
OPTIONAL MATCH (r:Run {id: row.runNodeId})
FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END |
  MERGE (r)-[p:PRODUCED]->(s)
    ON CREATE SET p.since = datetime())`;

/**
 * A report imported from a source (side files, the scenario). Writing it again with other
 * sources keeps history for time travel (FEEDS_FROM_SOURCES). A report that has versions (it was
 * registered through the report service) or was withdrawn is never overwritten from here: those
 * change only through their audited mutations.
 */
export const UPSERT_REPORT = `
MERGE (rep:Report {id: $props.id})
WITH rep WHERE rep.latestVersion IS NULL AND coalesce(rep.status, '') <> 'WITHDRAWN'
SET rep = $props
WITH rep
${FEEDS_FROM_SOURCES}`;

/** One catalogue record an upsert created (before null) or changed, with its properties on both sides. */
export interface CatalogChange {
  readonly id: string;
  readonly before: Row | null;
  readonly after: Row;
}

const toCatalogChange = (r: Row): CatalogChange => ({ id: String(r.id), before: (r.before as Row | null) ?? null, after: r.after as Row });

/** The reports' properties as they stand, by id; for the audit events of an import. */
export const REPORT_STATES = `
UNWIND $ids AS id
MATCH (rep:Report {id: id})
RETURN rep.id AS id, properties(rep) AS props`;

export function storeIdOf(uri: string): { id: string; storeKey: string } {
  const storeKey = storeKeyFor(uri);
  return { id: formatId(NodeType.TRACKING_STORE, storeKey), storeKey };
}

export class CatalogWriteRepository {
  async writeStore(tx: Tx, s: StoreRecord): Promise<{ id: string; storeKey: string; changes: CatalogChange[] }> {
    const ref = storeIdOf(s.uri);
    const rows = await tx.run(UPSERT_STORE, { props: { ...ref, uri: s.uri, kind: s.kind, displayName: s.displayName } });
    await refreshSearchTexts(tx, 'TrackingStore', [ref.id]);
    return { ...ref, changes: rows.map(toCatalogChange) };
  }

  async writeExperiments(tx: Tx, storeId: string, storeKey: string, rows: readonly ExperimentRecord[]): Promise<CatalogChange[]> {
    const props = rows.map((e) => experimentProps(storeKey, e));
    const changes = (await tx.run(UPSERT_EXPERIMENTS, { storeId, rows: props })).map(toCatalogChange);
    await refreshSearchTexts(tx, 'Experiment', props.map((p) => String(p.id)));
    return changes;
  }

  async writeDatasets(tx: Tx, rows: readonly DatasetRecord[]): Promise<CatalogChange[]> {
    const props = rows.map(datasetProps);
    const changes = (await tx.run(UPSERT_DATASETS, { rows: props })).map(toCatalogChange);
    await refreshSearchTexts(tx, 'Dataset', props.map((p) => String(p.id)));
    // A dataset whose schema MLflow recorded gets its fields; one without a schema keeps what it has.
    const withFields = rows.flatMap((d) => {
      const fields = mlflowSchemaFields(d.schema);
      return fields === null ? [] : [{ id: datasetId(d), fields: fieldParams(d, fields) }];
    });
    if (withFields.length > 0) await syncDatasetFields(tx, withFields, FieldSource.MLFLOW);
    return changes;
  }

  async existingDatasetVersions(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    return new Set((await tx.run(EXISTING_DATASET_VERSIONS, { ids })).map((r) => String(r.id)));
  }

  async writeRuns(tx: Tx, storeKey: string, runs: readonly RunRecord[]): Promise<void> {
    const rows = runs.map((r) => ({
      props: runProps(storeKey, r),
      experimentNodeId: formatId(NodeType.EXPERIMENT, storeKey, r.experimentId),
      inputs: r.inputs.map((i) => inputRow(storeKey, i)),
    }));
    await tx.run(UPSERT_RUNS, { rows });
    await refreshSearchTexts(tx, 'Run', rows.map((r) => String(r.props.id)));
    const links = runs
      .filter((r) => r.parentRunId)
      .map((r) => ({ parent: formatId(NodeType.RUN, storeKey, r.parentRunId as string), child: formatId(NodeType.RUN, storeKey, r.runId) }));
    if (links.length > 0) await tx.run(LINK_PARENT_RUNS, { links });
  }

  async writeRegisteredModels(tx: Tx, storeKey: string, rows: readonly RegisteredModelRecord[]): Promise<CatalogChange[]> {
    const props = rows.map((m) => registeredModelProps(storeKey, m));
    const changes = (await tx.run(UPSERT_REGISTERED_MODELS, { rows: props })).map(toCatalogChange);
    await refreshSearchTexts(tx, 'RegisteredModel', props.map((p) => String(p.id)));
    return changes;
  }

  async writeModelVersions(tx: Tx, storeKey: string, rows: readonly ModelVersionRecord[]): Promise<void> {
    const versions = rows.map((v) => ({
      props: modelVersionProps(storeKey, v),
      modelNodeId: formatId(NodeType.REGISTERED_MODEL, storeKey, v.name),
      runNodeId: v.runId ? formatId(NodeType.RUN, storeKey, v.runId) : null,
    }));
    await tx.run(UPSERT_MODEL_VERSIONS, { rows: versions });
    await refreshSearchTexts(tx, 'ModelVersion', versions.map((v) => String(v.props.id)));
  }

  async writeSignals(tx: Tx, rows: readonly SignalRecord[]): Promise<void> {
    const signals = rows.map((s) => ({ props: signalProps(s), runNodeId: s.runId }));
    await tx.run(UPSERT_SIGNALS, { rows: signals });
    await refreshSearchTexts(tx, 'Signal', signals.map((s) => String(s.props.id)));
  }

  async reportStates(tx: Tx, ids: readonly string[]): Promise<Map<string, Row>> {
    if (ids.length === 0) return new Map();
    return new Map((await tx.run(REPORT_STATES, { ids })).map((r) => [String(r.id), r.props as Row]));
  }

  /** Returns how many of the named sources exist and were linked. */
  async writeReport(tx: Tx, r: ReportRecord): Promise<number> {
    const props = reportProps(r);
    const [row] = await tx.run(UPSERT_REPORT, {
      props,
      runIds: r.runIds,
      versionIds: r.modelVersionIds,
      datasetIds: r.datasetIds,
      signalIds: r.signalIds,
      now: toNeoDateTime(new Date()),
    });
    await refreshSearchTexts(tx, 'Report', [String(props.id)]);
    return (row?.linked as number | undefined) ?? 0;
  }
}
