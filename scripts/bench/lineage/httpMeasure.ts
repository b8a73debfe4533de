import { parentPort, workerData } from 'node:worker_threads';
import { closeAgent, postJson } from './http';
import { localWay } from './measure';

/**
 * The HTTP client of one GraphQL way, in a worker thread: a real client is not inside the
 * server's process, and on the server's own thread its HTTP stack and JSON parsing would be
 * counted as server overhead. It answers the harness's commands (see `httpWay`).
 */
interface HttpJob {
  readonly url: string;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

const job = workerData as HttpJob;
const way = localWay(async () => {
  const res = await postJson(job.url, job.body, job.headers);
  const parsed = res.body as { errors?: unknown };
  if (res.status !== 200 || parsed.errors) throw new Error(`${job.url} failed: ${res.status} ${JSON.stringify(parsed.errors).slice(0, 500)}`);
});

parentPort?.on('message', (m: { id: number; cmd: 'warm' | 'one' | 'concurrent' | 'close'; n?: number; concurrency?: number }) => {
  const run = async (): Promise<unknown> => {
    if (m.cmd === 'warm') return way.warm();
    if (m.cmd === 'one') return way.one();
    if (m.cmd === 'concurrent') return way.concurrent(m.n as number, m.concurrency as number);
    closeAgent();
    return undefined;
  };
  run().then(
    (value) => parentPort?.postMessage({ id: m.id, ok: true, value }),
    (err: Error) => parentPort?.postMessage({ id: m.id, ok: false, message: err.message }),
  );
});
