import path from 'node:path';
import type { GraphExecutor } from '../src/graph/executor';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { compareWithExpected, readExpected } from './support/mlflowExpected';
import { type MlflowServer, startMlflowServer } from './support/mlflowServer';

const FIXTURES = path.resolve(__dirname, '..', 'demo/mlflow/sqlite');

describe('ingest from a real MLflow tracking server (REST)', () => {
  let graph: GraphExecutor;
  let server: MlflowServer;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    server = await startMlflowServer(path.join(FIXTURES, 'mlflow.db'));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await graph.close();
  });

  it('reads experiments, runs, full histories, datasets, the registry and logged models as MLflow reports them', async () => {
    const ingest = testRoot(graph).ingest;
    // Small pages make the reader follow page tokens on every listing.
    const summary = await ingest.ingestMlflow(server.url, { actor: 'test', batchSize: 3 });
    const expected = readExpected(path.join(FIXTURES, 'expected.json'));
    expect(summary.status).toBe('COMPLETED');
    expect(summary.skipped).toEqual([]);
    expect(summary.storeKind).toBe('REST');
    expect(await compareWithExpected(graph, summary.storeUri, expected)).toEqual([]);
    const again = await ingest.ingestMlflow(server.url, { actor: 'test', batchSize: 3 });
    expect(again).toMatchObject({ added: 0, updated: 0, deleted: 0, unchanged: expected.counts.runs });
  }, 120_000);
});
