import path from 'node:path';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { readExpected } from './support/mlflowExpected';

/**
 * Runs deleted in MLflow stay in the graph but every run list leaves them out unless it is
 * given `includeDeleted: true`: `Query.runs` and `Experiment.runs` (through `RunFilter`),
 * `Dataset.runs` and `Run.children`.
 */
const FIXTURES = path.resolve(__dirname, '..', 'demo/mlflow/filestore');

describe('deleted runs in run lists', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  const expected = readExpected(path.join(FIXTURES, 'expected.json'));
  const deletedReader = expected.runs.find((r) => r.lifecycle_stage === 'deleted' && r.dataset_inputs.length > 0)!;
  const parent = expected.runs.find((p) => expected.runs.filter((c) => c.parent_run_id === p.run_id).length > 1)!;
  const children = expected.runs.filter((c) => c.parent_run_id === parent.run_id);

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    expect((await testRoot(graph).ingest.ingestMlflow(path.join(FIXTURES, 'mlruns'), { actor: 'test' })).status).toBe('COMPLETED');
    // The fixtures have no deleted nested run; one child is marked deleted as the ingester would.
    await graph.write('t.deleteChild', (tx) => tx.run("MATCH (r:Run {runId: $runId}) SET r.lifecycleStage = 'deleted'", { runId: children[0].run_id }));
    api = await startTestApi(graph);
  }, 120_000);
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  async function runByMlflowId(runId: string): Promise<string> {
    const res = await api.gql<{ runsByMlflowId: { id: string }[] }>('query($r: String!) { runsByMlflowId(runId: $r) { id } }', { r: runId });
    return res.data!.runsByMlflowId[0].id;
  }

  it('Dataset.runs leaves a deleted reader out unless includeDeleted', async () => {
    const id = await runByMlflowId(deletedReader.run_id);
    const inputs = await api.gql<{ run: { inputs: { dataset: { id: string } }[] } }>('query($id: ID!) { run(id: $id) { inputs { dataset { id } } } }', { id });
    const datasetId = inputs.data!.run.inputs[0].dataset.id;
    const q = `query($id: ID!, $all: Boolean) { dataset(id: $id) {
      byDefault: runs { totalCount edges { node { runId } } }
      asked: runs(includeDeleted: $all) { totalCount edges { node { runId lifecycleStage } } } } }`;
    const res = await api.gql<{ dataset: Record<'byDefault' | 'asked', { totalCount: number; edges: { node: { runId: string; lifecycleStage?: string } }[] }> }>(q, { id: datasetId, all: true });
    expect(res.errors).toBeUndefined();
    const shown = res.data!.dataset.byDefault.edges.map((e) => e.node.runId);
    const all = res.data!.dataset.asked.edges.map((e) => e.node.runId);
    expect(shown).not.toContain(deletedReader.run_id);
    expect(all).toContain(deletedReader.run_id);
    expect(all.filter((r) => !shown.includes(r))).toEqual([deletedReader.run_id]);
    expect(res.data!.dataset.byDefault.totalCount).toBe(shown.length);
    expect(res.data!.dataset.asked.totalCount).toBe(shown.length + 1);
  });

  it('Run.children leaves a deleted child out unless includeDeleted', async () => {
    const id = await runByMlflowId(parent.run_id);
    const res = await api.gql<{ run: Record<'byDefault' | 'asked', { runId: string }[]> }>(
      'query($id: ID!) { run(id: $id) { byDefault: children { runId } asked: children(includeDeleted: true) { runId } } }',
      { id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.run.asked.map((c) => c.runId).sort()).toEqual(children.map((c) => c.run_id).sort());
    expect(res.data!.run.byDefault.map((c) => c.runId).sort()).toEqual(children.slice(1).map((c) => c.run_id).sort());
  });

  it('Query.runs and Experiment.runs leave deleted runs out unless RunFilter.includeDeleted', async () => {
    const q = `{ live: runs { totalCount } all: runs(filter: { includeDeleted: true }) { totalCount }
      experiments(first: 50, filter: { includeDeleted: true }) { edges { node { live: runs { totalCount } all: runs(filter: { includeDeleted: true }) { totalCount } } } } }`;
    const res = await api.gql<{ live: { totalCount: number }; all: { totalCount: number }; experiments: { edges: { node: Record<'live' | 'all', { totalCount: number }> }[] } }>(q);
    expect(res.errors).toBeUndefined();
    const deleted = expected.runs.filter((r) => r.lifecycle_stage === 'deleted').length + 1;
    expect(res.data!.all.totalCount - res.data!.live.totalCount).toBe(deleted);
    const perExperiment = res.data!.experiments.edges.reduce((n, e) => n + e.node.all.totalCount - e.node.live.totalCount, 0);
    expect(perExperiment).toBe(deleted);
  });

  it('the plain name filter matches exactly', async () => {
    const name = expected.runs.find((r) => r.lifecycle_stage === 'active')!.run_name;
    const res = await api.gql<{ exact: { edges: { node: { name: string } }[] }; prefix: { totalCount: number } }>(
      'query($n: String, $p: String) { exact: runs(filter: { name: $n }) { edges { node { name } } } prefix: runs(filter: { name: $p }) { totalCount } }',
      { n: name, p: name.slice(0, 4) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.exact.edges.map((e) => e.node.name)).toEqual([name]);
    expect(res.data!.prefix.totalCount).toBe(0);
  });
});
