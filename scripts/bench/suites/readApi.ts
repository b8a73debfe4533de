import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { compose } from '../../../src/composition/root';
import { migrate } from '../../../src/graph/migrate';
import { createApp } from '../../../src/http/app';
import { buildScenario } from '../scenario/pvScenario';
import { seedScenario } from '../scenario/seedScenario';
import { ms, summarise, writeSection } from '../report';
import { benchToken } from '../token';

/**
 * The read benchmark: `runs(first: 100)` with every relation, over HTTP on loopback,
 * against the demo scenario. Requests are sequential so the figures are per-request latency.
 */
const QUERY = `{
  runs(first: 100) {
    totalCount
    edges { node {
      id name status params metrics { key value special }
      experiment { id name }
      inputs { context dataset { id name digest period } }
      modelVersions { id version stage }
      reports { id title }
    } }
  }
}`;

const WARMUP = 50;
const REQUESTS = 1000;

async function main(): Promise<void> {
  // The per-token rate limit guards production; a benchmark client would trip it by design.
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', PVL_RATE_LIMIT_PER_MINUTE: '1000000' });
  const root = compose(config);
  const { graph } = root;
  await migrate(graph);
  await graph.autoCommit('bench.reset', 'MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  await seedScenario(root, buildScenario());
  const token = await benchToken(root);
  const server = createServer();
  const { app, apollo } = await createApp({ root, log: pino({ level: 'silent' }), isStarted: () => true }, server);
  server.on('request', app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const once = async () => {
    const t = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: QUERY }) });
    const body = (await res.json()) as { errors?: unknown };
    if (res.status !== 200 || body.errors) throw new Error(`query failed: ${res.status} ${JSON.stringify(body.errors)}`);
    return performance.now() - t;
  };
  for (let i = 0; i < WARMUP; i++) await once();
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i++) samples.push(await once());
  const seconds = (performance.now() - started) / 1000;
  const s = summarise(samples);
  await apollo.stop();
  await graph.close();
  const runs = buildScenario().stores.reduce((n, c) => n + c.runs.length, 0);
  writeSection(
    'read-api',
    'Read API: `runs(first: 100)` with all relations',
    `Demo data (${runs} runs, so the page holds every run), HTTP on loopback, one client, ${REQUESTS} requests after ${WARMUP} warm-up requests.

| p50 | p95 | p99 | mean | throughput |
| --- | --- | --- | --- | --- |
| ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.mean)} | ${(REQUESTS / seconds).toFixed(0)} req/s |`,
  );
  console.log(`read-api: p50 ${ms(s.p50)}, p99 ${ms(s.p99)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
