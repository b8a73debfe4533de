#!/usr/bin/env node
// Bundles the offline verifier (src/export/verifyCli.ts) into dist/verify.mjs: one ES module
// with no dependencies, which every compliance package ships as verify.mjs and which
// `npm run verify-export` runs. Part of `npm run build`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const VERIFIER_OUT = path.join(ROOT, 'dist', 'verify.mjs');

export function bundleVerifier(log = console.log) {
  log('Bundling the offline verifier (src/export/verifyCli.ts → dist/verify.mjs) ...');
  esbuild.buildSync({
    entryPoints: [path.join(ROOT, 'src', 'export', 'verifyCli.ts')],
    outfile: VERIFIER_OUT,
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // An auditor's machine may run an older Node than the project's.
    target: 'node18',
    banner: { js: '// pv-lineage compliance package verifier: `node verify.mjs [folder] [--key <verifier key>]`. No dependencies, no network.' },
    legalComments: 'inline',
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    bundleVerifier((m) => console.log(`[build] ${m}`));
  } catch (err) {
    console.error(`[build] ${err.message}`);
    process.exit(1);
  }
}
