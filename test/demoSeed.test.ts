import type { GraphExecutor } from '../src/graph/executor';
import { buildScenario } from '../scripts/bench/scenario/pvScenario';
import { seedScenario } from '../scripts/bench/scenario/seedScenario';
import { countGraph, resetGraph, testGraph } from './support/graph';
import { testRoot } from './support/composition';

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
    await seedScenario(testRoot(graph).writer, scenario);
    // Records are compared; the audit log rightly gains one SCENARIO_LOADED event per load.
    const snapshot = () =>
      graph.query('test.snapshot', 'MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:AuditEvent AND NOT n:AuditLog RETURN n.id AS id, properties(n) AS p ORDER BY id');
    const loads = async () => (await graph.query('test.loads', "MATCH (e:AuditEvent {action: 'SCENARIO_LOADED'}) RETURN count(e) AS n"))[0].n;
    const before = { counts: await countGraph(graph), nodes: await snapshot() };
    expect(await loads()).toBe(1);
    await seedScenario(testRoot(graph).writer, scenario);
    expect({ counts: await countGraph(graph), nodes: await snapshot() }).toEqual({ ...before, counts: { ...before.counts, nodes: before.counts.nodes + 1 } });
    expect(await loads()).toBe(2);
    const expectedRuns = scenario.stores.reduce((n, s) => n + s.runs.length, 0);
    const [row] = await graph.query('test.runs', 'MATCH (r:Run) RETURN count(r) AS n');
    expect(row.n).toBe(expectedRuns);
  });
});
