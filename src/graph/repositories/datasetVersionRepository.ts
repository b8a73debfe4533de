import type { DatasetVersion } from '../../domain/datasetVersion';
import { manyByKey, oneByKey } from '../batch';
import type { GraphExecutor, Row, Tx } from '../executor';
import { EARLIER_INPUT_VERSION, NEWER_OUTPUT_VERSION, RECORD_VERSIONS } from './openLineageRepository';

const VERSION_PROPS = 'v{.id, .datasetId, .source, .digest, .schema, .profile, .producer, .recordedAt}';

/** Dataset versions by id, for `DatasetInput.version`. */
export const DATASET_VERSIONS_BY_IDS = `
UNWIND $ids AS key
MATCH (v:DatasetVersion {id: key})
RETURN key, ${VERSION_PROPS} AS node`;

/** Each dataset's versions, oldest recorded first, then id. */
export const VERSIONS_OF_DATASETS = `
UNWIND $ids AS key
MATCH (:Dataset {id: key})-[:HAS_DATASET_VERSION]->(v:DatasetVersion)
WITH key, v ORDER BY key, v.recordedAt, v.id
RETURN key, ${VERSION_PROPS} AS node`;

/**
 * Snapshots an older graph kept only as digests on input edges: one row per (dataset, store,
 * digest) with the schema and profile MLflow recorded and when the first such edge was
 * recorded. In id order, so the migration's audit events come out in a stable order.
 */
export const UNVERSIONED_SNAPSHOTS = `
MATCH (d:Dataset)-[i:INPUT_TO]->(r:Run)
WHERE i.digest IS NOT NULL AND i.versionId IS NULL AND r.storeKey IS NOT NULL
WITH d, r.storeKey AS source, i.digest AS digest, collect(i) AS edges
RETURN d.id AS datasetId, d.namespace AS namespace, d.name AS name, source, digest,
  [e IN edges WHERE e.mlflowSchema IS NOT NULL | e.mlflowSchema][0] AS schema,
  [e IN edges WHERE e.mlflowProfile IS NOT NULL | e.mlflowProfile][0] AS profile,
  size(edges) AS inputs
ORDER BY datasetId, source, digest`;

/** Creates the versions and points each of their unversioned input edges at its version. */
export const VERSION_SNAPSHOTS = `
UNWIND $versions AS v
MATCH (d:Dataset {id: v.props.datasetId})
MERGE (x:DatasetVersion {id: v.props.id})
  ON CREATE SET x += v.props, x.recordedAt = datetime()
MERGE (d)-[h:HAS_DATASET_VERSION]->(x)
  ON CREATE SET h.since = datetime()
WITH d, x, v
MATCH (d)-[i:INPUT_TO]->(r:Run {storeKey: v.props.source})
WHERE i.digest = v.props.digest AND i.versionId IS NULL
SET i.versionId = x.id
RETURN d.id AS dataset, r.id AS run, 'input' AS role, x.id AS versionId`;

/**
 * Logged OpenLineage events whose body names a dataset version, oldest first: the versions
 * migration replays them onto graphs recorded before versions were kept.
 */
export const OPENLINEAGE_EVENTS_WITH_VERSIONS = `
MATCH (e:LineageEvent) WHERE e.payload CONTAINS '"datasetVersion"'
RETURN e.eventId AS eventId, e.eventTime AS eventTime, e.payload AS payload
ORDER BY e.eventTime, e.eventId`;

/** Which of these version ids the graph holds. */
export const EXISTING_VERSION_IDS = 'UNWIND $ids AS id MATCH (v:DatasetVersion {id: id}) RETURN v.id AS id';

/**
 * One logged event's versions, as its ingest would have written them: each version created once
 * (the first event naming it records it), and the run's existing input and output edges pointed
 * at the versions by the ingest's own rules (earliest event for an input, newest for an output).
 * Answers each edge it pointed, so the migration can say so in the trail.
 */
export const REPLAY_OPENLINEAGE_VERSIONS = `
UNWIND $events AS ev
${RECORD_VERSIONS}
CALL (ev) {
  WITH ev WHERE ev.run IS NOT NULL
  MATCH (r:Run {id: ev.run.id})
  CALL (r, ev) {
    UNWIND ev.inputs AS input
    MATCH (ds:Dataset {id: input.datasetId})-[i:INPUT_TO]->(r)
    WITH i, input, ev WHERE input.versionId IS NOT NULL AND ${EARLIER_INPUT_VERSION}
    SET i.versionId = input.versionId, i.digest = input.digest, i.versionTime = ev.eventTime, i.versionEventId = ev.event.eventId
    RETURN collect({dataset: input.datasetId, run: ev.run.id, role: 'input', versionId: input.versionId}) AS ins
  }
  CALL (r, ev) {
    UNWIND ev.outputs AS output
    MATCH (r)-[p:PRODUCED]->(ds:Dataset {id: output.datasetId})
    WITH p, output, ev WHERE output.versionId IS NOT NULL AND ${NEWER_OUTPUT_VERSION}
    SET p.versionId = output.versionId, p.digest = output.digest, p.versionTime = ev.eventTime, p.versionEventId = ev.event.eventId
    RETURN collect({dataset: output.datasetId, run: ev.run.id, role: 'output', versionId: output.versionId}) AS outs
  }
  RETURN ins + outs AS pointed
}
RETURN ev.event.eventId AS eventId, pointed`;

export interface UnversionedSnapshot {
  readonly datasetId: string;
  readonly namespace: string;
  readonly name: string;
  readonly source: string;
  readonly digest: string;
  readonly schema: string | null;
  readonly profile: string | null;
  /** How many input edges read it. */
  readonly inputs: number;
}

/** An input or output edge of a run that the versions migration pointed at a version. */
export interface PointedEdge {
  readonly dataset: string;
  readonly run: string;
  readonly role: 'input' | 'output';
  readonly versionId: string;
}

export function toDatasetVersion(p: Row): DatasetVersion {
  const s = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: String(p.id),
    datasetId: String(p.datasetId),
    source: String(p.source),
    digest: String(p.digest),
    schema: s(p.schema),
    profile: s(p.profile),
    producer: s(p.producer),
    recordedAt: String(p.recordedAt),
  };
}

/** Dataset snapshots (docs/graph-model.md, "Dataset versions"); batch functions in key order. */
export class DatasetVersionRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async byIds(ids: readonly string[]): Promise<(DatasetVersion | null)[]> {
    return oneByKey(await this.graph.query('datasetVersion.byIds', DATASET_VERSIONS_BY_IDS, { ids }), ids, toDatasetVersion);
  }

  async unversioned(tx: Tx): Promise<UnversionedSnapshot[]> {
    const s = (v: unknown) => (typeof v === 'string' ? v : null);
    return (await tx.run(UNVERSIONED_SNAPSHOTS)).map((r) => ({
      datasetId: String(r.datasetId),
      namespace: String(r.namespace),
      name: String(r.name),
      source: String(r.source),
      digest: String(r.digest),
      schema: s(r.schema),
      profile: s(r.profile),
      inputs: Number(r.inputs),
    }));
  }

  /** Creates the versions and points their input edges at them; answers each edge pointed. */
  async createVersions(tx: Tx, versions: readonly { props: Record<string, unknown> }[]): Promise<PointedEdge[]> {
    if (versions.length === 0) return [];
    return (await tx.run(VERSION_SNAPSHOTS, { versions })).map((r) => ({ dataset: String(r.dataset), run: String(r.run), role: 'input', versionId: String(r.versionId) }));
  }

  async openLineageEventsWithVersions(tx: Tx): Promise<{ eventId: string; eventTime: unknown; payload: string }[]> {
    return (await tx.run(OPENLINEAGE_EVENTS_WITH_VERSIONS)).map((r) => ({ eventId: String(r.eventId), eventTime: r.eventTime, payload: String(r.payload) }));
  }

  async existingIds(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    return new Set((await tx.run(EXISTING_VERSION_IDS, { ids })).map((r) => String(r.id)));
  }

  /** Replays the events' versions (REPLAY_OPENLINEAGE_VERSIONS); answers each edge pointed at a version. */
  async replayOpenLineageVersions(tx: Tx, events: readonly Record<string, unknown>[]): Promise<PointedEdge[]> {
    if (events.length === 0) return [];
    return (await tx.run(REPLAY_OPENLINEAGE_VERSIONS, { events })).flatMap((r) => (r.pointed as PointedEdge[] | null) ?? []);
  }

  async ofDatasets(ids: readonly string[]): Promise<DatasetVersion[][]> {
    return manyByKey(await this.graph.query('datasetVersion.ofDatasets', VERSIONS_OF_DATASETS, { ids }), ids, toDatasetVersion);
  }
}
