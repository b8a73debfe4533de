import { LineageDirection, type OneWay } from '../domain/lineage';
import { type LineageClocks, NO_CLOCKS } from '../domain/lineageClock';
import type { ModelVersion } from '../domain/model';
import { NodeType } from '../domain/nodeType';
import type { Report } from '../domain/report';
import type { Run } from '../domain/run';
import type { Signal } from '../domain/signal';
import { toModelVersion, toReport, toRun, toSignal } from '../graph/mappers';
import type { Row } from '../graph/executor';
import type { LineageRepository, Reached } from '../graph/repositories/lineageRepository';

/** Most items a typed lineage field returns per parent; the nearest ones are kept. */
export const MAX_REACHED = 1000;

export interface SourceRun {
  readonly run: Run;
  /** Ids along the shortest data-flow path, from the report back to the run. */
  readonly path: readonly string[];
  readonly pathLength: number;
}

const byNewest = (a: Report, b: Report) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** As `Report.signals` lists them: drug, event term, then id. */
const bySignal = (a: Signal, b: Signal) => cmp(a.drug, b.drug) || cmp(a.eventTerm, b.eventTerm) || cmp(a.id, b.id);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What a typed lineage field is asked for: the parent's id and the two clocks of the field's
 * arguments (docs/time.md), already checked. Both null: now.
 */
export interface LineageFieldKey extends LineageClocks {
  readonly id: string;
}

export const fieldKey = (id: string, clocks: LineageClocks = NO_CLOCKS): LineageFieldKey => ({ id, asOf: clocks.asOf, validAt: clocks.validAt });

/** The clock pair as text: keys with the same text are answered by one statement. */
const clocksText = (k: LineageClocks) => `${k.asOf ? k.asOf.toISOString() : ''}\u0000${k.validAt ? k.validAt.toISOString() : ''}`;

/** DataLoader's cache key: the same id on other clocks is another question. */
export const lineageFieldCacheKey = (k: LineageFieldKey) => `${k.id}\u0000${clocksText(k)}`;

type Batch<T> = (keys: readonly LineageFieldKey[]) => Promise<T[]>;

/**
 * Groups the keys by clock pair and answers each group with one batched read, so a page of
 * parents on the same clocks still costs one statement; answers come back in key order.
 */
function byClocks<T>(answer: (ids: readonly string[], clocks: LineageClocks) => Promise<T[]>): Batch<T> {
  return async (keys) => {
    const groups = new Map<string, { clocks: LineageClocks; ids: Set<string> }>();
    for (const k of keys) {
      const text = clocksText(k);
      const group = groups.get(text) ?? { clocks: { asOf: k.asOf, validAt: k.validAt }, ids: new Set<string>() };
      group.ids.add(k.id);
      groups.set(text, group);
    }
    const answers = new Map<string, T>();
    await Promise.all(
      [...groups.values()].map(async ({ clocks, ids }) => {
        const list = [...ids];
        const lists = await answer(list, clocks);
        list.forEach((id, i) => answers.set(lineageFieldCacheKey(fieldKey(id, clocks)), lists[i]));
      }),
    );
    return keys.map((k) => answers.get(lineageFieldCacheKey(k)) as T);
  };
}

/** Batch functions for the typed lineage fields; createLoaders wraps each in a DataLoader. */
export function lineageFieldBatches(repo: LineageRepository, maxDepth: number) {
  type Walk = { rootType: NodeType; direction: OneWay; target: NodeType; viaProducers: boolean };
  const reach = <T, V>(walk: Walk, map: (row: Row) => T, shape: (list: Reached<T>[]) => V): Batch<V> =>
    byClocks(async (ids, clocks) => (await repo.reachable(ids, { ...walk, depth: maxDepth, limit: MAX_REACHED }, map, clocks)).map(shape));
  const downstream = (rootType: NodeType, target: NodeType, viaProducers: boolean): Walk => ({ rootType, direction: LineageDirection.DOWNSTREAM, target, viaProducers });
  const upstream = (rootType: NodeType, target: NodeType): Walk => ({ rootType, direction: LineageDirection.UPSTREAM, target, viaProducers: false });
  const reports = (rootType: NodeType, viaProducers: boolean): Batch<Report[]> =>
    reach(downstream(rootType, NodeType.REPORT, viaProducers), toReport, (list) => list.map((x) => x.node).sort(byNewest));
  const signals = (rootType: NodeType, viaProducers: boolean): Batch<Signal[]> =>
    reach(downstream(rootType, NodeType.SIGNAL, viaProducers), toSignal, (list) => list.map((x) => x.node).sort(bySignal));
  const sourceRuns = (rootType: NodeType): Batch<SourceRun[]> =>
    reach(upstream(rootType, NodeType.RUN), toRun, (list: Reached<Run>[]) =>
      list
        .map((x) => ({ run: x.node, path: x.path, pathLength: x.path.length - 1 }))
        .sort((a, b) => a.pathLength - b.pathLength || (a.run.id < b.run.id ? -1 : a.run.id > b.run.id ? 1 : 0)),
    );
  const versions = (rootType: NodeType): Batch<ModelVersion[]> =>
    reach(upstream(rootType, NodeType.MODEL_VERSION), toModelVersion, (list) =>
      list.map((x) => x.node).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version - b.version)),
    );
  return {
    sourceRunsOfReport: sourceRuns(NodeType.REPORT),
    sourceRunsOfSignal: sourceRuns(NodeType.SIGNAL),
    upstreamVersionsOfReport: versions(NodeType.REPORT),
    upstreamVersionsOfSignal: versions(NodeType.SIGNAL),
    detectionMethodOfRun: (ids: readonly string[]) => repo.detectionMethods(ids),
    downstreamReportsOfRun: reports(NodeType.RUN, false),
    impactedReportsOfDataset: reports(NodeType.DATASET, false),
    transitiveReportsOfVersion: reports(NodeType.MODEL_VERSION, true),
    transitiveSignalsOfVersion: signals(NodeType.MODEL_VERSION, true),
  };
}

