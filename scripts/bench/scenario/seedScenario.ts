import { systemActor } from '../../../src/domain/audit/actor';
import { AuditKind } from '../../../src/domain/audit/draft';
import type { AuditedWriter } from '../../../src/graph/auditedWriter';
import { CatalogWriteRepository } from '../../../src/graph/repositories/catalogWriteRepository';
import type { Scenario } from './pvScenario';

export interface SeedSummary {
  readonly stores: number;
  readonly runs: number;
  readonly datasets: number;
  readonly reports: number;
  readonly signals: number;
}

/**
 * Loads a scenario in one write transaction: either the whole scenario is there or none of
 * it. Every write is an upsert, so loading again changes nothing. A bulk load is one audited
 * import (one event with the counts), not one event per generated record.
 */
export async function seedScenario(audited: AuditedWriter, scenario: Scenario): Promise<SeedSummary> {
  const writer = new CatalogWriteRepository();
  const summary = {
    stores: scenario.stores.length,
    runs: scenario.stores.reduce((n, s) => n + s.runs.length, 0),
    datasets: scenario.datasets.length,
    reports: scenario.reports.length,
    signals: scenario.signals.length,
  };
  await audited.write('demo.seed', async (tx) => {
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
    tx.audit({
      actor: systemActor('scenario-loader'),
      kind: AuditKind.CREATE,
      action: 'SCENARIO_LOADED',
      entityType: 'Scenario',
      entityId: `scenario:${summary.runs}-runs`,
      newValue: summary,
      reason: 'Synthetic scenario load (demo or benchmark data)',
    });
  });
  return summary;
}
