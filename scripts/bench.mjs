#!/usr/bin/env node
// `npm run bench [-- <suite> ...]`: installs, compiles, starts the bench profile's Neo4j (or uses
// NEO4J_URI) and runs benchmark suites from dist/scripts/bench/<suite>.js. Each suite writes its
// own section of docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, build, ensureDependencies } from './lib/bootstrap.mjs';
import { ensureNeo4j } from './lib/neo4jServer.mjs';

const log = (m) => console.log(`[bench] ${m}`);
const SUITES_DIR = path.join(ROOT, 'dist', 'scripts', 'bench', 'suites');

async function main() {
  ensureDependencies(log);
  build(log);
  const available = fs.readdirSync(SUITES_DIR).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).sort();
  // `--flag value` pairs (e.g. `--scale M`) go to the suites; the other bare words name suites.
  const args = process.argv.slice(2);
  const flags = args.flatMap((a, i) => (a.startsWith('-') ? [a] : i > 0 && args[i - 1].startsWith('--') && !args[i - 1].includes('=') ? [a] : []));
  const wanted = args.filter((a, i) => !a.startsWith('-') && !(i > 0 && args[i - 1].startsWith('--') && !args[i - 1].includes('=')));
  const unknown = wanted.filter((w) => !available.includes(w));
  if (unknown.length > 0) throw new Error(`Unknown suite(s) ${unknown.join(', ')}; available: ${available.join(', ')}`);
  const suites = wanted.length > 0 ? wanted : available;
  const neo4j = await ensureNeo4j('bench', { log });
  // The server is measured as it is deployed (the Dockerfile sets NODE_ENV=production): in
  // development mode graphql-js adds cross-realm checks to every type test it makes.
  const env = { ...process.env, NODE_ENV: 'production', NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password };
  for (const suite of suites) {
    log(`suite ${suite}`);
    const res = spawnSync(process.execPath, ['--expose-gc', path.join(SUITES_DIR, `${suite}.js`), ...flags], { cwd: ROOT, env, stdio: 'inherit' });
    if (res.status !== 0) throw new Error(`suite ${suite} failed (exit ${res.status})`);
  }
  log(`results in docs/benchmarks.md`);
}

main().catch((err) => {
  console.error(`[bench] ${err.message}`);
  process.exit(1);
});
