import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The single-file verifier every package ships: dist/verify.mjs, which `npm run build` bundles
 * from src/export/verifyCli.ts (scripts/build-verifier.mjs). Found from the project root so the
 * compiled exporter and the TypeScript one under test read the same file.
 */
export function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'pv-lineage') return dir;
    if (dirname(dir) === dir) throw new Error(`no pv-lineage package.json above ${from}`);
  }
}

export const verifierBundlePath = (): string => join(projectRoot(), 'dist', 'verify.mjs');

export function readVerifierBundle(path = verifierBundlePath()): Buffer {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\`, which bundles the offline verifier`);
  return readFileSync(path);
}
