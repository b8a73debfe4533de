import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs a command in the repo root, inheriting stdio; throws with the command line on failure. */
export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
}

/**
 * Installs dependencies when node_modules is missing or older than the lock file, so a fresh
 * clone needs nothing but `npm test` or `npm run demo`.
 */
export function ensureDependencies(log = console.log) {
  const lock = path.join(ROOT, 'package-lock.json');
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh) return;
  log('Installing npm dependencies (npm ci) ...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/**
 * Compiles TypeScript to dist/ (the demo, CLIs and the server run compiled code) and bundles
 * the lineage explorer into dist/ui (scripts/build-ui.mjs), which the server serves at /lineage,
 * and the offline verifier of compliance packages into dist/verify.mjs (scripts/build-verifier.mjs).
 */
export function build(log = console.log) {
  log('Compiling TypeScript ...');
  run('npx', ['tsc', '-p', 'tsconfig.build.json']);
  run(process.execPath, ['scripts/build-ui.mjs']);
  run(process.execPath, ['scripts/build-verifier.mjs']);
}
