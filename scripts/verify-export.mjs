#!/usr/bin/env node
// `npm run verify-export -- <package folder> [--key <verifier key>]`: runs the same bundled
// verifier a package ships as verify.mjs (dist/verify.mjs, rebuilt when src/ is newer). It needs
// neither a server nor a database. Exit codes: 0 verified, 1 not, 2 usage.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, build, ensureDependencies } from './lib/bootstrap.mjs';
import { isStale } from './export-compliance.mjs';

const args = process.argv.slice(2);
if (!args.some((a, i) => !a.startsWith('-') && args[i - 1] !== '--key')) {
  console.error('usage: npm run verify-export -- <package folder> [--key <verifier key>]');
  process.exit(2);
}
try {
  const log = (m) => console.error(`[verify-export] ${m}`);
  ensureDependencies(log);
  const verifier = path.join(ROOT, 'dist', 'verify.mjs');
  if (isStale([verifier])) build(log);
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const result = spawnSync(process.execPath, [verifier, ...args.map((a, i) => (a.startsWith('-') || args[i - 1] === '--key' ? a : path.resolve(cwd, a)))], { cwd, stdio: 'inherit' });
  process.exit(result.status ?? 1);
} catch (err) {
  console.error(`[verify-export] ${err.message}`);
  process.exit(1);
}
