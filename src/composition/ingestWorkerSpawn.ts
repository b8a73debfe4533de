import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config';
import type { IngestRequest } from '../services/ingest/workerProtocol';

/** What an ingest worker thread is started with. */
export interface IngestWorkerData {
  readonly config: Config;
  readonly request: IngestRequest;
}

/**
 * Starts an ingest worker thread. Built, the entry is the compiled `ingestWorker.js` beside
 * this file. Under jest the sources are TypeScript that jest compiles in its own module
 * registry, which a worker thread does not share: the worker then registers @swc-node/register
 * (a dev dependency) and loads `ingestWorker.ts` itself, so tests run the same source they check.
 */
export function ingestWorkerSpawner(config: Config): (request: IngestRequest) => Worker {
  return (request) => {
    const workerData: IngestWorkerData = { config, request };
    const js = path.join(__dirname, 'ingestWorker.js');
    if (fs.existsSync(js)) return new Worker(js, { workerData });
    const ts = path.join(__dirname, 'ingestWorker.ts');
    const register = require.resolve('@swc-node/register');
    return new Worker(`require(${JSON.stringify(register)}); require(${JSON.stringify(ts)});`, { eval: true, workerData });
  };
}
