import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { toMetricValue } from '../src/domain/metric';
import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import { storeKeyFor } from '../src/domain/trackingStore';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { compareWithExpected, type Expected, expectedNumber, readExpected, valueKindOf } from './support/mlflowExpected';
import { valuesStore } from './support/valuesStore';

const ROOT = path.resolve(__dirname, '..');
const store = valuesStore();
const KINDS = [
  { kind: 'file', uri: store.fileUri, expected: store.fileExpected },
  { kind: 'sqlite', uri: store.sqliteUri, expected: store.sqliteExpected },
] as const;

/** What MlflowClient finds at a tracking URI: its experiment names (run in an empty folder, so a misread relative path opens nothing of ours). */
function experimentsMlflowSees(uri: string): string[] {
  const code = 'import sys, json; from mlflow import MlflowClient; print(json.dumps(sorted(e.name for e in MlflowClient(tracking_uri=sys.argv[1]).search_experiments())))';
  const r = spawnSync(path.join(ROOT, '.venv/mlflow/bin/python'), ['-c', code, uri], {
    cwd: os.tmpdir(),
    encoding: 'utf8',
    env: { ...process.env, MLFLOW_ALLOW_FILE_STORE: 'true', MLFLOW_DISABLE_TELEMETRY: 'true' },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as string[];
}

/** Edge values (±DBL_MAX, ±inf, NaN, −0.0, 5e-324) from a store the pinned mlflow wrote, against MlflowClient's export of it. */
describe.each(KINDS)('MLflow edge values, $kind store', ({ uri, expected: file }) => {
  let graph: GraphExecutor;
  let api: TestApi;
  let expected: Expected;
  let storeUri: string;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    expected = readExpected(file);
    const summary = await testRoot(graph).ingest.ingestMlflow(uri, { actor: 'test' });
    expect(summary.status).toBe('COMPLETED');
    storeUri = summary.storeUri;
    api = await startTestApi(graph);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('holds every latest value and history point bit-exactly as MlflowClient reports it', async () => {
    expect(await compareWithExpected(graph, storeUri, expected)).toEqual([]);
  });

  it('answers the same values over GraphQL, marking NaN, ±inf and −0.0 in `special`', async () => {
    const [run] = expected.runs;
    const id = formatId(NodeType.RUN, storeKeyFor(storeUri), run.run_id);
    const res = await api.gql<{ node: { metrics: { key: string; value: number | null; special: string | null; step: number; timestamp: number }[]; metricHistory: { value: number | null; special: string | null; step: number; timestamp: number }[] } }>(
      'query($id: ID!) { node(id: $id) { ... on Run { metrics { key value special step timestamp } metricHistory(key: "all") { value special step timestamp } } } }',
      { id },
    );
    expect(res.errors).toBeUndefined();
    const kind = valueKindOf(storeUri);
    const want = Object.entries(run.latest_metrics)
      .map(([key, [step, timestamp, v]]) => ({ key, ...toMetricValue(expectedNumber(v, kind)), step, timestamp }))
      .sort((a, b) => a.key.localeCompare(b.key));
    const got = [...(res.data?.node.metrics ?? [])].sort((a, b) => a.key.localeCompare(b.key));
    expect(got).toEqual(want);
    expect(res.data?.node.metricHistory).toEqual(run.metric_history.all.map(([step, timestamp, v]) => ({ ...toMetricValue(expectedNumber(v, kind)), step, timestamp })));
  });

  it("keeps each dataset input's MLflow name, digest, source type, source, schema and profile, as MlflowClient reports them", async () => {
    const [run] = expected.runs;
    const id = formatId(NodeType.RUN, storeKeyFor(storeUri), run.run_id);
    const res = await api.gql<{ node: { inputs: { context: string | null; digest: string | null; dataset: { mlflowName: string | null }; mlflow: Record<string, string | null> | null }[] } }>(
      'query($id: ID!) { node(id: $id) { ... on Run { inputs { context digest dataset { mlflowName } mlflow { name sourceType source schema profile } } } } }',
      { id },
    );
    expect(res.errors).toBeUndefined();
    const key = (d: { name: string; digest: string | null; context: string | null }) => `${d.name}|${d.digest}|${d.context}`;
    const got = (res.data?.node.inputs ?? [])
      .map((i) => ({ name: i.mlflow?.name as string, digest: i.digest, source_type: i.mlflow?.sourceType, source: i.mlflow?.source, schema: i.mlflow?.schema, profile: i.mlflow?.profile, context: i.context, nodeName: i.dataset.mlflowName }))
      .sort((a, b) => key(a).localeCompare(key(b)));
    const want = (run as unknown as { dataset_inputs: { name: string; digest: string; source_type: string; source: string; schema: string; profile: string; context: string | null }[] }).dataset_inputs
      .map((d) => ({ name: d.name, digest: d.digest, source_type: d.source_type, source: d.source, schema: d.schema, profile: d.profile, context: d.context, nodeName: d.name }))
      .sort((a, b) => key(a).localeCompare(key(b)));
    expect(want.length).toBe(2);
    expect(got).toEqual(want);
  });

  it('finds a dataset by its MLflow name, with and without a source', async () => {
    for (const name of ['faers_2024Q1', 'no_source_ds']) {
      const res = await api.gql<{ search: { type: string; displayName: string }[] }>('query($text: String!) { search(text: $text, types: [DATASET]) { type displayName } }', { text: name });
      expect(res.errors).toBeUndefined();
      expect(res.data?.search.length).toBeGreaterThan(0);
    }
  });

  it('records the store URI so that MlflowClient opens the same store from any folder', () => {
    expect(experimentsMlflowSees(storeUri)).toEqual(expected.experiments.map((e) => e.name).sort());
  });
});
