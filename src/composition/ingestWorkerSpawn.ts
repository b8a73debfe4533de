import type { Worker } from 'node:worker_threads';
import type { Config } from '../config';
import type { IngestRequest } from '../services/ingest/workerProtocol';
import { startWorker } from '../sources/workerThread';

/** What an ingest worker thread is started with. */
export interface IngestWorkerData {
  readonly config: Config;
  readonly request: IngestRequest;
}

/** Starts an ingest worker thread (`ingestWorker.ts` beside this file). */
export function ingestWorkerSpawner(config: Config): (request: IngestRequest) => Worker {
  return (request) => startWorker(__dirname, 'ingestWorker', { config, request } satisfies IngestWorkerData);
}
