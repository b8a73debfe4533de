import type { Migration } from './migration';

/** One record per data migration that has run (services/migrations/runOnce.ts), so start-up reads one node instead of scanning the graph. */
export const v0100: Migration = {
  version: 100,
  description: 'data migrations: one record per completed migration',
  statements: ['CREATE CONSTRAINT data_migration_name IF NOT EXISTS FOR (m:DataMigration) REQUIRE m.name IS UNIQUE'],
};
