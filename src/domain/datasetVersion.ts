import { formatId } from './ids';
import { NodeType } from './nodeType';

/**
 * One snapshot of a dataset as one source reported it: an MLflow store's digest (Marquez keeps
 * dataset versions the same way). Its typed id is
 * `datasetVersion:<namespace>:<name>:<source>:<digest>`, the source being the store key, so the
 * same digest reported by two stores is two versions, each naming who reported it. A version
 * is written once and never changed: a different snapshot is a different version.
 */
export interface DatasetVersion {
  readonly id: string;
  readonly datasetId: string;
  /** The store key of the MLflow store that reported it. */
  readonly source: string;
  readonly digest: string;
  /** The schema and profile as that source recorded them for this snapshot (JSON text). */
  readonly schema: string | null;
  readonly profile: string | null;
  /** When pv-lineage first recorded it (ISO-8601). */
  readonly recordedAt: string;
}

export const datasetVersionId = (namespace: string, name: string, source: string, digest: string): string =>
  formatId(NodeType.DATASET_VERSION, namespace, name, source, digest);
