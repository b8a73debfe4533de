import type { Migration } from './migration';

/**
 * The lineage explorer's search box: one full-text index over every lineage label, on the
 * properties people type (names, titles, MLflow run ids, digests, drug and event terms). The
 * standard analyzer splits `pv-signal-xgb` into words and keeps a hex digest as one token, so
 * a prefix query finds both.
 */
export const v0020: Migration = {
  version: 20,
  description: 'full-text index for lineage search',
  statements: [
    `CREATE FULLTEXT INDEX lineage_search IF NOT EXISTS
     FOR (n:TrackingStore|Experiment|Run|Dataset|RegisteredModel|ModelVersion|LoggedModel|Report|Signal|Job)
     ON EACH [n.name, n.title, n.runId, n.digest, n.drug, n.eventTerm, n.displayName, n.modelId]`,
  ],
};
