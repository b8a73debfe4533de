import type { Migration } from './migration';

/**
 * Search finds what people type (docs/graph-model.md, "Search"): v0085's index also covers model
 * stages (`Production`) and run users (`m.silva`), and a second index holds the ids of reports
 * and signals (`report:SDR-2024Q1`, `signal:SIG-2024-001`), which are the names people use for
 * them. The ids of other nodes stay out: every run id begins `run:`, so that word would match
 * them all. A full-text index's properties cannot be altered, so the index is rebuilt.
 */
export const v0090: Migration = {
  version: 90,
  description: 'search covers model stages, run users, and report and signal ids',
  statements: [
    'DROP INDEX lineage_search IF EXISTS',
    `CREATE FULLTEXT INDEX lineage_search IF NOT EXISTS
     FOR (n:TrackingStore|Experiment|Run|Dataset|DatasetField|RegisteredModel|ModelVersion|LoggedModel|Report|Signal|Job)
     ON EACH [n.name, n.title, n.runId, n.digest, n.drug, n.eventTerm, n.displayName, n.modelId, n.mlflowName, n.stage, n.userId]`,
    `CREATE FULLTEXT INDEX lineage_keys IF NOT EXISTS FOR (n:Report|Signal) ON EACH [n.id]`,
  ],
};
