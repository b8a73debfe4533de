import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker thread whose entry is `<base>.js` in `dir` once built. Under jest the sources
 * are TypeScript compiled in jest's own module registry, which a worker thread does not share:
 * the worker then registers @swc-node/register (a dev dependency) and loads `<base>.ts` itself,
 * so tests run the same source they check.
 */
export function startWorker(dir: string, base: string, workerData: unknown): Worker {
  const js = path.join(dir, `${base}.js`);
  if (fs.existsSync(js)) return new Worker(js, { workerData });
  const ts = path.join(dir, `${base}.ts`);
  const register = require.resolve('@swc-node/register');
  return new Worker(`require(${JSON.stringify(register)}); require(${JSON.stringify(ts)});`, { eval: true, workerData });
}
