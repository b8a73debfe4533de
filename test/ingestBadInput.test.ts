import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { GraphExecutor } from '../src/graph/executor';
import type { IngestService } from '../src/services/ingest/ingestService';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { readExpected } from './support/mlflowExpected';

const FIXTURE = path.resolve(__dirname, '..', 'demo/mlflow/filestore');

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('bad MLflow input is named, skipped, and the rest is ingested', () => {
  let graph: GraphExecutor;
  let ingest: IngestService;
  let dir: string;

  beforeAll(async () => {
    graph = testGraph();
    ingest = testRoot(graph).ingest;
    await resetGraph(graph);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-bad-'));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await graph.close();
  });

  it('skips a run with a corrupt meta.yaml and an unparsable metric line, naming file and line, and ingests the rest', async () => {
    const copy = path.join(dir, 'store');
    fs.cpSync(FIXTURE, copy, { recursive: true });
    const mlruns = path.join(copy, 'mlruns');
    const expected = readExpected(path.join(FIXTURE, 'expected.json'));
    const [broken, withBadLine] = expected.runs.filter((r) => r.lifecycle_stage === 'active');
    const find = (runId: string) => fs.readdirSync(mlruns).map((e) => path.join(mlruns, e, runId)).find((p) => fs.existsSync(p)) as string;
    const metaFile = path.join(find(broken.run_id), 'meta.yaml');
    fs.writeFileSync(metaFile, 'run_id: [unclosed\nstatus: 3\n');
    const metricFile = path.join(find(withBadLine.run_id), 'metrics', 'AUC_test');
    const lines = fs.readFileSync(metricFile, 'utf8').split('\n').filter((l) => l.length > 0);
    fs.writeFileSync(metricFile, [...lines.slice(0, 2), 'not-a-timestamp 0.5 oops', ...lines.slice(2)].join('\n') + '\n');

    const summary = await ingest.ingestMlflow(mlruns, { actor: 'test' });
    expect(summary.status).toBe('COMPLETED');
    expect(summary.runsSeen).toBe(expected.counts.runs - 1);
    const wheres = summary.skipped.map((s) => s.where);
    expect(wheres.some((w) => w.startsWith(`${metaFile}:`))).toBe(true);
    expect(wheres).toContain(`${metricFile}:3`);
    const [row] = await graph.query('test.len', 'MATCH (m:MetricSeries {key: "AUC_test"}) WHERE m.runNodeId ENDS WITH $id RETURN m.count AS n', { id: withBadLine.run_id });
    expect(row.n).toBe(expected.runs.find((r) => r.run_id === withBadLine.run_id)?.metric_history_lengths.AUC_test);
    const broken_ = await graph.query('test.broken', 'MATCH (r:Run {runId: $id}) RETURN r', { id: broken.run_id });
    expect(broken_).toHaveLength(0);
    const [rec] = await graph.query('test.rec', 'MATCH (i:Ingestion {id: $id}) RETURN i.skippedCount AS n, i.skipped AS s', { id: summary.ingestionId });
    expect(rec.n).toBe(summary.skipped.length);
    expect((rec.s as string[]).some((s) => s.includes(`${metricFile}:3`))).toBe(true);
  });

  it('refuses a missing folder, naming it', async () => {
    const missing = path.join(dir, 'no-such-mlruns');
    await expect(ingest.ingestMlflow(missing, { actor: 'test' })).rejects.toThrow(missing);
  });

  it('refuses an SQLite file that is not an MLflow store, naming the file but none of its tables', async () => {
    const file = path.join(dir, 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT)');
    db.close();
    const err = await ingest.ingestMlflow(`sqlite:///${file}`, { actor: 'test' }).catch((e: Error) => e);
    expect((err as Error).message).toBe(`"${file}" is not an MLflow SQLite store`);
  });

  it('refuses an unreachable server, naming the URL', async () => {
    const { server, url } = await listen(() => undefined);
    await new Promise((r) => server.close(r));
    await expect(ingest.ingestMlflow(url, { actor: 'test' })).rejects.toThrow(`${url}/api/2.0/mlflow/experiments/search`);
  });

  it('stops a server whose page token never ends, with a clear error, instead of looping', async () => {
    const page = (token: string) => JSON.stringify({ experiments: [{ experiment_id: '0', name: 'Default', lifecycle_stage: 'active' }], next_page_token: token });
    const same = await listen((_req, res) => res.end(page('again')));
    await expect(ingest.ingestMlflow(same.url, { actor: 'test' })).rejects.toThrow(/same page token twice for experiments\/search/);
    let n = 0;
    const fresh = await listen((_req, res) => res.end(page(`t${n++}`)));
    await expect(ingest.ingestMlflow(fresh.url, { actor: 'test', rest: { maxPages: 50 } })).rejects.toThrow(new RegExp(`${fresh.url}.*after 50 pages`));
    expect(n).toBe(50);
    await new Promise((r) => same.server.close(r));
    await new Promise((r) => fresh.server.close(r));
  });

  it('refuses a server that answers errors, naming the URL and status', async () => {
    const { server, url } = await listen((_req, res) => {
      res.statusCode = 500;
      res.end('boom');
    });
    await expect(ingest.ingestMlflow(url, { actor: 'test' })).rejects.toThrow(/experiments\/search.* answered HTTP 500/);
    await new Promise((r) => server.close(r));
  });
});
