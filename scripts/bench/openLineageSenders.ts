import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The OpenLineage benchmark's senders, run in a worker thread: real integrations (Airflow,
 * Spark, dbt) are other processes, and sharing the server's one JavaScript thread would measure
 * their HTTP client too. Each sender posts the next event as soon as its previous one is answered.
 */
interface SenderJob {
  readonly url: string;
  readonly token: string;
  readonly senders: number;
  /** Marquez's event_full.json, parsed. */
  readonly template: Record<string, unknown>;
  readonly warmupEvents: number;
  readonly events: number;
  /** Every run gets its own job, parent and datasets (no shared nodes). */
  readonly distinct: boolean;
}

function distinguish(event: Record<string, unknown>, i: number): void {
  const suffix = `-${i % 1000}`;
  const job = event.job as { name: string };
  event.job = { ...job, name: job.name + suffix };
  const rename = (list: unknown) => (list as { name: string }[]).map((d) => ({ ...d, name: d.name + suffix }));
  event.inputs = rename(event.inputs);
  event.outputs = rename(event.outputs);
  const run = event.run as { facets: Record<string, unknown> };
  const parent = run.facets.parent as { run: object };
  event.run = { ...run, facets: { ...run.facets, parent: { ...parent, run: { ...parent.run, runId: randomUUID() } } } };
}

/** Fresh run ids, a START then a COMPLETE per run, a minute apart per run. */
function bodies(job: SenderJob, count: number, from: number): string[] {
  const out: string[] = [];
  for (let i = from; out.length < count; i++) {
    const runId = randomUUID();
    const base = Date.UTC(2024, 0, 1) + i * 60_000;
    for (const [eventType, offset] of [['START', 0], ['COMPLETE', 30_000]] as const) {
      const event: Record<string, unknown> = { ...job.template, eventType, eventTime: new Date(base + offset).toISOString(), run: { ...(job.template.run as object), runId } };
      if (job.distinct) distinguish(event, i);
      out.push(JSON.stringify(event));
    }
  }
  return out.slice(0, count);
}

async function main(job: SenderJob): Promise<void> {
  const send = async (body: string): Promise<number> => {
    const t = performance.now();
    const res = await fetch(job.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` }, body });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`ingest failed: ${res.status} ${text.slice(0, 300)}`);
    return performance.now() - t;
  };
  const drive = async (queue: readonly string[]) => {
    const samples: number[] = [];
    let next = 0;
    await Promise.all(Array.from({ length: job.senders }, async () => {
      while (next < queue.length) samples.push(await send(queue[next++]));
    }));
    return samples;
  };
  const warmup = bodies(job, job.warmupEvents, 0);
  const queue = bodies(job, job.events, job.warmupEvents);
  await drive(warmup);
  const bytes = queue.reduce((n, b) => n + Buffer.byteLength(b), 0) / queue.length;
  parentPort?.postMessage({ type: 'measuring', bytes });
  parentPort?.postMessage({ type: 'done', samples: await drive(queue) });
}

main(workerData as SenderJob).catch((err: Error) => parentPort?.postMessage({ type: 'error', message: err.message }));
