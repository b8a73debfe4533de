#!/usr/bin/env node
// Builds the lineage explorer (src/ui) into dist/ui: type-checks it with its own tsconfig (it
// runs in a browser, with DOM types), bundles it with cytoscape into one script, and copies the
// page and its stylesheet. The API serves dist/ui at /lineage; nothing is loaded from a CDN.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const UI_SOURCE = path.join(ROOT, 'src', 'ui');
export const UI_OUT = path.join(ROOT, 'dist', 'ui');

export async function buildUi(log = console.log) {
  log('Type-checking and bundling the lineage explorer (src/ui → dist/ui) ...');
  const check = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(UI_SOURCE, 'tsconfig.json')], { cwd: ROOT, stdio: 'inherit' });
  if (check.status !== 0) throw new Error('the explorer (src/ui) does not type-check');
  fs.rmSync(UI_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { explorer: path.join(UI_SOURCE, 'main.ts'), 'explorer.css': path.join(UI_SOURCE, 'explorer.css') },
    outdir: UI_OUT,
    entryNames: '[name]',
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'iife',
    // Browsers of the last few years; the explorer uses nothing newer than ES2020.
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    // Bundled libraries' licence comments go in a file beside the bundle.
    legalComments: 'linked',
    logLevel: 'warning',
  });
  // esbuild names a CSS entry `<name>.css`; the entry above is already called explorer.css.
  const doubled = path.join(UI_OUT, 'explorer.css.css');
  if (fs.existsSync(doubled)) {
    fs.renameSync(doubled, path.join(UI_OUT, 'explorer.css'));
    if (fs.existsSync(`${doubled}.map`)) fs.renameSync(`${doubled}.map`, path.join(UI_OUT, 'explorer.css.map'));
  }
  fs.copyFileSync(path.join(UI_SOURCE, 'index.html'), path.join(UI_OUT, 'index.html'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildUi().catch((err) => {
    console.error(`[build-ui] ${err.message}`);
    process.exit(1);
  });
}
