import { parentPort, workerData } from 'node:worker_threads';
import { closeAgent, postJson } from './http';
import { measure } from './measure';

/**
 * Measures one GraphQL request over HTTP from a worker thread: a real client is not inside the
 * server's process, and on the server's own thread its HTTP stack and JSON parsing would be
 * counted as server overhead. The raw-Cypher floor is measured on the harness's main thread.
 */
interface HttpJob {
  readonly url: string;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  readonly requests: number;
}

async function main(job: HttpJob): Promise<void> {
  const post = async () => {
    const res = await postJson(job.url, job.body, job.headers);
    const parsed = res.body as { errors?: unknown };
    if (res.status !== 200 || parsed.errors) throw new Error(`${job.url} failed: ${res.status} ${JSON.stringify(parsed.errors).slice(0, 500)}`);
  };
  try {
    parentPort?.postMessage({ type: 'done', measured: await measure(post, job.requests) });
  } finally {
    closeAgent();
  }
}

main(workerData as HttpJob).catch((err: Error) => parentPort?.postMessage({ type: 'error', message: err.message }));
