#!/usr/bin/env node
// `npm test`: installs dependencies, starts the test profile's Neo4j (or uses NEO4J_URI),
// compiles, checks the layer rules, and runs every test. Extra arguments go to jest, e.g. `npm test -- test/readApi`.
import { spawnSync } from 'node:child_process';
import { ROOT, build, ensureDependencies, run } from './lib/bootstrap.mjs';
import { ensureBrowserPackages } from './lib/browserDeps.mjs';
import { checkLayers } from './lib/layers.mjs';
import { ensureNeo4j, stopNeo4j } from './lib/neo4jServer.mjs';

const log = (m) => console.log(`[test] ${m}`);

async function main() {
  ensureDependencies(log);
  build(log);
  checkLayers(log);
  // The MLflow tests run the real mlflow (tracking servers, store generators) of each version
  // in scripts/mlflow/versions/ from its own venv; a warm run only compares requirement hashes.
  for (const version of ['3.x-pinned', '2.x-last']) {
    log(`Preparing the mlflow ${version} virtualenv (scripts/mlflow/setup_venv.sh ${version}) ...`);
    run('bash', ['scripts/mlflow/setup_venv.sh', version], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  // test/openlineageClient.test.ts sends events through the pinned openlineage-python client.
  log('Preparing the pinned openlineage-python virtualenv (scripts/openlineage/setup_venv.sh) ...');
  run('bash', ['scripts/openlineage/setup_venv.sh'], { stdio: ['ignore', 'ignore', 'inherit'] });
  // The browser tests (test/browser) drive Debian's chromium; installed here when missing, never skipped.
  const chromium = ensureBrowserPackages(log);
  const neo4j = await ensureNeo4j('test', { log });
  let status = 1;
  try {
    const result = spawnSync('npx', ['jest', ...process.argv.slice(2)], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password, PVL_CHROMIUM_PATH: chromium },
    });
    status = result.status ?? 1;
  } finally {
    if (neo4j.startedHere && !process.env.PVL_KEEP_NEO4J) await stopNeo4j('test', { log });
  }
  process.exit(status);
}

main().catch((err) => {
  console.error(`[test] ${err.message}`);
  process.exit(1);
});
