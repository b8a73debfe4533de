#!/usr/bin/env node
// `npm run demo`: installs dependencies, provisions and starts the demo profile's Neo4j (or uses
// NEO4J_URI), loads the demo data from demo/ (idempotently, on every run) and serves the API.
import { spawn, spawnSync } from 'node:child_process';
import { ROOT, build, ensureDependencies } from './lib/bootstrap.mjs';
import { ensureAuditKey } from './lib/auditKey.mjs';
import { ensureNeo4j } from './lib/neo4jServer.mjs';

const log = (m) => console.log(`[demo] ${m}`);

async function main() {
  ensureDependencies(log);
  build(log);
  const neo4j = await ensureNeo4j('demo', { log });
  // The demo turns on anonymous read-only access explicitly (PVL_ANONYMOUS_READ=false turns it off).
  // The demo's own fixtures are the one folder an ADMIN may register stores from (PVL_INGEST_ROOTS).
  const env = { PVL_ANONYMOUS_READ: 'true', PVL_AUDIT_ORIGIN: 'pv-lineage.demo/audit', PVL_INGEST_ROOTS: `${ROOT}/demo/mlflow`, ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password };
  if (!env.PVL_AUDIT_SIGNING_KEY && !env.PVL_AUDIT_SIGNING_KEY_FILE) {
    env.PVL_AUDIT_SIGNING_KEY_FILE = ensureAuditKey('demo', env.PVL_AUDIT_ORIGIN, log).file;
  }
  const seed = spawnSync(process.execPath, ['dist/src/cli/seedDemo.js'], { cwd: ROOT, env, stdio: 'inherit' });
  if (seed.status !== 0) process.exit(seed.status ?? 1);
  const port = env.PORT ?? '4000';
  if (env.PVL_ANONYMOUS_READ === 'true' || env.PVL_ANONYMOUS_READ === '1') {
    log('Anonymous READ-ONLY access is ON for this demo (PVL_ANONYMOUS_READ=true): requests without a token read as VIEWER. Never set it in production.');
  }
  log('More accounts: `npm run admin -- bootstrap --user <id> --name "<printed name>"` creates the first ADMIN, who can add others (docs/security.md).');
  log(`Serving on http://localhost:${port}/graphql (GraphiQL in a browser) and the lineage explorer on http://localhost:${port}/lineage. Ctrl-C stops the API; Neo4j keeps running (npm run neo4j -- stop).`);
  const server = spawn(process.execPath, ['dist/src/main.js'], { cwd: ROOT, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((err) => {
  console.error(`[demo] ${err.message}`);
  process.exit(1);
});
