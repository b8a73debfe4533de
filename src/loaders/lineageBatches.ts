import { LineageDirection } from '../domain/lineage';
import type { ModelVersion } from '../domain/model';
import { NodeType } from '../domain/nodeType';
import type { Report } from '../domain/report';
import type { Run } from '../domain/run';
import type { Signal } from '../domain/signal';
import { toModelVersion, toReport, toRun, toSignal } from '../graph/mappers';
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

type Batch<T> = (ids: readonly string[]) => Promise<T[]>;

/** Batch functions for the typed lineage fields; createLoaders wraps each in a DataLoader. */
export function lineageFieldBatches(repo: LineageRepository, maxDepth: number) {
  const reports = (rootType: NodeType, viaProducers: boolean): Batch<Report[]> => async (ids) =>
    (await repo.reachable(ids, { rootType, direction: LineageDirection.DOWNSTREAM, target: NodeType.REPORT, depth: maxDepth, viaProducers, limit: MAX_REACHED }, toReport)).map(
      (list) => list.map((x) => x.node).sort(byNewest),
    );
  const signals = (rootType: NodeType, viaProducers: boolean): Batch<Signal[]> => async (ids) =>
    (await repo.reachable(ids, { rootType, direction: LineageDirection.DOWNSTREAM, target: NodeType.SIGNAL, depth: maxDepth, viaProducers, limit: MAX_REACHED }, toSignal)).map(
      (list) => list.map((x) => x.node).sort(bySignal),
    );
  const sourceRuns = (rootType: NodeType): Batch<SourceRun[]> => async (ids) =>
    (await repo.reachable(ids, { rootType, direction: LineageDirection.UPSTREAM, target: NodeType.RUN, depth: maxDepth, viaProducers: false, limit: MAX_REACHED }, toRun)).map(
      (list: Reached<Run>[]) =>
        list
          .map((x) => ({ run: x.node, path: x.path, pathLength: x.path.length - 1 }))
          .sort((a, b) => a.pathLength - b.pathLength || (a.run.id < b.run.id ? -1 : a.run.id > b.run.id ? 1 : 0)),
    );
  const versions = (rootType: NodeType): Batch<ModelVersion[]> => async (ids) =>
    (await repo.reachable(ids, { rootType, direction: LineageDirection.UPSTREAM, target: NodeType.MODEL_VERSION, depth: maxDepth, viaProducers: false, limit: MAX_REACHED }, toModelVersion)).map(
      (list) => list.map((x) => x.node).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version - b.version)),
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

