import { createHash } from 'node:crypto';
import type { GraphExecutor } from './executor';
import { MIGRATIONS, type Migration } from './migrations';

const APPLIED = 'MATCH (m:SchemaMigration) RETURN m.version AS version, m.checksum AS checksum';
const RECORD = `MERGE (m:SchemaMigration {version: $version})
  ON CREATE SET m.description = $description, m.checksum = $checksum, m.appliedAt = datetime()`;

export function checksumOf(m: Migration): string {
  return createHash('sha256').update(m.statements.join('\n')).digest('hex');
}

/**
 * Applies pending migrations in order. Schema statements can't share a transaction with data
 * writes, so each statement runs alone and the version is recorded after all of them succeed;
 * a crash in between is harmless because every statement is `IF NOT EXISTS`.
 */
export async function migrate(executor: GraphExecutor, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied = new Map(
    (await executor.query('migrate.applied', APPLIED)).map((r) => [r.version as number, r.checksum as string]),
  );
  const ran: number[] = [];
  for (const m of migrations) {
    const checksum = checksumOf(m);
    const seen = applied.get(m.version);
    if (seen !== undefined) {
      if (seen !== checksum) throw new Error(`Migration ${m.version} (${m.description}) was edited after it was applied`);
      continue;
    }
    for (const statement of m.statements) {
      await executor.write(`migrate.v${m.version}`, (tx) => tx.run(statement));
    }
    await executor.write(`migrate.v${m.version}.record`, (tx) =>
      tx.run(RECORD, { version: m.version, description: m.description, checksum }),
    );
    ran.push(m.version);
  }
  return ran;
}
