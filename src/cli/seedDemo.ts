import 'reflect-metadata';
import path from 'node:path';
import { loadConfig } from '../config';
import { compose } from '../composition/root';
import { DEMO_REPORT_ID, seedDemoFromFixtures, signDemoReport } from '../services/ingest/demoFixtures';

/**
 * Loads the demo data into the Neo4j named by NEO4J_*: ingests the real MLflow fixture stores
 * (demo/mlflow/) and adds demo signals and a report linked to the ingested runs. Safe
 * to run any number of times (unchanged runs are skipped by fingerprint).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const root = compose(config);
  try {
    await root.prepare();
    const summary = await seedDemoFromFixtures(root, path.resolve(__dirname, '..', '..', '..'));
    const signed = await signDemoReport(root);
    for (const s of summary.ingestions) {
      process.stdout.write(
        `Ingested ${s.storeUri}: ${s.runsSeen} runs (added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged}), ${s.modelVersions} model versions, ${s.skipped.length} skipped.\n`,
      );
    }
    if (summary.withoutHistory.length > 0) {
      process.stdout.write(
        `Note: ${summary.withoutHistory.join(', ')} were loaded by an earlier demo without their lifecycle history and stay as recorded; a fresh demo database (an empty Neo4j) shows each signal's steps.\n`,
      );
    }
    process.stdout.write(`Demo data loaded: ${summary.ingestions.length} MLflow stores, ${summary.signals} signals, ${summary.reports} reports${signed.signatures > 0 ? `, ${signed.signatures} signatures on ${DEMO_REPORT_ID}` : ''}.\n`);
  } finally {
    await root.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`Loading demo data failed: ${err.message}\n`);
  process.exit(1);
});
