import type { GraphExecutor } from '../src/graph/executor';
import { buildScenario } from '../src/services/demo/pvScenario';
import { seedScenario } from '../src/services/demoSeedService';
import { countGraph, resetGraph, testGraph } from './support/graph';

describe('demo data', () => {
  let graph: GraphExecutor;
  beforeAll(() => {
    graph = testGraph();
  });
  afterAll(() => graph.close());

  it('is built the same way every time', () => {
    expect(buildScenario()).toEqual(buildScenario());
  });

  it('reloads idempotently: a second load leaves counts and properties unchanged', async () => {
    await resetGraph(graph);
    const scenario = buildScenario();
    await seedScenario(graph, scenario);
    const snapshot = () => graph.query('test.snapshot', 'MATCH (n) WHERE NOT n:SchemaMigration RETURN n.id AS id, properties(n) AS p ORDER BY id');
    const before = { counts: await countGraph(graph), nodes: await snapshot() };
    await seedScenario(graph, scenario);
    expect({ counts: await countGraph(graph), nodes: await snapshot() }).toEqual(before);
    const expectedRuns = scenario.stores.reduce((n, s) => n + s.runs.length, 0);
    const [row] = await graph.query('test.runs', 'MATCH (r:Run) RETURN count(r) AS n');
    expect(row.n).toBe(expectedRuns);
  });
});
