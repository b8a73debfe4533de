import fs from 'node:fs';
import path from 'node:path';
import { storeKeyFor } from '../src/domain/trackingStore';
import type { GraphExecutor } from '../src/graph/executor';
import type { IngestService } from '../src/services/ingest/ingestService';
import { testRoot } from './support/composition';
import { normaliseStoreUri } from '../src/sources/mlflow/uri';
import { compareWithExpected, expectedNumber, readExpected } from './support/mlflowExpected';
import { resetGraph, testGraph } from './support/graph';

const FIXTURES = path.resolve(__dirname, '..', 'demo/mlflow');
const FILESTORE = path.join(FIXTURES, 'filestore/mlruns');
const SQLITE = path.join(FIXTURES, 'sqlite/mlflow.db');
// The shared fixtures live beside the clone (as CI places them), never at a fixed path.
const DB_2019 = path.resolve(__dirname, '..', '..', 'shared', 'fixtures', 'mlflow-sqlite-2019', 'mlflow.db');

describe('MLflow fixture stores vs MLflow’s own answer', () => {
  let graph: GraphExecutor;
  let ingest: IngestService;

  beforeAll(async () => {
    graph = testGraph();
    ingest = testRoot(graph).ingest;
    await resetGraph(graph);
  });
  afterAll(() => graph.close());

  it('ingests the file store with every value MLflow reports', async () => {
    const summary = await ingest.ingestMlflow(FILESTORE, { actor: 'test' });
    const expected = readExpected(path.join(FIXTURES, 'filestore/expected.json'));
    expect(summary.status).toBe('COMPLETED');
    expect(summary.skipped).toEqual([]);
    expect(summary.added).toBe(expected.counts.runs);
    expect(await compareWithExpected(graph, summary.storeUri, expected)).toEqual([]);
  });

  it('ingests the SQLite store with every value MLflow reports', async () => {
    const summary = await ingest.ingestMlflow(`sqlite:///${SQLITE}`, { actor: 'test' });
    const expected = readExpected(path.join(FIXTURES, 'sqlite/expected.json'));
    expect(summary.status).toBe('COMPLETED');
    expect(summary.added).toBe(expected.counts.runs);
    expect(await compareWithExpected(graph, summary.storeUri, expected)).toEqual([]);
  });

  it('keeps the same MLflow run from two stores as two runs, both found by bare run id', async () => {
    const expected = readExpected(path.join(FIXTURES, 'sqlite/expected.json'));
    const name = expected.runs[0].run_name;
    const rows = await graph.query('test.byName', 'MATCH (r:Run {name: $name}) RETURN DISTINCT r.storeKey AS sk ORDER BY sk', { name });
    expect(rows.map((r) => r.sk)).toEqual(
      [storeKeyFor(normaliseStoreUri(FILESTORE).uri), storeKeyFor(normaliseStoreUri(`sqlite:///${SQLITE}`).uri)].sort(),
    );
  });

  it('attaches the side files to their runs: summaries, detection methods and the report', async () => {
    const sk = storeKeyFor(normaliseStoreUri(FILESTORE).uri);
    const base = path.join(FIXTURES, 'filestore');
    const lines = fs.readFileSync(path.join(base, 'results/run_summaries.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
    for (const line of lines) {
      const runId = /"run_id": "([0-9a-f]+)"/.exec(line)?.[1] as string;
      const [row] = await graph.query('test.summary', 'MATCH (r:Run {storeKey: $sk, runId: $runId}) RETURN r.summaryJson AS s', { sk, runId });
      const stored = JSON.parse(row.s as string) as { metrics: Record<string, number | string> };
      // Python's json wrote bare NaN/Infinity on the FAILED run's line; they are kept, as strings.
      const raw = /"metrics": (\{[^}]*\})/.exec(line)?.[1] as string;
      for (const [k, v] of Object.entries(stored.metrics)) {
        const token = new RegExp(`"${k}": ([^,}]+)`).exec(raw)?.[1].trim() as string;
        expect(Object.is(expectedNumber(v), Number(token))).toBe(true);
      }
    }
    expect(lines.some((l) => /NaN|Infinity/.test(l))).toBe(true);
    for (const f of fs.readdirSync(path.join(base, 'sar_reports')).filter((n) => n.startsWith('methods_'))) {
      const m = JSON.parse(fs.readFileSync(path.join(base, 'sar_reports', f), 'utf8')) as { mlflow_run_id: string; detection_method: string; thresholds: object };
      const [row] = await graph.query('test.method', 'MATCH (r:Run {storeKey: $sk, runId: $runId}) RETURN r.`dm.method` AS m, r.`dm.thresholdsJson` AS t', { sk, runId: m.mlflow_run_id });
      expect(row.m).toBe(m.detection_method);
      expect(JSON.parse(row.t as string)).toEqual(m.thresholds);
    }
    const meta = JSON.parse(fs.readFileSync(path.join(base, 'sar_reports/model_run_metadata.json'), 'utf8')) as Record<string, string | number>;
    const reports = await graph.query(
      'test.report',
      'MATCH (src)-[:FEEDS]->(rep:Report {contentHash: $hash}) RETURN rep.title AS title, collect(CASE WHEN src:Run THEN src.runId ELSE src.name + ":" + toString(toInteger(src.version)) END) AS sources',
      { hash: meta.report_sha256 },
    );
    expect(reports).toHaveLength(1);
    expect(reports[0].title).toBe(meta.report_title);
    expect((reports[0].sources as string[]).sort()).toEqual([String(meta.mlflow_run_id), `${meta.model_name}:${meta.model_version}`].sort());
  });

  it('ingests the 2019 SQLite store (no latest_metrics table) with MLflow’s latest metrics', async () => {
    const before = fs.statSync(DB_2019).mtimeMs;
    const summary = await ingest.ingestMlflow(DB_2019, { actor: 'test' });
    expect(summary.status).toBe('COMPLETED');
    const expected = JSON.parse(fs.readFileSync(path.join(path.dirname(DB_2019), 'expected_latest_metrics.json'), 'utf8')) as Record<string, Record<string, number>>;
    const sk = storeKeyFor(summary.storeUri);
    const runs = await graph.query('test.runs2019', 'MATCH (r:Run {storeKey: $sk}) RETURN r{.*} AS r', { sk });
    expect(runs).toHaveLength(Object.keys(expected).length);
    for (const [runId, metrics] of Object.entries(expected)) {
      const node = runs.map((r) => r.r as Record<string, unknown>).find((r) => r.runId === runId);
      expect(node).toBeDefined();
      const got = Object.fromEntries(Object.entries(node as object).filter(([k]) => k.startsWith('m.')).map(([k, v]) => [k.slice(2), v]));
      expect(got).toEqual(metrics);
    }
    expect(fs.statSync(DB_2019).mtimeMs).toBe(before);
  });
});
