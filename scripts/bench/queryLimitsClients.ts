import { parentPort, workerData } from 'node:worker_threads';
import { postJson } from './lineage/http';

/**
 * One client of the query-limits bench, in its own thread: either sends `query` back to back
 * (each time with a different trailing comment, so that neither Apollo's document cache nor
 * the limits' verdict cache answers it) or polls /healthz every few milliseconds, for
 * `durationMs`. Posts the latency of each request.
 */
export interface LimitsClientJob {
  readonly mode: 'query' | 'healthz';
  readonly base: string;
  readonly durationMs: number;
  readonly query?: string;
  readonly token?: string | null;
  /** The code every answer to `query` must carry. */
  readonly expectCode?: string;
}

const POLL_MS = 5;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(job: LimitsClientJob): Promise<number[]> {
  const samples: number[] = [];
  const until = performance.now() + job.durationMs;
  parentPort?.postMessage({ type: 'measuring' });
  for (let i = 0; performance.now() < until; i++) {
    const started = performance.now();
    if (job.mode === 'healthz') {
      const res = await fetch(`${job.base}/healthz`);
      await res.text();
      if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
      samples.push(performance.now() - started);
      await pause(POLL_MS);
      continue;
    }
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(job.token ? { authorization: `Bearer ${job.token}` } : {}) };
    const res = await postJson(`${job.base}/graphql`, { query: `${job.query}\n# ${i}` }, headers);
    samples.push(performance.now() - started);
    const code = (res.body as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
    if (code !== job.expectCode) throw new Error(`expected ${job.expectCode}, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  return samples;
}

main(workerData as LimitsClientJob)
  .then((samples) => parentPort?.postMessage({ type: 'done', samples }))
  .catch((err: Error) => parentPort?.postMessage({ type: 'error', message: err.message }));
