import type { Migration } from './migration';

/**
 * Search finds a dataset by the name MLflow gave it (`mlflow.data.from_pandas(…, name=…)`),
 * which differs from the node's OpenLineage name when the dataset has a source location. A
 * full-text index's properties cannot be altered, so v0070's index (fields included) is rebuilt with `mlflowName`.
 */
export const v0085: Migration = {
  version: 85,
  description: 'lineage search also covers the MLflow dataset name',
  statements: [
    'DROP INDEX lineage_search IF EXISTS',
    `CREATE FULLTEXT INDEX lineage_search IF NOT EXISTS
     FOR (n:TrackingStore|Experiment|Run|Dataset|DatasetField|RegisteredModel|ModelVersion|LoggedModel|Report|Signal|Job)
     ON EACH [n.name, n.title, n.runId, n.digest, n.drug, n.eventTerm, n.displayName, n.modelId, n.mlflowName]`,
  ],
};
