import type { GraphExecutor } from '../src/graph/executor';
import { type TestApi, startTestApi } from './support/api';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { compareWithExpected, valueKindOf } from './support/mlflowExpected';
import { asExpected, compareThroughGraphql, matrixCase, readMatrixExpected } from './support/mlflowMatrix';
import { type MlflowServer, startMlflowServer } from './support/mlflowServer';
import { versionPython } from './support/mlflowVersion';

/**
 * The compatibility matrix over REST: a live `mlflow server` of that version serves a copy of
 * its committed SQLite fixture (scripts/mlflow/serve.sh copies it to a temp dir), and the REST
 * ingest must give the same GraphQL answers as that version's MlflowClient reported about the
 * store, under the REST value rule (`sqlNoInfinity`: ±DBL_MAX is the infinity it stands for).
 */
describe.each([
  ['2.x-last', ['logged-models/search']],
  ['3.x-pinned', []],
] as const)('MLflow %s over a live tracking server', (label, notOffered) => {
  const store = matrixCase(label, 'sqlite');
  let graph: GraphExecutor;
  let api: TestApi;
  let server: MlflowServer;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    server = await startMlflowServer(store.uri.replace(/^sqlite:\/\//, ''), 120_000, { python: versionPython(label) });
    api = await startTestApi(graph);
  }, 180_000);
  afterAll(async () => {
    await api?.close();
    await server?.stop();
    await graph?.close();
  });

  it('ingests over REST and answers every field as that version’s MlflowClient reported it', async () => {
    const expected = readMatrixExpected(store.expectedFile);
    const summary = await testRoot(graph).ingest.ingestMlflow(server.url, { actor: 'test', batchSize: 3 });
    expect({ status: summary.status, error: summary.error, skipped: summary.skipped, notOffered: summary.notOffered }).toEqual({ status: 'COMPLETED', error: null, skipped: [], notOffered });
    expect(valueKindOf(summary.storeUri)).toBe('sqlNoInfinity');
    expect(await compareThroughGraphql(api, summary.storeUri, expected, valueKindOf(summary.storeUri))).toEqual([]);
    expect(await compareWithExpected(graph, summary.storeUri, asExpected(expected))).toEqual([]);
  }, 120_000);
});
