import { createExecutor } from '../src/graph/driver';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { testNeo4jConfig } from './support/env';
import { resetGraph, testGraph } from './support/graph';

/**
 * No lineage request outlives the configured transaction timeout, and hitting it is reported as
 * TIMEOUT, distinct from other errors. The app runs over an executor whose timeout is the
 * smallest the configuration allows (100 ms), asked for a walk that takes longer than that.
 */
// The hub's first level alone is far more work than 100 ms allows, whatever the machine: the
// walk finishes a level before it checks the node limit.
const RUNS = 40_000;
const SIGNALS_PER_RUN = 2;

describe('lineage under a tiny transaction timeout', () => {
  let graph: GraphExecutor;
  let hurried: GraphExecutor;
  let api: TestApi;
  const QUERY = 'query($id: ID!) { lineage(id: $id, direction: BOTH, depth: 20, limit: 10000) { nodes { id } truncated } }';

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    // A heavy graph built in bulk: one hub dataset read by every run, each run producing signals.
    await graph.write('test.heavy', (tx) =>
      tx.run(
        `CREATE (d:Dataset {id: 'dataset:faers:hub', namespace: 'faers', name: 'hub'})
         WITH d UNWIND range(1, $runs) AS i
         CREATE (r:Run {id: 'run:heavy:' + i, runId: toString(i), storeKey: 'heavy', experimentId: '1', status: 'FINISHED', lifecycleStage: 'active'})
         CREATE (d)-[:INPUT_TO {since: datetime()}]->(r)
         WITH r UNWIND range(1, $signals) AS j
         CREATE (r)-[:PRODUCED {since: datetime()}]->(:Signal {id: 'signal:' + r.runId + '-' + j, status: 'DETECTED'})`,
        { runs: RUNS, signals: SIGNALS_PER_RUN },
      ),
    );
    hurried = createExecutor({ ...testNeo4jConfig(), txTimeoutMs: 100 });
    api = await startTestApi(hurried, { PVL_MAX_QUERY_COST: '10000000', NEO4J_TX_TIMEOUT_MS: '100' });
  });
  afterAll(async () => {
    await api.close();
    await hurried.close();
    await resetGraph(graph);
    await graph.close();
  });

  it('answers TIMEOUT, not an internal error, when the walk outlives the timeout', async () => {
    // Plan the statement once with the normal timeout, so what times out is the walk itself.
    const warm = await startTestApi(graph, { PVL_MAX_QUERY_COST: '10000000' });
    const full = await warm.gql<{ lineage: { nodes: unknown[]; truncated: boolean } }>(QUERY, { id: 'dataset:faers:hub' });
    await warm.close();
    expect(full.errors).toBeUndefined();
    expect(full.data?.lineage.truncated).toBe(true);

    const res = await api.gql(QUERY, { id: 'dataset:faers:hub' });
    expect(res.data?.lineage ?? null).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('TIMEOUT');
    expect(res.errors?.[0].message).not.toMatch(/Neo4j|Neo\.|transaction.*terminated/i);
  });
});
