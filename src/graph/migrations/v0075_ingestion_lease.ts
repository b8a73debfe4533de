import type { Migration } from './migration';

/**
 * One running ingestion per store, enforced by the database: a RUNNING Ingestion holds its
 * store's id in `runningStoreId` and gives it up when it ends, so two processes racing to start
 * the same store cannot both commit. Finished records have no such property and never collide.
 */
export const v0075: Migration = {
  version: 75,
  description: 'one running ingestion per tracking store',
  statements: ['CREATE CONSTRAINT ingestion_running_store IF NOT EXISTS FOR (n:Ingestion) REQUIRE n.runningStoreId IS UNIQUE', 'CREATE INDEX ingestion_status IF NOT EXISTS FOR (n:Ingestion) ON (n.status)'],
};
