import path from 'node:path';
import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import { storeKeyFor } from '../src/domain/trackingStore';
import type { GraphExecutor } from '../src/graph/executor';
import { testRoot } from './support/composition';
import { startTestApi, type TestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { readExpected } from './support/mlflowExpected';

const SQLITE = path.resolve(__dirname, '..', 'demo/mlflow/sqlite/mlflow.db');

interface ExpectedLoggedModel {
  model_id: string;
  name: string;
  source_run_id: string;
  model_type: string;
  params: Record<string, string>;
  tags: Record<string, string>;
}

/** Logged models are lineage nodes, so their typed ids must round-trip through node(id) too. */
describe('logged models through node(id)', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let storeKey: string;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    const summary = await testRoot(graph).ingest.ingestMlflow(`sqlite:///${SQLITE}`, { actor: 'test' });
    storeKey = storeKeyFor(summary.storeUri);
    api = await startTestApi(graph);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('returns every logged model MLflow reports, with its params and tags', async () => {
    const expected = (readExpected(path.resolve(__dirname, '..', 'demo/mlflow/sqlite/expected.json')) as unknown as { logged_models: ExpectedLoggedModel[] }).logged_models;
    expect(expected.length).toBeGreaterThan(0);
    for (const m of expected) {
      const id = formatId(NodeType.LOGGED_MODEL, storeKey, m.model_id);
      const res = await api.gql<{ node: Record<string, unknown> }>(
        'query($id: ID!) { node(id: $id) { __typename id ... on LoggedModel { modelId name sourceRunId modelType params tags } } }',
        { id },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.node).toEqual({
        __typename: 'LoggedModel',
        id,
        modelId: m.model_id,
        name: m.name,
        sourceRunId: m.source_run_id,
        modelType: m.model_type,
        params: m.params,
        tags: m.tags,
      });
    }
  });
});
