import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../../src/domain/role';
import { IdentityRepository } from '../../../src/graph/repositories/identityRepository';
import { AuditedWriter } from '../../../src/graph/auditedWriter';
import { defaultSpecDir } from '../../../src/sources/openlineage/specSchemas';
import { freshBenchGraph, startBenchApp } from '../benchApp';
import { ms, summarise, writeSection } from '../report';

/**
 * Issue 7's ingestion benchmark: `event_full`-sized RunEvents (Marquez's event_full.json with
 * fresh run ids, a START then a COMPLETE per run) POSTed to /api/v1/lineage by 8 concurrent
 * senders over loopback HTTP. Throughput is events/s over the measured batch; latency is per request.
 */
const SENDERS = Number(process.env.PVL_BENCH_OL_SENDERS ?? 8);
const WARMUP_EVENTS = 200;
const EVENTS = Number(process.env.PVL_BENCH_OL_EVENTS ?? 4000);
const TARGET = 300;
/** PVL_BENCH_OL_DISTINCT=1: every run gets its own job, parent and datasets (no shared nodes). */
const DISTINCT = process.env.PVL_BENCH_OL_DISTINCT === '1';

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

async function main(): Promise<void> {
  const { config, graph } = await freshBenchGraph();
  const { apollo, identity, base } = await startBenchApp(config, graph);
  const url = `${base}/api/v1/lineage`;

  // A service account with the PIPELINE role, as an Airflow integration would use.
  const now = new Date();
  await new IdentityRepository(graph, new AuditedWriter(graph)).createAccount(
    { id: 'bench.pipeline', displayName: 'Bench pipeline', kind: 'SERVICE', roles: [Role.PIPELINE], passwordHash: null },
    { type: 'USER_CREATED', subject: 'bench.pipeline', actor: 'bench', address: null, detail: {} },
    now,
  );
  const token = (await identity.issueApiToken({ id: 'bench', address: null }, 'bench.pipeline', 1, 'bench')).secret;

  const template = JSON.parse(readFileSync(join(defaultSpecDir(), '..', 'events', 'marquez', 'event_full.json'), 'utf8')) as Record<string, unknown>;
  const bodies = (count: number): string[] => {
    const out: string[] = [];
    for (let i = 0; out.length < count; i++) {
      const runId = randomUUID();
      const base = Date.UTC(2024, 0, 1) + i * 60_000;
      for (const [eventType, offset] of [['START', 0], ['COMPLETE', 30_000]] as const) {
        const event: Record<string, unknown> = { ...template, eventType, eventTime: new Date(base + offset).toISOString(), run: { ...(template.run as object), runId } };
        if (DISTINCT) distinguish(event, i);
        out.push(JSON.stringify(event));
      }
    }
    return out.slice(0, count);
  };
  const send = async (body: string): Promise<number> => {
    const t = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`ingest failed: ${res.status} ${text.slice(0, 300)}`);
    return performance.now() - t;
  };
  const drive = async (queue: string[]) => {
    const samples: number[] = [];
    let next = 0;
    // Each sender takes the next event as soon as its previous one is answered.
    await Promise.all(Array.from({ length: SENDERS }, async () => {
      while (next < queue.length) samples.push(await send(queue[next++]));
    }));
    return samples;
  };

  await drive(bodies(WARMUP_EVENTS));
  const queue = bodies(EVENTS);
  const bytes = queue.reduce((n, b) => n + Buffer.byteLength(b), 0) / queue.length;
  const load = loadavg()[0];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const samples = await drive(queue);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const nodeCpuMs = (used.user + used.system) / 1000 / EVENTS;
  const s = summarise(samples);
  const rate = EVENTS / seconds;
  const [{ events }] = await graph.query('bench.count', 'MATCH (e:LineageEvent) RETURN count(e) AS events');
  const [{ audited }] = await graph.query('bench.audited', "MATCH (e:AuditEvent {action: 'OPENLINEAGE_EVENT_RECORDED'}) RETURN count(e) AS audited");
  await apollo.stop();
  await graph.close();
  writeSection(
    'openlineage',
    'OpenLineage ingestion: `POST /api/v1/lineage` (issue 7)',
    `${EVENTS} RunEvents shaped like Marquez's \`event_full.json\` (${(bytes / 1024).toFixed(1)} kB each; fresh run ids, a START then a COMPLETE per run; every event validated against the JSON Schema and its facet schemas, logged verbatim and mapped in one statement; events that arrive while a write is in flight share its successor transaction), ${SENDERS} concurrent senders over loopback HTTP with a PIPELINE token, after ${WARMUP_EVENTS} warm-up events. All runs share the fixture's parent run and datasets, so writers contend for the same nodes (the hard case). Every new event also appends one audit event (sequence number, RFC 8785 hash, RFC 9162 leaf) in the same transaction. ${events as number} events in the lineage log and ${audited as number} in the audit log afterwards. The API server and the senders share one Node process, which spent ${nodeCpuMs.toFixed(1)} ms of CPU per event; the 1-minute load average was ${load.toFixed(1)} when the measurement started (other work on the machine competes for its ${cpus().length} cores).

| throughput | target | p50 | p95 | p99 | mean |
| --- | --- | --- | --- | --- | --- |
| ${rate.toFixed(0)} events/s | ≥ ${TARGET} events/s | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.mean)} |`,
  );
  console.log(`openlineage: ${rate.toFixed(0)} events/s, p50 ${ms(s.p50)}, p99 ${ms(s.p99)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
