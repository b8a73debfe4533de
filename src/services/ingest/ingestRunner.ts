import type { Worker } from 'node:worker_threads';
import type { IngestionRecord } from '../../graph/repositories/ingestRepository';
import type { IngestService } from './ingestService';
import { fromWire, type IngestRequest, type WorkerMessage } from './workerProtocol';

/**
 * Runs API-started ingestions off the request thread: each in its own worker thread, which
 * builds its own driver and services through the composition root, so reading a store (sync
 * `fs` and SQLite calls) never blocks the event loop that serves requests. `start` answers with
 * the RUNNING record as soon as the worker has committed it, or with the worker's refusal
 * (BAD_USER_INPUT, CONFLICT) unchanged. A worker that dies after starting has its record marked
 * INTERRUPTED here; one whose whole process dies is found later by its stale heartbeat.
 */
export class IngestRunner {
  private readonly workers = new Map<Worker, string | null>();

  constructor(
    private readonly spawn: (request: IngestRequest) => Worker,
    private readonly ingest: IngestService,
  ) {}

  start(request: IngestRequest): Promise<IngestionRecord> {
    const worker = this.spawn(request);
    this.workers.set(worker, null);
    let finished = false;
    return new Promise<IngestionRecord>((resolve, reject) => {
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'started') {
          this.workers.set(worker, m.record.id);
          resolve(m.record);
        } else if (m.type === 'refused') {
          reject(fromWire(m.error));
        } else {
          finished = true;
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        const id = this.workers.get(worker) ?? null;
        this.workers.delete(worker);
        reject(new Error(`the ingest worker exited with code ${code} before it started`));
        if (id && !finished) void this.ingest.interrupt(id, `its worker thread exited with code ${code}`).catch(() => undefined);
      });
    });
  }

  /** How many ingestions this process is running now. */
  get active(): number {
    return this.workers.size;
  }

  /** Stops every worker (their open batch rolls back) and marks what they were running INTERRUPTED. */
  async close(): Promise<void> {
    const running = [...this.workers.entries()];
    await Promise.all(running.map(([w]) => w.terminate()));
    for (const [, id] of running) if (id) await this.ingest.interrupt(id, 'the server shut down while it ran').catch(() => undefined);
  }
}
