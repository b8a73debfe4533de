import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../../src/domain/role';
import { INGEST_EVENT } from '../../../src/graph/repositories/openLineageRepository';
import { defaultSpecDir } from '../../../test/support/openlineageSpec';
import { freshBenchGraph, runClientWorker, startBenchApp } from '../benchApp';
import { ms, summarise, writeSection } from '../report';

/**
 * The OpenLineage ingestion benchmark: `event_full`-sized RunEvents (Marquez's event_full.json with
 * fresh run ids, a START then a COMPLETE per run) POSTed to /api/v1/lineage by 8 concurrent
 * senders over loopback HTTP. Throughput is events/s over the measured batch; latency is per request.
 */
const SENDERS = Number(process.env.PVL_BENCH_OL_SENDERS ?? 8);
const WARMUP_EVENTS = 200;
const EVENTS = Number(process.env.PVL_BENCH_OL_EVENTS ?? 4000);
/** Issue targets: audited events/s from 8 senders, and the p99 latency that must hold meanwhile. */
const TARGET = 500;
const TARGET_P99_MS = 100;
/** PVL_BENCH_OL_DISTINCT=1: every run gets its own job, parent and datasets (no shared nodes). */
const DISTINCT = process.env.PVL_BENCH_OL_DISTINCT === '1';

async function main(): Promise<void> {
  const { graph, root } = await freshBenchGraph();
  const { apollo, identity, base } = await startBenchApp(root);
  const url = `${base}/api/v1/lineage`;

  // A service account with the PIPELINE role, as an Airflow integration would use.
  const now = new Date();
  await root.repos.identity.createAccount(
    { id: 'bench.pipeline', displayName: 'Bench pipeline', kind: 'SERVICE', roles: [Role.PIPELINE], passwordHash: null },
    { type: 'USER_CREATED', subject: 'bench.pipeline', actor: 'bench', address: null, detail: {} },
    now,
  );
  const token = (await identity.issueApiToken({ id: 'bench', address: null }, 'bench.pipeline', 1, 'bench')).secret;

  const template = JSON.parse(readFileSync(join(defaultSpecDir(), '..', 'events', 'marquez', 'event_full.json'), 'utf8')) as Record<string, unknown>;
  // The senders run in a worker thread (scripts/bench/openLineageSenders.ts), so the API has its own thread.
  let load = 0;
  let bytes = 0;
  let cpu = process.cpuUsage();
  let started = 0;
  const statements = new Map<string, number>();
  let stop = (): void => undefined;
  const job = { url, token, senders: SENDERS, template, warmupEvents: WARMUP_EVENTS, events: EVENTS, distinct: DISTINCT };
  const samples = await runClientWorker(join(__dirname, '..', 'openLineageSenders.js'), job, (m) => {
    bytes = m.bytes as number;
    load = loadavg()[0];
    stop = graph.onStatement((e) => statements.set(e.cypher, (statements.get(e.cypher) ?? 0) + 1));
    cpu = process.cpuUsage();
    started = performance.now();
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  stop();
  const nodeCpuMs = (used.user + used.system) / 1000 / EVENTS;
  const perTx = [...statements.values()].reduce((a, b) => a + b, 0) / (statements.get(INGEST_EVENT) ?? 1);
  const eventsPerTx = EVENTS / (statements.get(INGEST_EVENT) ?? 1);
  const s = summarise(samples);
  const rate = EVENTS / seconds;
  const [{ events }] = await graph.query('bench.count', 'MATCH (e:LineageEvent) RETURN count(e) AS events');
  const [{ audited }] = await graph.query('bench.audited', "MATCH (e:AuditEvent {action: 'OPENLINEAGE_EVENT_RECORDED'}) RETURN count(e) AS audited");
  await apollo.stop();
  await graph.close();
  writeSection(
    'openlineage',
    'OpenLineage ingestion: `POST /api/v1/lineage`',
    `${EVENTS} RunEvents shaped like Marquez's \`event_full.json\` (${(bytes / 1024).toFixed(1)} kB each; fresh run ids, a START then a COMPLETE per run; every event validated against the JSON Schema and its facet schemas, logged verbatim and mapped in one statement; events that arrive while a write is in flight share its successor transaction), ${SENDERS} concurrent senders over loopback HTTP with a PIPELINE token, after ${WARMUP_EVENTS} warm-up events. All runs share the fixture's parent run and datasets, so writers contend for the same nodes (the hard case). Every new event also appends one audit event (sequence number, RFC 8785 hash, RFC 9162 leaf) in the same transaction. ${events as number} events in the lineage log and ${audited as number} in the audit log afterwards. The senders run in a worker thread of the harness process, so the API server has its main thread to itself; that process (server and senders) spent ${nodeCpuMs.toFixed(1)} ms of CPU per event. Transactions held ${eventsPerTx.toFixed(1)} events and ${perTx.toFixed(1)} statements on average; the 1-minute load average was ${load.toFixed(1)} when the measurement started (other work on the machine competes for its ${cpus().length} cores).

| throughput | target | p50 | p95 | p99 | p99 target | mean |
| --- | --- | --- | --- | --- | --- | --- |
| ${rate.toFixed(0)} events/s ${rate >= TARGET ? '✔' : '✘'} | ≥ ${TARGET} events/s | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} ${s.p99 <= TARGET_P99_MS ? '✔' : '✘'} | ≤ ${TARGET_P99_MS} ms | ${ms(s.mean)} |`,
  );
  console.log(`openlineage: ${rate.toFixed(0)} events/s, p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, ${eventsPerTx.toFixed(1)} events and ${perTx.toFixed(1)} statements per transaction, ${nodeCpuMs.toFixed(2)} ms CPU per event`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
