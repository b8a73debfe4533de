import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Way } from './measure';

/** A GraphQL-over-HTTP way whose client runs in a worker thread (httpMeasure.ts). */
export function httpWay(url: string, body: unknown, headers: Record<string, string>): Way {
  const worker = new Worker(join(__dirname, 'httpMeasure.js'), { workerData: { url, body, headers } });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.on('message', (m: { id: number; ok: boolean; value?: unknown; message?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.ok) w?.resolve(m.value);
    else w?.reject(new Error(m.message));
  });
  worker.on('error', (err) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  });
  const ask = <T>(cmd: string, extra: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, cmd, ...extra });
    });
  return {
    warm: () => ask<void>('warm'),
    one: () => ask<number>('one'),
    concurrent: (n, concurrency) => ask<{ samples: number[]; rps: number }>('concurrent', { n, concurrency }),
    close: async () => {
      await ask<void>('close');
      await worker.terminate();
    },
  };
}
