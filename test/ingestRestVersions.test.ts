import type { GraphExecutor } from '../src/graph/executor';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { compareWithExpected } from './support/mlflowExpected';
import { type PopulatedServer, populatedServer } from './support/mlflowVersion';

/**
 * REST ingest of live tracking servers of other MLflow versions than the fixtures', compared
 * field by field with what that version's own MlflowClient reports through the same server.
 */
describe.each([
  ['2.x-last', ['logged-models/search'], null],
  ['3.x-pinned', [], 1],
])('ingest from a live MLflow %s tracking server', (label, notOffered, loggedModels) => {
  let graph: GraphExecutor;
  let live: PopulatedServer;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    live = await populatedServer(label);
  }, 240_000);
  afterAll(async () => {
    await live?.stop();
    await graph?.close();
  });

  it('completes, lists what the server does not offer, and equals that version’s MlflowClient', async () => {
    const root = testRoot(graph);
    const summary = await root.ingest.ingestMlflow(live.server.url, { actor: 'test', batchSize: 2 });
    expect({ status: summary.status, error: summary.error, skipped: summary.skipped }).toEqual({ status: 'COMPLETED', error: null, skipped: [] });
    expect(summary.notOffered).toEqual(notOffered);
    expect((await root.ingest.byId(summary.ingestionId))?.notOffered).toEqual(notOffered);
    const expected = live.expected();
    expect(expected.counts.logged_models).toBe(loggedModels);
    expect(expected.counts.runs).toBeGreaterThanOrEqual(6);
    expect(expected.counts.model_versions).toBe(2);
    expect(expected.runs.some((r) => r.dataset_inputs.length > 0)).toBe(true);
    expect(await compareWithExpected(graph, summary.storeUri, expected)).toEqual([]);
  }, 240_000);
});
