#!/usr/bin/env node
// `npm run export -- report <id> | signal <id> | reports --from <d> --to <d> --out <dir>`:
// makes sure the dependencies are installed and dist/ (the compiled exporter and the bundled
// verifier, dist/verify.mjs) is not older than src/, then runs dist/src/export/cli.js. The
// export is a client of the GraphQL API (PVL_API_URL, PVL_API_TOKEN); it never opens Neo4j.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, build, ensureDependencies } from './lib/bootstrap.mjs';

const log = (m) => console.error(`[export] ${m}`);

/** True when a compiled output is missing or older than some TypeScript under src/. */
export function isStale(outputs) {
  const src = path.join(ROOT, 'src');
  const newest = fs
    .readdirSync(src, { recursive: true })
    .filter((f) => f.endsWith('.ts'))
    .reduce((m, f) => Math.max(m, fs.statSync(path.join(src, f)).mtimeMs), 0);
  return outputs.some((o) => !fs.existsSync(o) || fs.statSync(o).mtimeMs < newest);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    ensureDependencies(log);
    const entry = path.join(ROOT, 'dist', 'src', 'export', 'cli.js');
    if (isStale([entry, path.join(ROOT, 'dist', 'verify.mjs')])) build(log);
    const result = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { cwd: process.env.INIT_CWD ?? process.cwd(), stdio: 'inherit' });
    process.exit(result.status ?? 1);
  } catch (err) {
    log(err.message);
    process.exit(1);
  }
}
