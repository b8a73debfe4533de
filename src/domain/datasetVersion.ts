import { formatId } from './ids';
import { NodeType } from './nodeType';
import { type OlDatasetRecord, type OlEventRecord, OPENLINEAGE_STORE_KEY } from './openlineage';

/**
 * One snapshot of a dataset as one source reported it: an MLflow store's digest, or an
 * OpenLineage `version` facet's `datasetVersion` (Marquez keeps dataset versions the same way).
 * Its typed id is `datasetVersion:<namespace>:<name>:<source>:<digest>`, the source being the
 * store key of the tracking store that reported it, so the same digest reported by two MLflow
 * stores is two versions, each naming who reported it. A version is written once and never
 * changed: a different snapshot is a different version.
 *
 * Every OpenLineage producer shares one source, the OpenLineage store's key (the store its runs
 * belong to), and the producer's URI is kept beside it (`producer`, the first to report it). A
 * `datasetVersion` is the storage's own snapshot id (an Iceberg snapshot, a Delta version), the
 * same whichever integration reads or writes it, so the Spark job that wrote version 7 and the
 * Airflow task that read version 7 must meet on one node; a source per producer would split
 * them, and would change a version's id when an integration is upgraded (its URI names the
 * release).
 */
export interface DatasetVersion {
  readonly id: string;
  readonly datasetId: string;
  /** The store key of the tracking store that reported it (an MLflow store, or the OpenLineage store). */
  readonly source: string;
  readonly digest: string;
  /** The schema and profile as that source recorded them for this snapshot (JSON text). */
  readonly schema: string | null;
  readonly profile: string | null;
  /** The `producer` URI of the OpenLineage event that first reported it; null for MLflow's. */
  readonly producer: string | null;
  /** When pv-lineage first recorded it (ISO-8601). */
  readonly recordedAt: string;
}

export const datasetVersionId = (namespace: string, name: string, source: string, digest: string): string =>
  formatId(NodeType.DATASET_VERSION, namespace, name, source, digest);

/** What an OpenLineage event records for a dataset's `version` facet; null when it has none. */
export interface OlDatasetVersion {
  readonly id: string;
  readonly datasetId: string;
  readonly source: string;
  readonly digest: string;
  readonly schema?: string;
  readonly profile?: string;
  readonly producer: string;
}

export function openLineageVersionOf(d: OlDatasetRecord, producer: string): OlDatasetVersion | null {
  if (d.version === null) return null;
  return {
    id: datasetVersionId(d.namespace, d.name, OPENLINEAGE_STORE_KEY, d.version),
    datasetId: formatId(NodeType.DATASET, d.namespace, d.name),
    source: OPENLINEAGE_STORE_KEY,
    digest: d.version,
    ...(d.schema === null ? {} : { schema: JSON.stringify(d.schema) }),
    ...(d.profile === null ? {} : { profile: JSON.stringify(d.profile) }),
    producer,
  };
}

/** One edge of a run to a dataset, and the version of it the event named (null when none). */
export interface OlVersionLink {
  readonly datasetId: string;
  readonly versionId: string | null;
  readonly digest: string | null;
}

/**
 * The versions an OpenLineage event names, one per id in id order (so concurrent events lock
 * them in the same order), and for a run event the version each input and output edge takes:
 * what ingest writes and what the versions migration replays from a logged event.
 */
export function openLineageVersionLinks(e: OlEventRecord): { versions: OlDatasetVersion[]; inputs: OlVersionLink[]; outputs: OlVersionLink[] } {
  const all = [...e.inputs, ...e.outputs, ...(e.dataset ? [e.dataset] : [])];
  const versions = [...new Map(all.flatMap((d) => openLineageVersionOf(d, e.producer) ?? []).map((v) => [v.id, v])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const link = (d: OlDatasetRecord): OlVersionLink => ({ datasetId: formatId(NodeType.DATASET, d.namespace, d.name), versionId: openLineageVersionOf(d, e.producer)?.id ?? null, digest: d.version });
  const isRun = e.kind === 'RUN' && e.runId !== null && e.job !== null;
  return { versions, inputs: isRun ? e.inputs.map(link) : [], outputs: isRun ? e.outputs.map(link) : [] };
}
