import { parentPort, workerData } from 'node:worker_threads';

/**
 * The audit benchmark's HTTP clients, run in a worker thread: real clients are not inside the
 * server's process, and sharing its one JavaScript thread would measure the clients too.
 * Half the mutations record a signal, half move a recorded one to VALIDATED.
 */
interface ClientJob {
  readonly url: string;
  readonly token: string;
  readonly writers: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly runId: string;
}

const RECORD = `mutation($input: RecordSignalInput!) { recordSignal(input: $input) { id status } }`;
const TRANSITION = `mutation($id: ID!) { transitionSignal(id: $id, to: VALIDATED, decision: "Validated", rationale: "Disproportionality confirmed on review") { id status } }`;

async function main(job: ClientJob): Promise<number[]> {
  const gql = async (query: string, variables: Record<string, unknown>): Promise<Record<string, { id: string }>> => {
    const res = await fetch(job.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
    if (body.errors) throw new Error(`mutation failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
    return body.data as Record<string, { id: string }>;
  };
  let serial = 0;
  const recorded: string[] = [];
  const mutate = async (): Promise<number> => {
    const t = performance.now();
    const n = serial++;
    if (n % 2 === 1 && recorded.length > 0) await gql(TRANSITION, { id: recorded.shift() });
    else {
      const data = await gql(RECORD, { input: { drug: `drug-${n % 97}`, eventTerm: `Event ${n}`, prr: 2.5, ror: 2.9, caseCount: 12, detectedByRun: job.runId } });
      recorded.push(data.recordSignal.id);
    }
    return performance.now() - t;
  };
  const drive = async (seconds: number) => {
    const samples: number[] = [];
    const end = performance.now() + seconds * 1000;
    await Promise.all(Array.from({ length: job.writers }, async () => {
      while (performance.now() < end) samples.push(await mutate());
    }));
    return samples;
  };
  await drive(job.warmupSeconds);
  parentPort?.postMessage({ type: 'measuring' });
  return drive(job.seconds);
}

main(workerData as ClientJob).then(
  (samples) => parentPort?.postMessage({ type: 'done', samples }),
  (err: Error) => parentPort?.postMessage({ type: 'error', message: err.message }),
);
