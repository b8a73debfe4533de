import type { Tx } from '../executor';

/** Whether the data migration `$name` has completed. */
export const DATA_MIGRATION_DONE = 'MATCH (m:DataMigration {name: $name}) RETURN m.name AS name';

/**
 * Records a data migration as completed, with how many records it changed. Written in the
 * migration's own transaction, so a migration that rolls back leaves no record and runs again.
 */
export const RECORD_DATA_MIGRATION = `MERGE (m:DataMigration {name: $name})
  ON CREATE SET m.completedAt = datetime(), m.changes = $changes`;

/**
 * The bookkeeping of data migrations, like SchemaMigration for the schema: not a record of the
 * domain, so not audited itself; what a migration changes is audited by the migration.
 */
export class DataMigrationRepository {
  async isDone(tx: Tx, name: string): Promise<boolean> {
    return (await tx.run(DATA_MIGRATION_DONE, { name })).length > 0;
  }

  async markDone(tx: Tx, name: string, changes: number): Promise<void> {
    await tx.run(RECORD_DATA_MIGRATION, { name, changes });
  }
}
