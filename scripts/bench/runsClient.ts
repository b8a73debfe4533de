import { parentPort, workerData } from 'node:worker_threads';

/**
 * One sequential client of `runs(first: 20)` in a worker thread (see runClientWorker in
 * benchApp.ts), so its own work never runs on the server's event loop.
 */
interface ClientJob {
  readonly url: string;
  readonly token: string;
  readonly warmup: number;
  readonly seconds: number;
}

const QUERY = '{ runs(first: 20) { totalCount edges { node { id name status } } } }';

async function main(job: ClientJob): Promise<number[]> {
  const once = async () => {
    const t = performance.now();
    const res = await fetch(job.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` }, body: JSON.stringify({ query: QUERY }) });
    const body = (await res.json()) as { errors?: unknown };
    if (res.status !== 200 || body.errors) throw new Error(`runs query failed: ${res.status} ${JSON.stringify(body.errors).slice(0, 300)}`);
    return performance.now() - t;
  };
  for (let i = 0; i < job.warmup; i++) await once();
  parentPort?.postMessage({ type: 'measuring' });
  const samples: number[] = [];
  const end = performance.now() + job.seconds * 1000;
  while (performance.now() < end) samples.push(await once());
  return samples;
}

main(workerData as ClientJob).then(
  (samples) => parentPort?.postMessage({ type: 'done', samples }),
  (err: Error) => parentPort?.postMessage({ type: 'error', message: err.message }),
);
