import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { AuditKind } from '../../../src/domain/audit/draft';
import { generateSignerKey } from '../../../src/domain/audit/note';
import { Role } from '../../../src/domain/role';
import { SignalStatus } from '../../../src/domain/signal';
import { recordSignal, transitionSignal } from '../../../src/services/signals/signalService';
import { freshBenchGraph, runClientWorker, startBenchApp } from '../benchApp';
import { ms, summarise, writeSection } from '../report';

/**
 * The write benchmark: 16 concurrent clients (in a worker thread) send audited mutations
 * over loopback HTTP (recordSignal, then transitionSignal on signals already recorded), each one a
 * change plus its audit event in one transaction. Then the log is grown to 100,000 events and
 * `verifyAuditTrail` is timed against a signed checkpoint.
 */
const WRITERS = Number(process.env.PVL_BENCH_AUDIT_WRITERS ?? 16);
const SECONDS = Number(process.env.PVL_BENCH_AUDIT_SECONDS ?? 20);
const VERIFY_EVENTS = Number(process.env.PVL_BENCH_AUDIT_VERIFY_EVENTS ?? 100_000);
const TARGET = 300;
const ORIGIN = 'pv-lineage.bench/audit';


async function main(): Promise<void> {
  const key = generateSignerKey(ORIGIN);
  const { graph, root } = await freshBenchGraph({ PVL_AUDIT_ORIGIN: ORIGIN, PVL_AUDIT_SIGNING_KEY: key.signerKey });
  await graph.write('bench.fixture', (tx) =>
    tx.run("CREATE (:Run {id: 'run:bench:r1', runId: 'r1', storeKey: 'bench', name: 'bench-detector', status: 'FINISHED', lifecycleStage: 'active', startTime: 0})"),
  );
  const { apollo, identity, base } = await startBenchApp(root);
  const url = `${base}/graphql`;
  const { repos } = root;
  await repos.identity.createAccount(
    { id: 'bench.scientist', displayName: 'Bench Scientist', kind: 'USER', roles: [Role.SCIENTIST, Role.PIPELINE], passwordHash: null },
    { type: 'USER_CREATED', subject: 'bench.scientist', actor: 'bench', address: null, detail: {} },
    new Date(),
  );
  const token = (await identity.issueApiToken({ id: 'bench', address: null }, 'bench.scientist', 1, 'bench')).secret;

  // The clients run in a worker thread (scripts/bench/auditClients.ts), so the API has its own thread.
  const statements = new Map<string, number>();
  let stop = (): void => undefined;
  let load = 0;
  let cpu = process.cpuUsage();
  let started = 0;
  const job = { url, token, writers: WRITERS, warmupSeconds: 2, seconds: SECONDS, runId: 'run:bench:r1' };
  const samples = await runClientWorker(join(__dirname, '..', 'auditClients.js'), job, () => {
    load = loadavg()[0];
    stop = graph.onStatement((e) => statements.set(e.operation, (statements.get(e.operation) ?? 0) + 1));
    cpu = process.cpuUsage();
    started = performance.now();
  });
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const nodeCpuMs = (used.user + used.system) / 1000 / samples.length;
  stop();
  const perMutation = [...statements.values()].reduce((a, b) => a + b, 0) / samples.length;
  console.log(`statements per mutation ${perMutation.toFixed(2)}:`, Object.fromEntries([...statements].sort((a, b) => b[1] - a[1]).slice(0, 12)));
  const s = summarise(samples);
  const rate = samples.length / elapsed;
  await apollo.stop();

  // The same mutations through the service layer, 16 concurrent writers in the API's thread: the
  // audited write path without HTTP, GraphQL and the clients (which share the 2 cores otherwise).
  const actor = { id: 'bench.scientist', role: 'SCIENTIST', name: 'Bench Scientist' };
  const inProcess: string[] = [];
  let serial = 0;
  const direct = async (): Promise<number> => {
    const t = performance.now();
    const n = serial++;
    if (n % 2 === 1 && inProcess.length > 0) {
      await transitionSignal({ repos }, actor, inProcess.shift() as string, SignalStatus.VALIDATED, 'Validated', 'Disproportionality confirmed on review');
    } else {
      inProcess.push((await recordSignal({ repos }, actor, { drug: `drug-${n % 97}`, eventTerm: `Event ${n}`, prr: 2.5, ror: 2.9, caseCount: 12, detectedByRun: 'run:bench:r1' })).id);
    }
    return performance.now() - t;
  };
  const driveDirect = async (seconds: number) => {
    const out: number[] = [];
    const end = performance.now() + seconds * 1000;
    await Promise.all(Array.from({ length: WRITERS }, async () => {
      while (performance.now() < end) out.push(await direct());
    }));
    return out;
  };
  await driveDirect(2);
  const directStarted = performance.now();
  const directSamples = await driveDirect(SECONDS);
  const directRate = directSamples.length / ((performance.now() - directStarted) / 1000);
  const d = summarise(directSamples);

  // Grow the log to VERIFY_EVENTS with bulk appends (5,000 events per transaction), then verify it.
  const { audit } = root;
  for (let size = await repos.audit.logSize(); size < VERIFY_EVENTS; size = await repos.audit.logSize()) {
    const n = Math.min(5_000, VERIFY_EVENTS - size);
    await repos.writer.write('bench.grow', async (tx) => {
      for (let i = 0; i < n; i++) {
        tx.audit({
          actor: { id: 'bench.scientist', role: 'SCIENTIST', name: 'Bench Scientist' },
          kind: AuditKind.UPDATE,
          action: 'BENCH_UPDATED',
          entityType: 'Bench',
          entityId: `bench:${(size + i) % 1000}`,
          entityVersion: String(size + i),
          oldValue: { n: size + i - 1 },
          newValue: { n: size + i },
          reason: 'benchmark volume',
        });
      }
    }, 120_000);
  }
  const checkpoint = await audit.checkpoints.current();
  const verifyRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const report = await audit.verifier.verify(checkpoint.note);
    if (!report.ok) throw new Error(`verification failed: ${report.problem}`);
    verifyRuns.push(performance.now() - t);
  }
  const verifyMs = summarise(verifyRuns).p50;
  const per100k = (verifyMs * 100_000) / checkpoint.treeSize;
  await graph.close();

  writeSection(
    'audit',
    'Audited mutations and audit verification',
    `${WRITERS} concurrent clients (in a worker thread, so the API keeps its own JavaScript thread) over loopback HTTP for ${SECONDS} s (after a 2 s warm-up), half \`recordSignal\` (a new DETECTED signal linked from its run) and half \`transitionSignal\` (DETECTED → VALIDATED with decision and rationale), each with an API token. Every mutation writes its change and one audit event (sequence number, RFC 8785 hash, RFC 9162 leaf hash) in one transaction; mutations that arrive while a transaction holds the log lock share the next transaction (group commit). ${samples.length} mutations measured; the Node process (API thread and client worker together) spent ${nodeCpuMs.toFixed(1)} ms of CPU per mutation; the 1-minute load average was ${load.toFixed(1)} at the start (${cpus().length} cores, shared by the API, the clients and Neo4j).

| throughput | target | p50 | p95 | p99 | mean |
| --- | --- | --- | --- | --- | --- |
| ${rate.toFixed(0)} mutations/s | ≥ ${TARGET}/s | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.mean)} |

The same mix through the service layer (\`recordSignal\` / \`transitionSignal\` called by ${WRITERS} concurrent writers in one process, no HTTP or GraphQL), ${directSamples.length} mutations:

| throughput | target | p50 | p95 | p99 | mean |
| --- | --- | --- | --- | --- | --- |
| ${directRate.toFixed(0)} mutations/s | ≥ ${TARGET}/s | ${ms(d.p50)} | ${ms(d.p95)} | ${ms(d.p99)} | ${ms(d.mean)} |

\`verifyAuditTrail\` against a signed checkpoint of ${checkpoint.treeSize.toLocaleString('en')} events (re-reads every event, recomputes each canonical hash and leaf hash, checks sequence and time order, recomputes the Merkle root): median of 3 runs ${(verifyMs / 1000).toFixed(2)} s, i.e. **${(per100k / 1000).toFixed(2)} s per 100,000 events**.`,
  );
  console.log(`audit: node cpu ${nodeCpuMs.toFixed(2)} ms/mutation; http ${rate.toFixed(0)} mutations/s p50 ${ms(s.p50)} p99 ${ms(s.p99)}; service ${directRate.toFixed(0)}/s p50 ${ms(d.p50)} p99 ${ms(d.p99)}; verify ${(per100k / 1000).toFixed(2)} s per 100k events`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
