export interface Dataset {
  readonly id: string;
  /** OpenLineage-style namespace, e.g. `s3://pv-data`. */
  readonly namespace: string;
  readonly name: string;
  readonly digest: string | null;
  readonly source: string | null;
  readonly sourceType: string | null;
  /** Data period the dataset covers, e.g. the FAERS quarter `2024Q1`. */
  readonly period: string | null;
  /** MLflow's schema when an MLflow run recorded one, else the newest OpenLineage schema facet's fields. */
  readonly schema: unknown;
  /** The schema as MLflow recorded it; no other source writes it. */
  readonly mlflowSchema: unknown;
  /** The fields of the newest OpenLineage schema facet, kept apart from MLflow's. */
  readonly openLineageSchema: unknown;
  /** The name MLflow gave the dataset, when an MLflow input recorded it. */
  readonly mlflowName: string | null;
}

/** A dataset as one run read it: the edge carries the role and the snapshot digest seen. */
export interface DatasetInput {
  readonly dataset: Dataset;
  /** MLflow's `mlflow.data.context`, e.g. `training` or `evaluation`. */
  readonly context: string | null;
  readonly digest: string | null;
  /** The dataset version (snapshot) this run read; null when its source gave no digest. */
  readonly versionId: string | null;
  /** What MLflow recorded for this input (null for inputs from other sources). */
  readonly mlflow: DatasetInputFacts | null;
}

/** MLflow's own view of a dataset input, raw: its name, source type, source, schema and profile JSON texts. */
export interface DatasetInputFacts {
  readonly name: string;
  readonly sourceType: string | null;
  readonly source: string | null;
  readonly schema: string | null;
  readonly profile: string | null;
}
