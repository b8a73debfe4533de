#!/usr/bin/env node
// `node scripts/cli.mjs <name> [args]`: runs dist/src/cli/<name>.js after making sure the
// dependencies are installed and dist/ is not older than src/, against NEO4J_* if set or
// else the demo profile's local Neo4j (started if needed; not for API clients such as `report`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, build, ensureDependencies } from './lib/bootstrap.mjs';
import { ensureNeo4j } from './lib/neo4jServer.mjs';

const log = (m) => console.error(`[cli] ${m}`);
/** CLIs that talk to the GraphQL API (PVL_API_URL) rather than the database: they need no Neo4j here. */
const API_CLIENTS = new Set(['report']);
/**
 * The ingester's heap bound (MB). Its live data is about two batches of runs (some 60 MB for
 * 500 runs of 1,000 points each); without a bound V8 lets garbage grow to several times that
 * before collecting, which is most of the ingester's peak memory.
 */
const INGEST_HEAP_MB = Number(process.env.PVL_INGEST_MAX_HEAP_MB ?? 384);
const NODE_FLAGS = { ingest: [`--max-old-space-size=${INGEST_HEAP_MB}`] };

function newestMtime(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

async function main() {
  const [name, ...args] = process.argv.slice(2);
  if (!name || !/^[a-zA-Z0-9_-]+$/.test(name)) throw new Error('usage: node scripts/cli.mjs <cli-name> [args]');
  ensureDependencies(log);
  const entry = path.join(ROOT, 'dist', 'src', 'cli', `${name}.js`);
  if (!fs.existsSync(entry) || fs.statSync(entry).mtimeMs < newestMtime(path.join(ROOT, 'src'))) build(log);
  if (!fs.existsSync(entry)) throw new Error(`no CLI named "${name}" (dist/src/cli/${name}.js)`);
  let env = process.env;
  if (!env.NEO4J_URI && !API_CLIENTS.has(name)) {
    const neo4j = await ensureNeo4j('demo', { log });
    env = { ...env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password };
  }
  const result = spawnSync(process.execPath, [...(NODE_FLAGS[name] ?? []), entry, ...args], { cwd: process.env.INIT_CWD ?? process.cwd(), env, stdio: 'inherit' });
  // V8 aborts when the heap bound is reached; say which setting to change.
  if (name === 'ingest' && (result.signal === 'SIGABRT' || result.status === 134)) {
    log(`the ingester ran out of its ${INGEST_HEAP_MB} MB heap: raise PVL_INGEST_MAX_HEAP_MB, or lower --batch-size for runs with very long metric histories`);
  }
  process.exit(result.status ?? 1);
}

main().catch((err) => {
  console.error(`[cli] ${err.message}`);
  process.exit(1);
});
