import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { generateSqliteStore } from './support/benchStore';
import { catalogCounts } from './support/catalogCounts';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { awaitIngestion, INGESTION_FIELDS, type IngestionView } from './support/ingestion';
import { DEMO_STORES_ROOT, registerStore } from './support/stores';

const SMALL = `sqlite:///${path.resolve(__dirname, '..', 'demo/mlflow/sqlite/mlflow.db')}`;
/** Enough runs that the ingest is still going when the next request arrives. */
const BIG_RUNS = 1500;
const START = `mutation($storeId: ID!) { ingestMlflow(storeId: $storeId) { ${INGESTION_FIELDS} } }`;

describe('ingestion through the API runs off the request thread', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let dir: string;
  let big: string;

  beforeAll(async () => {
    graph = testGraph();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-worker-'));
    big = `sqlite:///${path.join(dir, 'big.db')}`;
    generateSqliteStore(path.join(dir, 'big.db'), BIG_RUNS);
    await resetGraph(graph);
    api = await startTestApi(graph, { PVL_INGEST_ROOTS: `${DEMO_STORES_ROOT},${dir}` });
  }, 120_000);
  afterAll(async () => {
    await api.close();
    await graph.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = async (uri: string) => api.gql<{ ingestMlflow: IngestionView }>(START, { storeId: await registerStore(api, uri) });

  it('returns the RUNNING record at once, then completes with the counts of the synchronous path', async () => {
    await resetGraph(graph);
    const res = await start(SMALL);
    expect(res.errors).toBeUndefined();
    expect(res.data!.ingestMlflow).toMatchObject({ status: 'RUNNING', runsSeen: 0, batches: 0 });
    const done = await awaitIngestion(api, res.data!.ingestMlflow.id);
    expect(done.status).toBe('COMPLETED');
    const viaApi = await catalogCounts(graph);

    await resetGraph(graph);
    const sync = await testRoot(graph).ingest.ingestMlflow(SMALL, { actor: 'test' });
    expect(await catalogCounts(graph)).toEqual(viaApi);
    expect(done).toMatchObject({ runsSeen: sync.runsSeen, added: sync.added, updated: sync.updated, unchanged: sync.unchanged, deleted: sync.deleted, skippedCount: sync.skipped.length });
    expect(viaApi.nodes).toBeGreaterThan(0);
  });

  it('lets one of two concurrent requests for a store start; the other gets CONFLICT naming it', async () => {
    await resetGraph(graph);
    const before = await catalogCounts(graph);
    const [a, b] = await Promise.all([start(big), start(big)]);
    const won = [a, b].filter((r) => !r.errors);
    const lost = [a, b].filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0].data!.ingestMlflow;
    expect(lost[0].errors![0].extensions).toMatchObject({ code: 'CONFLICT', ingestionId: winner.id });
    expect(lost[0].errors![0].message).toContain(winner.id);
    // A later request while it runs is refused the same way, and writes no record of its own.
    const later = await start(big);
    expect(later.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', ingestionId: winner.id });
    const done = await awaitIngestion(api, winner.id);
    expect(done).toMatchObject({ status: 'COMPLETED', added: BIG_RUNS });
    expect((await catalogCounts(graph)).nodes).toBeGreaterThan(before.nodes);
    const [{ n }] = await graph.query('test.worker.records', 'MATCH (i:Ingestion) RETURN count(i) AS n');
    expect(n).toBe(1);
  }, 180_000);

  it('serves other requests while a big ingest runs through the API', async () => {
    await resetGraph(graph);
    const res = await start(big);
    expect(res.errors).toBeUndefined();
    const id = res.data!.ingestMlflow.id;
    let servedWhileRunning = 0;
    for (;;) {
      const q = await api.gql<{ runs: { edges: unknown[] } }>('{ runs(first: 20) { edges { node { id } } } }');
      expect(q.errors).toBeUndefined();
      const s = await api.gql<{ ingestion: IngestionView }>(`query($id: ID!) { ingestion(id: $id) { status runsSeen } }`, { id });
      if (s.data!.ingestion.status !== 'RUNNING') break;
      servedWhileRunning++;
    }
    expect(servedWhileRunning).toBeGreaterThan(0);
    expect((await awaitIngestion(api, id)).status).toBe('COMPLETED');
  }, 180_000);
});
