import type { Migration } from './migration';

/** Dataset versions (snapshots) are written once per id; ingest MERGEs on it for every input. */
export const v0095: Migration = {
  version: 95,
  description: 'dataset versions: one node per snapshot id',
  statements: ['CREATE CONSTRAINT dataset_version_id IF NOT EXISTS FOR (v:DatasetVersion) REQUIRE v.id IS UNIQUE'],
};
