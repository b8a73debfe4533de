import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { toWire, type WorkerMessage } from '../services/ingest/workerProtocol';
import type { IngestWorkerData } from './ingestWorkerSpawn';
import { compose } from './root';

/**
 * The entry of an ingest worker thread (see services/ingest/ingestRunner.ts). It composes its
 * own parts, with its own driver, so the batches it writes go through its own audited writer
 * exactly as a CLI ingest's do.
 */

const post = (m: WorkerMessage) => parentPort?.postMessage(m);

async function run({ config, request }: IngestWorkerData): Promise<void> {
  const root = compose(config);
  let started = false;
  try {
    const summary = await root.ingest.ingestMlflow(request.uri, {
      actor: request.actor,
      auditActor: request.auditActor,
      onStarted: (record) => {
        started = true;
        post({ type: 'started', record });
      },
    });
    post({ type: 'finished', status: summary.status });
  } catch (err) {
    if (started) throw err;
    post({ type: 'refused', error: toWire(err) });
  } finally {
    await root.close();
  }
}

if (parentPort) {
  run(workerData as IngestWorkerData).catch((err: Error) => {
    process.stderr.write(`ingest worker failed: ${err.message}\n`);
    process.exitCode = 1;
  });
}
