import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { compose } from '../composition/root';
import { DEMO_REPORT_ID, seedDemoFromFixtures, signDemoReport } from '../services/ingest/demoFixtures';
import { DEMO_SIGN_INS, applyDemoPasswords, newDemoPasswords, parseDemoPasswords } from '../services/ingest/demoSignIns';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * The demo's sign-ins: generated once into a file only its owner may read (mode 0600, in the
 * git-ignored `.pvl/`), so a local demo never ships a known password, and kept across runs so
 * the printed sign-ins stay valid.
 */
function demoPasswords(file: string): Map<string, string> {
  if (fs.existsSync(file)) return parseDemoPasswords(fs.readFileSync(file, 'utf8'), file);
  const passwords = newDemoPasswords();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify(Object.fromEntries(passwords), null, 2)}\n`, { mode: 0o600 });
  return passwords;
}

/**
 * Loads the demo data into the Neo4j named by NEO4J_*: ingests the real MLflow fixture stores
 * (demo/mlflow/), records and moves the demo signals, registers and signs the demo report, and
 * gives the demo people the passwords of the sign-ins file (PVL_DEMO_SIGN_INS_FILE, default
 * `.pvl/demo-sign-ins.json`), which it prints. Safe to run any number of times.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const root = compose(config);
  const file = process.env.PVL_DEMO_SIGN_INS_FILE ?? path.join(ROOT, '.pvl', 'demo-sign-ins.json');
  try {
    await root.prepare();
    const passwords = demoPasswords(file);
    const summary = await seedDemoFromFixtures(root, ROOT);
    const signed = await signDemoReport(root, passwords);
    const reset = await applyDemoPasswords(root, passwords);
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
    if (reset.length > 0) process.stdout.write(`Set the sign-in passwords of ${reset.join(', ')} from ${path.relative(process.cwd(), file)}.\n`);
    process.stdout.write(`Demo sign-ins (kept in ${path.relative(process.cwd(), file)}, mode 0600; sign in on the explorer or with the login mutation):\n`);
    for (const s of DEMO_SIGN_INS) process.stdout.write(`  ${s.id.padEnd(14)} ${passwords.get(s.id)}   ${s.can}\n`);
  } finally {
    await root.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`Loading demo data failed: ${err.message}\n`);
  process.exit(1);
});
