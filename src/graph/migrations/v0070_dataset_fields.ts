import type { Migration } from './migration';

/**
 * Dataset fields: unique by typed id, found by their dataset's id (a dataset's fields include
 * those only column lineage names, which have no HAS_FIELD edge), and searchable by name. The
 * full-text index is rebuilt under its own name with DatasetField added; an index's labels
 * cannot be altered in place.
 */
export const v0070: Migration = {
  version: 70,
  description: 'Dataset fields: unique id, dataset index, in lineage search',
  statements: [
    'CREATE CONSTRAINT dataset_field_id IF NOT EXISTS FOR (n:DatasetField) REQUIRE n.id IS UNIQUE',
    'CREATE INDEX dataset_field_dataset IF NOT EXISTS FOR (n:DatasetField) ON (n.datasetId)',
    'DROP INDEX lineage_search IF EXISTS',
    `CREATE FULLTEXT INDEX lineage_search IF NOT EXISTS
     FOR (n:TrackingStore|Experiment|Run|Dataset|DatasetField|RegisteredModel|ModelVersion|LoggedModel|Report|Signal|Job)
     ON EACH [n.name, n.title, n.runId, n.digest, n.drug, n.eventTerm, n.displayName, n.modelId]`,
  ],
};
