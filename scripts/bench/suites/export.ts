import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditKind } from '../../../src/domain/audit/draft';
import { generateSignerKey } from '../../../src/domain/audit/note';
import { formatId } from '../../../src/domain/ids';
import { NodeType } from '../../../src/domain/nodeType';
import type { RunRecord } from '../../../src/domain/records';
import { Role } from '../../../src/domain/role';
import { storeKeyFor, TrackingStoreKind } from '../../../src/domain/trackingStore';
import { CatalogWriteRepository } from '../../../src/graph/repositories/catalogWriteRepository';
import { faersDataset } from '../scenario/pvScenario';
import { hexFrom, seededRandom } from '../scenario/random';
import { freshBenchGraph, startBenchApp } from '../benchApp';
import { ms, summarise, writeSection } from '../report';

/**
 * The export benchmark: a report fed by 500 runs, whose upstream records carry 5,000 audit events
 * (each run created, then updated nine times), is exported through the API by the real CLI (a
 * separate node process, as an export script runs), then the package is verified by its own
 * verify.mjs. Targets: export under 10 s, verify under 2 s. PVL_BENCH_EXPORT_TRACE=1 prints each
 * export's step times and keeps the packages; PVL_BENCH_EXPORT_RUNS changes the number of runs.
 */
const RUNS = Number(process.env.PVL_BENCH_EXPORT_RUNS ?? 500);
const EVENTS_PER_RUN = 10;
const REPEATS = 3;
const TARGET_EXPORT_MS = 10_000;
const TARGET_VERIFY_MS = 2_000;
const ORIGIN = 'pv-lineage.bench/audit';
const ROOT = join(__dirname, '..', '..', '..', '..');

function node(args: string[], env: Record<string, string>): Promise<{ ms: number; stdout: string; stderr: string; status: number | null }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ ms: performance.now() - started, stdout, stderr, status }));
  });
}

function runs(rand: () => number, datasets: ReturnType<typeof faersDataset>[]): RunRecord[] {
  return Array.from({ length: RUNS }, (_v, i) => {
    const train = datasets[i % (datasets.length - 1)];
    const evaluation = datasets[(i % (datasets.length - 1)) + 1];
    const start = Date.UTC(2024, 0, 1) + i * 3_600_000;
    return {
      runId: hexFrom(rand, 32),
      experimentId: '1',
      name: `xgb-${train.period}-${i}`,
      status: 'FINISHED',
      lifecycleStage: 'active',
      startTime: start,
      endTime: start + 1_800_000,
      userId: 'bench',
      sourceName: 'pipelines/train_signal_model.py',
      sourceType: 'LOCAL',
      gitCommit: hexFrom(rand, 40),
      artifactUri: `s3://pv-artifacts/1/${i}`,
      params: { max_depth: String(3 + (i % 6)), eta: '0.1', n_estimators: '300', data_period: String(train.period) },
      tags: { team: 'pv-signal-detection' },
      latestMetrics: [
        { key: 'AUC_test', value: 0.8 + rand() * 0.1, step: 199, timestamp: start + 600_000 },
        { key: 'logloss', value: 0.2 + rand() * 0.2, step: 199, timestamp: start + 600_000 },
      ],
      parentRunId: null,
      inputs: [
        { dataset: train, digest: train.digest, context: 'training' },
        { dataset: evaluation, digest: evaluation.digest, context: 'evaluation' },
      ],
    };
  });
}

async function main(): Promise<void> {
  const key = generateSignerKey(ORIGIN);
  const { graph, root } = await freshBenchGraph({ PVL_AUDIT_ORIGIN: ORIGIN, PVL_AUDIT_SIGNING_KEY: key.signerKey });
  const { repos } = root;

  // The upstream: one store, one experiment, eight FAERS quarters, RUNS runs each reading two of them.
  const rand = seededRandom(8);
  const datasets = ['2023Q1', '2023Q2', '2023Q3', '2023Q4', '2024Q1', '2024Q2', '2024Q3', '2024Q4'].map((q) => faersDataset(q, hexFrom(rand, 8)));
  const store = { uri: 'file:///bench/mlruns', kind: TrackingStoreKind.FILE, displayName: 'bench file store' };
  const storeKey = storeKeyFor(store.uri);
  const records = runs(rand, datasets);
  const writer = new CatalogWriteRepository();
  const actor = { id: 'bench.pipeline', role: 'PIPELINE', name: 'Bench Pipeline' };
  await repos.writer.write('bench.export.seed', async (tx) => {
    await writer.writeDatasets(tx, datasets);
    const { id } = await writer.writeStore(tx, store);
    await writer.writeExperiments(tx, id, storeKey, [{ experimentId: '1', name: 'pv-signal-ml', lifecycleStage: 'active', artifactLocation: null, createdAt: null, updatedAt: null, tags: {} }]);
    await writer.writeRuns(tx, storeKey, records);
  }, 120_000);
  // EVENTS_PER_RUN audit events per run: the creation, then updates, in transactions of 1,000.
  const drafts = records.flatMap((r) =>
    Array.from({ length: EVENTS_PER_RUN }, (_v, n) => ({
      actor,
      kind: n === 0 ? AuditKind.CREATE : AuditKind.UPDATE,
      action: n === 0 ? 'RUN_CREATED' : 'RUN_UPDATED',
      entityType: 'Run',
      entityId: formatId(NodeType.RUN, storeKey, r.runId),
      entityVersion: `fp${n}`,
      oldValue: n === 0 ? null : { fingerprint: `fp${n - 1}`, status: 'RUNNING' },
      newValue: { fingerprint: `fp${n}`, status: n === EVENTS_PER_RUN - 1 ? 'FINISHED' : 'RUNNING' },
      reason: n === 0 ? 'MLflow ingestion (bench)' : `MLflow ingestion (bench): sync ${n}`,
    })),
  );
  for (let i = 0; i < drafts.length; i += 1_000) {
    await repos.writer.write('bench.export.audit', async (tx) => {
      for (const d of drafts.slice(i, i + 1_000)) tx.audit(d);
    }, 120_000);
  }

  const { apollo, identity, base } = await startBenchApp(root);
  const url = `${base}/graphql`;
  const tokenFor = async (id: string, roles: Role[]) => {
    await repos.identity.createAccount({ id, displayName: id, kind: 'USER', roles, passwordHash: null }, { type: 'USER_CREATED', subject: id, actor: 'bench', address: null, detail: {} }, new Date());
    return (await identity.issueApiToken({ id: 'bench', address: null }, id, 1, 'bench')).secret;
  };
  const scientist = await tokenFor('bench.scientist', [Role.SCIENTIST]);
  const qa = await tokenFor('bench.qa', [Role.QA]);
  const title = `Signal detection report over ${RUNS} runs`;
  const register = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${scientist}` },
    body: JSON.stringify({
      query: 'mutation($input: RegisterReportInput!) { registerReport(input: $input) { id } }',
      variables: { input: { reportId: 'SDR-BENCH', title, kind: 'SIGNAL_DETECTION', contentHash: createHash('sha256').update(title).digest('hex'), generatedFromRuns: records.map((r) => formatId(NodeType.RUN, storeKey, r.runId)) } },
    }),
  });
  const registered = (await register.json()) as { errors?: unknown[] };
  if (registered.errors) throw new Error(`registerReport failed: ${JSON.stringify(registered.errors).slice(0, 300)}`);

  const work = mkdtempSync(join(tmpdir(), 'pvl-bench-export-'));
  const load = loadavg()[0];
  const exportRuns: number[] = [];
  const verifyRuns: number[] = [];
  let last = { stdout: '', dir: '' };
  try {
    for (let i = 0; i < REPEATS; i++) {
      const dir = join(work, `package-${i}`);
      const exported = await node([join(ROOT, 'dist', 'src', 'export', 'cli.js'), 'report', 'report:SDR-BENCH', '--out', dir], { PVL_API_URL: url, PVL_API_TOKEN: qa });
      if (exported.status !== 0) throw new Error(`export failed: ${exported.stderr}`);
      exportRuns.push(exported.ms);
      if (process.env.PVL_BENCH_EXPORT_TRACE) console.log(exported.stderr);
      const verified = await node([join(dir, 'verify.mjs')], {});
      if (verified.status !== 0) throw new Error(`verify failed: ${verified.stdout}`);
      verifyRuns.push(verified.ms);
      last = { stdout: exported.stdout, dir };
    }
    const sizes = readdirSync(last.dir).map((f) => [f, statSync(join(last.dir, f)).size] as const);
    const total = sizes.reduce((n, [, b]) => n + b, 0);
    const pdfBytes = sizes.find(([f]) => f === 'report.pdf')![1];
    const events = /audit\s+(\d+) events/.exec(last.stdout)?.[1] ?? '?';
    const requests = /(\d+) API requests/.exec(last.stdout)?.[1] ?? '?';
    const e = summarise(exportRuns);
    const v = summarise(verifyRuns);
    writeSection(
      'export',
      'Compliance export',
      `A report registered from ${RUNS} runs (one store, one experiment, eight FAERS datasets), whose upstream records carry ${(RUNS * EVENTS_PER_RUN).toLocaleString('en')} audit events (each run created, then updated ${EVENTS_PER_RUN - 1} times; the package holds ${events} events with the report's registration). \`npm run export -- report\` runs as its own node process against the API over loopback with a QA token: ${requests} GraphQL requests (lineage, provenance, the audit log read whole at 500 events a page because that takes fewer requests than ten records' trails a request, inclusion proofs 5,000 a request); then it renders the PDF, writes the package to a temporary folder, verifies it there and renames it. Then the package's own \`node verify.mjs\` checks it (manifest, checkpoint signature, every inclusion proof, events, signatures and versions, PDF and CSV). Median of ${REPEATS} runs each, wall time including node start-up; the 1-minute load average was ${load.toFixed(1)} at the start (${cpus().length} cores shared by the API, Neo4j and the exporter).

| step | median | max | target |
| --- | --- | --- | --- |
| export | ${ms(e.p50)} | ${ms(Math.max(...exportRuns))} | < ${TARGET_EXPORT_MS / 1000} s |
| verify | ${ms(v.p50)} | ${ms(Math.max(...verifyRuns))} | < ${TARGET_VERIFY_MS / 1000} s |

Package: ${(total / 1_048_576).toFixed(1)} MiB in ${sizes.length} files, of which report.pdf ${(pdfBytes / 1_048_576).toFixed(1)} MiB.`,
    );
    console.log(`export: median ${ms(e.p50)} (target < ${TARGET_EXPORT_MS} ms), verify median ${ms(v.p50)} (target < ${TARGET_VERIFY_MS} ms)`);
  } finally {
    if (process.env.PVL_BENCH_EXPORT_TRACE) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
    await apollo.stop();
    await graph.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
