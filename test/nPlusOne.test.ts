import type { GraphExecutor, StatementEvent } from '../src/graph/executor';
import { seedScenario } from '../scripts/bench/scenario/seedScenario';
import { buildScenario } from '../scripts/bench/scenario/pvScenario';
import { startTestApi, type TestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { testRoot } from './support/composition';

/** Grows the demo to well over 100 runs so a page of 100 is full. */
async function loadManyRuns(graph: GraphExecutor): Promise<number> {
  await resetGraph(graph);
  let total = 0;
  for (let seed = 1; seed <= 6; seed++) {
    const s = buildScenario(seed);
    // Each seed gets its own store URIs so the runs do not collide. Signals are left out: they
    // name runs of the scenario's own store URIs, which these copies do not have.
    const stores = s.stores.map((c) => ({ ...c, store: { ...c.store, uri: `${c.store.uri}?seed=${seed}` } }));
    await seedScenario(testRoot(graph), { ...s, stores, signals: [], reports: s.reports.map((r) => ({ ...r, reportId: `${r.reportId}-${seed}`, runIds: [] })) });
    total += stores.reduce((n, c) => n + c.runs.length, 0);
  }
  return total;
}

const RUNS_WITH_RELATIONS = `query($first: Int) {
  runs(first: $first) {
    totalCount
    edges { node {
      id name params metrics { key value }
      experiment { id name }
      inputs { context dataset { id name digest } }
      modelVersions { id version stage }
      reports { id title }
      loggedModels { id name status metrics { key value } }
    } }
  }
}`;

describe('no N+1', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let statements: StatementEvent[] = [];

  beforeAll(async () => {
    graph = testGraph();
    expect(await loadManyRuns(graph)).toBeGreaterThan(100);
    graph.onStatement((e) => statements.push(e));
    api = await startTestApi(graph);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it.each([1, 10, 100])('lists %i runs with experiment, datasets, model versions, reports and logged models in one statement', async (first) => {
    statements = [];
    const res = await api.gql<{ runs: { edges: unknown[] } }>(RUNS_WITH_RELATIONS, { first });
    expect(res.errors).toBeUndefined();
    expect(res.data!.runs.edges).toHaveLength(first);
    expect(statements.map((s) => s.operation)).toEqual(['run.list']);
  });

  it('loads neighbours the page did not bring in one batch per relation (runs fetched by id)', async () => {
    const listed = await api.gql<{ runs: { edges: { node: { id: string } }[] } }>('{ runs(first: 3) { edges { node { id } } } }');
    const [a, b, c] = listed.data!.runs.edges.map((e) => e.node.id);
    statements = [];
    const fields = 'id experiment { id } inputs { context } loggedModels { id }';
    const res = await api.gql(`query($a: ID!, $b: ID!, $c: ID!) { a: run(id: $a) { ${fields} } b: run(id: $b) { ${fields} } c: run(id: $c) { ${fields} } }`, { a, b, c });
    expect(res.errors).toBeUndefined();
    expect(statements.map((s) => s.operation).sort()).toEqual(['run.byIds', 'run.experiment', 'run.inputs', 'run.loggedModels']);
  });
});
