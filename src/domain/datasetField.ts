import { BadInputError } from './errors';
import { formatId, parseId } from './ids';
import { NodeType } from './nodeType';

/**
 * A column of a dataset. Its typed id is `datasetField:<namespace>:<name>:<field>`: the dataset's
 * two id parts then the field name, each percent-encoded by the one id grammar (`ids.ts`), so a
 * `:` in a namespace (`hdfs://host`), a name or a field (`a:b`) is `%3A` and the id still splits
 * into exactly four parts. Nested fields are named by their path joined with `.` (`address.city`),
 * as column-lineage facets name them.
 */
/**
 * Who reported a field's schema entry. Each source keeps its own HAS_FIELD edges, so one source
 * never closes or rewrites what another reported (docs/graph-model.md, "Who may write what").
 */
export enum FieldSource {
  MLFLOW = 'MLFLOW',
  OPENLINEAGE = 'OPENLINEAGE',
}

/** The source whose schema a dataset shows when both reported one: MLflow's is what the runs read. */
export const PREFERRED_FIELD_SOURCE = FieldSource.MLFLOW;

export interface DatasetField {
  readonly id: string;
  readonly datasetId: string;
  readonly namespace: string;
  readonly datasetName: string;
  readonly name: string;
  /** The type as the source wrote it (`string`, `BIGINT`, `struct`...); null when none was given. */
  readonly type: string | null;
  readonly description: string | null;
  /** Which source's schema lists it (null for entries recorded before sources were kept apart, or for a field only column lineage names). */
  readonly source: FieldSource | null;
}

/** A field as a schema lists it, before it has a dataset. */
export interface SchemaField {
  readonly name: string;
  readonly type: string | null;
  readonly description: string | null;
}

export const fieldId = (namespace: string, name: string, field: string): string => formatId(NodeType.DATASET_FIELD, namespace, name, field);

/** The dataset a field id belongs to and the field's name; BAD_USER_INPUT when the id is malformed. */
export function parseFieldId(id: string, argument = 'id'): { namespace: string; name: string; field: string; datasetId: string } {
  const parsed = parseId(id, argument);
  if (parsed.type !== NodeType.DATASET_FIELD) {
    throw new BadInputError(argument, `Argument "${argument}" must be a datasetField id, got "${id.slice(0, 200)}"`);
  }
  const [namespace, name, field] = parsed.parts;
  return { namespace, name, field, datasetId: formatId(NodeType.DATASET, namespace, name) };
}

/** Code-unit order on names, the tie-break everywhere fields are listed. */
export const compareFieldNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
