import { formatId } from '../../src/domain/ids';
import { NodeType } from '../../src/domain/nodeType';
import { storeKeyFor } from '../../src/domain/trackingStore';
import type { GraphExecutor } from '../../src/graph/executor';
import { buildScenario, type Scenario } from '../../scripts/bench/scenario/pvScenario';
import { seedScenario } from '../../scripts/bench/scenario/seedScenario';
import { resetGraph } from './graph';
import { testRoot } from './composition';

/** Empties the database and loads the demo scenario; returns the scenario for expectations. */
export async function loadDemo(graph: GraphExecutor): Promise<Scenario> {
  await resetGraph(graph);
  const scenario = buildScenario();
  await seedScenario(testRoot(graph), scenario);
  return scenario;
}

export function runNodeId(scenario: Scenario, storeIndex: number, runIndex: number): string {
  const content = scenario.stores[storeIndex];
  return formatId(NodeType.RUN, storeKeyFor(content.store.uri), content.runs[runIndex].runId);
}
