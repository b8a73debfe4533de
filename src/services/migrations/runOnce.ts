import type { AuditTx, AuditedWriter } from '../../graph/auditedWriter';
import type { DataMigrationRepository } from '../../graph/repositories/dataMigrationRepository';

/** The data migrations, by the name their completion record carries. Renaming one makes it run again. */
export enum DataMigration {
  DATASET_NAMES = 'datasetNames',
  SCHEMA_SOURCES = 'schemaSources',
  DATASET_VERSIONS = 'datasetVersions',
  OPENLINEAGE_VERSIONS = 'openLineageVersions',
  SEARCH_TEXTS = 'searchTexts',
}

export interface MigrationRepos {
  readonly dataMigrations: DataMigrationRepository;
  readonly writer: AuditedWriter;
}

/**
 * Runs a data migration unless it has completed before, and records its completion in the same
 * audited transaction. Each migration scans the whole graph for records of an older rule; once
 * it has run, every later write follows the new rule, so a start-up answers from one record
 * instead of repeating the scan on a graph of millions of nodes.
 */
export async function runOnce<T>(repos: MigrationRepos, migration: DataMigration, body: (tx: AuditTx) => Promise<T[]>): Promise<T[]> {
  return repos.writer.write(`migrate.${migration}`, async (tx) => {
    if (await repos.dataMigrations.isDone(tx, migration)) return [];
    const changes = await body(tx);
    await repos.dataMigrations.markDone(tx, migration, changes.length);
    return changes;
  });
}
