import { systemActor } from '../../../src/domain/audit/actor';
import { AuditKind } from '../../../src/domain/audit/draft';
import { formatId } from '../../../src/domain/ids';
import { NodeType } from '../../../src/domain/nodeType';
import { SignalStatus } from '../../../src/domain/signal';
import { SIGNAL_TRANSITIONS } from '../../../src/domain/signalLifecycle';
import type { Composition } from '../../../src/composition/root';
import { CatalogWriteRepository } from '../../../src/graph/repositories/catalogWriteRepository';
import { modelVersionDraft } from '../../../src/services/ingest/auditDrafts';
import { recordSignal, transitionSignal } from '../../../src/services/signals/signalService';
import type { Scenario } from './pvScenario';

export interface SeedSummary {
  readonly stores: number;
  readonly runs: number;
  readonly datasets: number;
  readonly reports: number;
  readonly signals: number;
}

const LOADER = systemActor('scenario-loader');
/** The scenario's detection pipeline records its signals; a scientist, someone else, decides on them. */
const PIPELINE = { id: 'scenario.pipeline', role: 'PIPELINE', name: 'Scenario detection pipeline' };
const SCIENTIST = { id: 'scenario.scientist', role: 'SCIENTIST', name: 'Scenario safety scientist' };

/**
 * Loads a scenario. The catalogue (datasets, stores, runs, models) is one write transaction:
 * either all of it is there or none; it is one audited import (one `SCENARIO_LOADED` event with
 * the counts, when the load ends), not one event per generated run. Model versions get their own
 * `MODEL_VERSION_REGISTERED` when first loaded, and signals are recorded and moved to their
 * status through the signal service, so each carries its history and events as in production.
 * Reports follow the signals they cite. Every write is an upsert or skips what is there, so
 * loading again changes nothing but the one load event.
 */
export async function seedScenario(root: Pick<Composition, 'writer' | 'repos'>, scenario: Scenario): Promise<SeedSummary> {
  const writer = new CatalogWriteRepository();
  const summary = {
    stores: scenario.stores.length,
    runs: scenario.stores.reduce((n, s) => n + s.runs.length, 0),
    datasets: scenario.datasets.length,
    reports: scenario.reports.length,
    signals: scenario.signals.length,
  };
  const reason = 'Synthetic scenario load (demo or benchmark data)';
  await root.writer.write('demo.seed', async (tx) => {
    await writer.writeDatasets(tx, scenario.datasets);
    for (const content of scenario.stores) {
      const { id, storeKey } = await writer.writeStore(tx, content.store);
      await writer.writeExperiments(tx, id, storeKey, content.experiments);
      await writer.writeRuns(tx, storeKey, content.runs);
      await writer.writeRegisteredModels(tx, storeKey, content.models);
      const ids = content.versions.map((v) => formatId(NodeType.MODEL_VERSION, storeKey, v.name, String(v.version)));
      const stored = await root.repos.ingest.modelVersionFieldSources(tx, ids);
      await writer.writeModelVersions(tx, storeKey, content.versions);
      content.versions.forEach((v, i) => {
        const draft = stored.has(ids[i]) ? null : modelVersionDraft(LOADER, ids[i], null, v, reason);
        if (draft) tx.audit(draft);
      });
    }
  });
  for (const s of scenario.signals) await seedSignal(root, s);
  await root.writer.write('demo.seed.reports', async (tx) => {
    for (const report of scenario.reports) await writer.writeReport(tx, report);
    tx.audit({ actor: LOADER, kind: AuditKind.CREATE, action: 'SCENARIO_LOADED', entityType: 'Scenario', entityId: `scenario:${summary.runs}-runs`, newValue: summary, reason });
  });
  return summary;
}

/** Records the signal once, then takes the shortest path of lifecycle steps to its status. */
async function seedSignal(root: Pick<Composition, 'repos'>, s: Scenario['signals'][number]): Promise<void> {
  const id = formatId(NodeType.SIGNAL, s.signalId);
  let [signal] = await root.repos.signals.byIds([id]);
  // A SignalRecord has every field recordSignal reads; its status and time come from the service.
  signal ??= await recordSignal(root, PIPELINE, { ...s, detectedByRun: s.runId ?? '', reason: 'Scenario: raised by the detection run' });
  for (const to of pathTo(signal.status as SignalStatus, s.status as SignalStatus)) {
    await transitionSignal(root, SCIENTIST, id, to, `Scenario: ${to.toLowerCase()}`, `Scenario: the review supports moving the signal to ${to}`);
  }
}

/** The stages after `from` up to `to` along the lifecycle (breadth first); none when `to` is not ahead. */
function pathTo(from: SignalStatus, to: SignalStatus): SignalStatus[] {
  const previous = new Map<SignalStatus, SignalStatus>();
  const queue = [from];
  while (queue.length > 0) {
    const at = queue.shift() as SignalStatus;
    if (at === to) break;
    for (const next of SIGNAL_TRANSITIONS[at]) if (!previous.has(next) && next !== from) (previous.set(next, at), queue.push(next));
  }
  if (from === to || !previous.has(to)) return [];
  const steps: SignalStatus[] = [];
  for (let at = to; at !== from; at = previous.get(at) as SignalStatus) steps.unshift(at);
  return steps;
}
