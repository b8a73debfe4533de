import type { GraphExecutor } from '../graph/executor';
import { CatalogWriteRepository } from '../graph/repositories/catalogWriteRepository';
import type { Scenario } from './demo/pvScenario';

export interface SeedSummary {
  readonly stores: number;
  readonly runs: number;
  readonly datasets: number;
  readonly reports: number;
  readonly signals: number;
}

/**
 * Loads a scenario in one write transaction: either the whole demo graph is there or none of
 * it. Every write is an upsert, so loading again changes nothing.
 */
export async function seedScenario(graph: GraphExecutor, scenario: Scenario): Promise<SeedSummary> {
  const writer = new CatalogWriteRepository();
  await graph.write('demo.seed', async (tx) => {
    await writer.writeDatasets(tx, scenario.datasets);
    for (const content of scenario.stores) {
      const { id, storeKey } = await writer.writeStore(tx, content.store);
      await writer.writeExperiments(tx, id, storeKey, content.experiments);
      await writer.writeRuns(tx, storeKey, content.runs);
      await writer.writeRegisteredModels(tx, storeKey, content.models);
      await writer.writeModelVersions(tx, storeKey, content.versions);
    }
    await writer.writeSignals(tx, scenario.signals);
    for (const report of scenario.reports) await writer.writeReport(tx, report);
  });
  return {
    stores: scenario.stores.length,
    runs: scenario.stores.reduce((n, s) => n + s.runs.length, 0),
    datasets: scenario.datasets.length,
    reports: scenario.reports.length,
    signals: scenario.signals.length,
  };
}
