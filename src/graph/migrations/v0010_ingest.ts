import type { Migration } from './migration';

/** MLflow ingestion: metric-history series, ingest records, and the lookups the ingester makes. */
export const v0010: Migration = {
  version: 10,
  description: 'metric series, ingestion records, parent-run and fingerprint lookups',
  statements: [
    'CREATE CONSTRAINT metric_series_key IF NOT EXISTS FOR (n:MetricSeries) REQUIRE (n.runNodeId, n.key) IS UNIQUE',
    'CREATE CONSTRAINT ingestion_id IF NOT EXISTS FOR (n:Ingestion) REQUIRE n.id IS UNIQUE',
    'CREATE INDEX ingestion_store IF NOT EXISTS FOR (n:Ingestion) ON (n.storeId)',
    'CREATE INDEX run_store_key IF NOT EXISTS FOR (n:Run) ON (n.storeKey)',
    'CREATE INDEX run_parent_run_id IF NOT EXISTS FOR (n:Run) ON (n.parentRunId)',
  ],
};
