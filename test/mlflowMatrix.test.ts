import type { GraphExecutor } from '../src/graph/executor';
import { type TestApi, startTestApi } from './support/api';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { compareWithExpected, valueKindOf } from './support/mlflowExpected';
import { MATRIX_LABELS, type MatrixExpected, asExpected, compareThroughGraphql, matrixCase, readMatrixExpected } from './support/mlflowMatrix';

/**
 * The compatibility matrix (test/fixtures/mlflow-matrix): every MLflow version × store kind,
 * ingested and compared, field by field and bit-exactly, with what that version's own
 * MlflowClient reported about the same store.
 */
const CASES = MATRIX_LABELS.flatMap((label) => (['file', 'sqlite'] as const).map((kind) => matrixCase(label, kind)));

describe.each(CASES)('MLflow $label, $kind store', (c) => {
  let graph: GraphExecutor;
  let api: TestApi;
  let expected: MatrixExpected;
  let storeUri: string;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    expected = readMatrixExpected(c.expectedFile);
    const summary = await testRoot(graph).ingest.ingestMlflow(c.uri, { actor: 'test' });
    expect({ status: summary.status, error: summary.error, skipped: summary.skipped }).toEqual({ status: 'COMPLETED', error: null, skipped: [] });
    storeUri = summary.storeUri;
    api = await startTestApi(graph);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await graph?.close();
  });

  it('was written by that version, with the scenario it supports', () => {
    expect(expected.mlflow_version).toBe({ '1.x-last': '1.30.1', '2.x-log-input': '2.4.0', '2.x-last': '2.22.5', '3.x-pinned': '3.17.2' }[c.label]);
    expect(expected.runs.length).toBe(11);
    expect(expected.runs.some((r) => r.status === 'RUNNING' && r.end_time === null)).toBe(true);
    expect(expected.runs.some((r) => r.dataset_inputs.length > 0)).toBe(c.label !== '1.x-last');
    expect(expected.counts.model_versions).toBe(c.label === '1.x-last' && c.kind === 'file' ? 0 : 3);
    expect(expected.counts.logged_models).toBe(c.label === '3.x-pinned' ? 1 : null);
  });

  it('answers over GraphQL every field that version’s MlflowClient reports, values bit-exact', async () => {
    expect(await compareThroughGraphql(api, storeUri, expected, valueKindOf(storeUri))).toEqual([]);
  });

  it('reports a mismatch for any one changed value: sign of zero, DBL_MAX vs inf, a denormal bit, a step, a schema, an alias', async () => {
    // The comparison above passing means something only if it fails on a wrong answer.
    const wrong = structuredClone(expected);
    const run = wrong.runs.find((r) => r.run_name.startsWith('values-')) as MatrixExpected['runs'][number];
    const flip = (key: string, to: (v: number | string) => number | string) => (run.latest_metrics[key][2] = to(run.latest_metrics[key][2]));
    flip('v_neg_zero', (v) => -(v as number));
    flip('v_dbl_max', (v) => (v === 'Infinity' ? Number.MAX_VALUE : 'Infinity'));
    flip('v_denormal', () => 1e-323);
    run.metric_history.late[0][0] += 1;
    const wanted = ['latest v_neg_zero', 'latest v_dbl_max', 'latest v_denormal', 'history late'];
    if (run.dataset_inputs.length > 0) {
      run.dataset_inputs[0].schema = '{"mlflow_colspec": []}';
      wanted.push('dataset inputs');
    }
    if (wrong.registered_models.length > 0) {
      wrong.registered_models[0].versions[0].aliases.push('not-an-alias');
      wanted.push('registered models');
    }
    const bad = await compareThroughGraphql(api, storeUri, wrong, valueKindOf(storeUri));
    for (const w of wanted) expect(bad.filter((line) => line.includes(w))).toHaveLength(1);
    expect(bad).toHaveLength(wanted.length);
  });

  it('holds in the graph every run, history point, input, parent and model as MlflowClient reports them', async () => {
    expect(await compareWithExpected(graph, storeUri, asExpected(expected))).toEqual([]);
  });
});
