import 'reflect-metadata';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { Role } from '../../../src/domain/role';
import { freshBenchGraph, runClientWorker, startBenchApp } from '../benchApp';
import { BENCH_RUNS, benchStore } from '../benchStore';
import { ms, summarise, writeSection } from '../report';
import { buildScenario } from '../scenario/pvScenario';
import { seedScenario } from '../scenario/seedScenario';
import { benchToken } from '../token';

/**
 * Reads while an ingestion runs: p99 of `runs(first: 20)` on one server, idle and then while the
 * 10M-point SQLite store is ingested through `ingestMlflow` on the same server. The ingestion
 * runs in a worker thread, so the target is that reads stay within 2× their idle p99.
 */
const SECONDS = Number(process.env.PVL_BENCH_LOAD_SECONDS ?? 20);
const WARMUP = 50;

async function main(): Promise<void> {
  const db = benchStore();
  const { root } = await freshBenchGraph();
  await seedScenario(root, buildScenario());
  const reader = await benchToken(root);
  const pipeline = await benchToken(root, 'bench.pipeline', [Role.PIPELINE]);
  // The operator registers the store, as `npm run ingest` does, and lets the pipeline write to it; the API then ingests it by id.
  const operator = { id: 'bench', role: null, name: 'bench (operator)' };
  const store = await root.stores.registerFromHost(operator, `sqlite:///${db}`);
  await root.storeWrites.grant(operator, store.id, 'bench.pipeline', 'The benchmark pipeline ingests the bench store');
  const app = await startBenchApp(root);
  const url = `${app.base}/graphql`;
  const client = join(__dirname, '..', 'runsClient.js');
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${pipeline}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Record<string, { id: string; status: string; runsSeen: number }>; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
    return body.data!;
  };
  const status = async (id: string) => (await gql('query($id: ID!) { ingestion(id: $id) { id status runsSeen } }', { id })).ingestion;

  const load0 = loadavg()[0];
  const idle = summarise(await runClientWorker(client, { url, token: reader, warmup: WARMUP, seconds: SECONDS }, () => undefined));
  const started = performance.now();
  const { ingestMlflow } = await gql('mutation($id: ID!) { ingestMlflow(storeId: $id) { id status runsSeen } }', { id: store.id });
  const loaded = summarise(await runClientWorker(client, { url, token: reader, warmup: 0, seconds: SECONDS }, () => undefined));
  const during = await status(ingestMlflow.id);
  let end = during;
  while (end.status === 'RUNNING') {
    await new Promise((r) => setTimeout(r, 1000));
    end = await status(ingestMlflow.id);
  }
  const ingestSeconds = (performance.now() - started) / 1000;
  const load1 = loadavg()[0];
  await app.apollo.stop();
  await root.close();
  const ratio = loaded.p99 / idle.p99;
  writeSection(
    'ingest-under-load',
    'Reads while an ingestion runs through the API',
    `\`runs(first: 20)\` over HTTP on loopback, one sequential client in a worker thread, against the demo
scenario plus the store being ingested; ${SECONDS} s idle (after ${WARMUP} warm-up requests), then ${SECONDS} s right after
\`ingestMlflow\` started the ${BENCH_RUNS.toLocaleString('en')}-run, ${(BENCH_RUNS * 1000).toLocaleString('en')}-point SQLite store (\`scripts/bench/benchStore.ts\`) on the
same server. The ingestion runs in a worker thread with its own driver. When the loaded window
ended the ingestion was ${during.status} at ${during.runsSeen.toLocaleString('en')} runs; it ended ${end.status} after ${ingestSeconds.toFixed(0)} s.
Machine load (1-minute load average) ${load0.toFixed(1)} before, ${load1.toFixed(1)} after: other work sharing this
2-core machine stretches every figure, idle ones included.

| phase | requests | p50 | p95 | p99 |
| --- | --- | --- | --- | --- |
| idle | ${idle.n} | ${ms(idle.p50)} | ${ms(idle.p95)} | ${ms(idle.p99)} |
| during ingestion | ${loaded.n} | ${ms(loaded.p50)} | ${ms(loaded.p95)} | ${ms(loaded.p99)} |

p99 during ingestion / idle p99: ${ratio.toFixed(2)}× (target ≤ 2×) ${ratio <= 2 ? '✔' : '✘'}.`,
  );
  console.log(`[bench:ingest-under-load] idle p99 ${ms(idle.p99)}, loaded p99 ${ms(loaded.p99)} (${ratio.toFixed(2)}×), ingest ${end.status} in ${ingestSeconds.toFixed(0)} s`);
}

main().catch((err: Error) => {
  console.error(`[bench:ingest-under-load] ${err.message}`);
  process.exit(1);
});
