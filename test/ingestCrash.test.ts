import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { storeKeyFor } from '../src/domain/trackingStore';
import type { GraphExecutor, Row } from '../src/graph/executor';
import { normaliseStoreUri } from '../src/sources/mlflow/uri';
import { generateSqliteStore } from './support/benchStore';
import { catalogCounts } from './support/catalogCounts';
import { resetGraph, testGraph } from './support/graph';

const ROOT = path.resolve(__dirname, '..');
const RUNS = 1200;

/** Points per run in the SQLite store, read independently of the ingester. */
function pointsPerRun(db: string): Map<string, number> {
  const d = new Database(db, { readonly: true });
  try {
    return new Map((d.prepare('SELECT run_uuid AS id, count(*) AS n FROM metrics GROUP BY run_uuid').all() as { id: string; n: number }[]).map((r) => [r.id, r.n]));
  } finally {
    d.close();
  }
}

function ingestCli(db: string, killAfterRuns: number | null): Promise<{ code: number | null; signal: string | null; out: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/cli/ingest.js'), 'mlflow', db, '--batch-size', '50'], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const onData = (d: Buffer) => {
    out += d.toString();
    const seen = [...out.matchAll(/runs (\d+)\//g)].map((m) => Number(m[1]));
    if (killAfterRuns !== null && seen.length > 0 && Math.max(...seen) >= killAfterRuns && child.exitCode === null) {
      child.kill('SIGKILL');
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
}

describe('crash safety: an ingest killed mid-way is completed by the next one', () => {
  let graph: GraphExecutor;
  let dir: string;
  let db: string;

  beforeAll(() => {
    graph = testGraph();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-crash-'));
    db = path.join(dir, 'mlflow.db');
    generateSqliteStore(db, RUNS);
    // The wrapper compiles dist/ when it is older than src/; the test then runs the ingester directly.
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'scripts/cli.mjs'), 'ingest', '--help'], { cwd: ROOT, encoding: 'utf8', env: process.env });
    if (cli.status !== 0) throw new Error(`ingest CLI is not runnable (${String(cli.status ?? cli.error)}): ${cli.stderr}${cli.stdout}`);
    return resetGraph(graph);
  }, 300_000);
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await graph.close();
  });

  it('leaves only whole runs after SIGKILL, then completes the graph with no duplicates', async () => {
    const sk = storeKeyFor(normaliseStoreUri(db).uri);
    const expected = pointsPerRun(db);
    const wholeRuns = async () => {
      const rows = await graph.query(
        'test.crash.runs',
        'MATCH (r:Run {storeKey: $sk}) OPTIONAL MATCH (m:MetricSeries {runNodeId: r.id}) RETURN r.runId AS runId, sum(m.count) AS points, r.fingerprint AS fp',
        { sk },
      );
      for (const r of rows) {
        expect(r.fp).toEqual(expect.any(String));
        expect(r.points).toBe(expected.get(r.runId as string));
      }
      return rows.length;
    };
    const killed = await ingestCli(db, 300);
    expect(killed.signal ?? killed.code).not.toBe(0);
    const partial = await wholeRuns();
    expect(partial).toBeGreaterThanOrEqual(300);
    expect(partial).toBeLessThan(RUNS);
    const [dead] = await graph.query('test.crash.ing', 'MATCH (i:Ingestion) RETURN i.id AS id, i.status AS s, i.finishedAt AS f, i.runsSeen AS seen, i.batches AS batches');
    expect(dead).toMatchObject({ s: 'RUNNING', f: null, seen: partial, batches: partial / 50 });

    // The next start for the store finds the dead process's record and marks it INTERRUPTED first.
    const done = await ingestCli(db, null);
    expect(done.code).toBe(0);
    const [after] = await graph.query('test.crash.after', 'MATCH (i:Ingestion {id: $id}) RETURN i.status AS s, i.runsSeen AS seen, i.batches AS batches, i.runningStoreId AS lease', { id: dead.id });
    expect(after).toEqual({ s: 'INTERRUPTED', seen: partial, batches: partial / 50, lease: null });
    const events = await graph.query('test.crash.audit', "MATCH (e:AuditEvent {action: 'INGESTION_INTERRUPTED'}) RETURN e.entityId AS entity");
    expect(events).toEqual([{ entity: `ingestion:${dead.id}` }]);
    expect(done.out).toContain(`added ${RUNS - partial}, updated 0, unchanged ${partial}`);
    expect(await wholeRuns()).toBe(RUNS);
    const [dup] = await graph.query('test.crash.dup', 'MATCH (r:Run {storeKey: $sk}) RETURN count(r) AS n, count(DISTINCT r.runId) AS d', { sk });
    expect(dup).toEqual({ n: RUNS, d: RUNS });
    const [series] = await graph.query('test.crash.series', 'MATCH (m:MetricSeries) WHERE m.runNodeId STARTS WITH $p RETURN count(m) AS n, count(DISTINCT m.runNodeId + m.key) AS d', {
      p: `run:${sk}:`,
    });
    expect(series.n).toBe(series.d);
    const parents = (await graph.query('test.crash.parents', 'MATCH (c:Run {storeKey: $sk}) WHERE c.parentRunId IS NOT NULL OPTIONAL MATCH (p:Run)-[:PARENT_OF]->(c) RETURN count(c) AS children, count(p) AS linked', { sk }))[0] as Row;
    expect(parents.linked).toBe(parents.children);

    // The resumed graph has the nodes and relationships a clean ingest makes.
    const resumed = await catalogCounts(graph);
    await resetGraph(graph);
    expect((await ingestCli(db, null)).code).toBe(0);
    expect(await catalogCounts(graph)).toEqual(resumed);
  }, 360_000);
});
