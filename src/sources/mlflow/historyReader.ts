import type { Worker } from 'node:worker_threads';
import type { MetricSeriesRecord } from '../../domain/records';
import { startWorker } from '../workerThread';

export interface HistoryRequest {
  readonly seq: number;
  readonly runIds: readonly string[];
}

export type HistoryReply =
  | { readonly seq: number; readonly entries: [string, MetricSeriesRecord[]][] }
  | { readonly seq: number; readonly error: string };

interface Waiting {
  readonly resolve: (histories: Map<string, MetricSeriesRecord[]>) => void;
  readonly reject: (err: Error) => void;
}

/**
 * Full metric histories of a SQLite store, read by a worker thread (historyWorker.ts) so that the
 * scan of a large store's points overlaps the ingester's Neo4j writes instead of blocking the
 * event loop between them. The worker starts on the first request and ends with `close`.
 */
export class HistoryReader {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly file: string) {}

  load(runIds: readonly string[]): Promise<Map<string, MetricSeriesRecord[]>> {
    if (runIds.length === 0) return Promise.resolve(new Map());
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.started().postMessage({ seq, runIds } satisfies HistoryRequest);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
    this.failAll(new Error('the metric history reader was closed'));
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker(__dirname, 'historyWorker', { file: this.file });
    // An ingest that ends without closing its source must not keep the process alive.
    w.unref();
    w.on('message', (reply: HistoryReply) => {
      const waiting = this.waiting.get(reply.seq);
      if (!waiting) return;
      this.waiting.delete(reply.seq);
      if ('error' in reply) waiting.reject(new Error(`reading metric histories of ${this.file}: ${reply.error}`));
      else waiting.resolve(new Map(reply.entries));
    });
    w.on('error', (err) => this.failAll(new Error(`reading metric histories of ${this.file}: ${err.message}`)));
    w.on('exit', () => {
      if (this.worker === w) this.worker = null;
      this.failAll(new Error(`the metric history reader of ${this.file} stopped`));
    });
    this.worker = w;
    return w;
  }

  private failAll(err: Error): void {
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }
}
