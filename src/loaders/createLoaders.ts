import type { OlRunFacets } from '../domain/openlineageRunFacets';
import DataLoader from 'dataloader';
import type { Dataset, DatasetInput } from '../domain/dataset';
import type { DatasetField } from '../domain/datasetField';
import type { Experiment } from '../domain/experiment';
import type { MetricPoint } from '../domain/metric';
import type { LoggedModel, ModelVersion, RegisteredModel } from '../domain/model';
import type { Report } from '../domain/report';
import type { ReportVersion } from '../domain/reportVersion';
import type { Signature } from '../domain/signature';
import type { SignalTransition } from '../domain/signalLifecycle';
import type { Withdrawal } from '../graph/repositories/reportWriteRepository';
import type { Run } from '../domain/run';
import type { Signal } from '../domain/signal';
import type { DatasetJob, Job } from '../domain/job';
import type { OlTransition } from '../domain/openlineageRunState';
import type { TrackingStore } from '../domain/trackingStore';
import type { StoreWriter } from '../domain/storeWriter';
import type { Repositories } from '../graph/repositories';
import { lineageFieldBatches, lineageFieldCacheKey, type LineageFieldKey, type SourceRun } from './lineageBatches';
import type { DatasetVersion } from '../domain/datasetVersion';

type Batch<V> = (keys: readonly string[]) => Promise<V[]>;

/** Every batch function already answers in key order, so DataLoader can use it directly. */
const loader = <V>(batch: Batch<V>) => new DataLoader<string, V>(batch, { maxBatchSize: 1000 });

/** A typed lineage field's loader: keyed by parent id and clock pair (`LineageFieldKey`). */
const clockedLoader = <V>(batch: (keys: readonly LineageFieldKey[]) => Promise<V[]>) =>
  new DataLoader<LineageFieldKey, V, string>(batch, { maxBatchSize: 1000, cacheKeyFn: lineageFieldCacheKey });

/**
 * One set of loaders per request: the cache lives exactly as long as one answer, so a
 * request never sees another request's data and memory does not grow across requests.
 */
export function createLoaders(repos: Repositories, maxLineageDepth: number) {
  const lineage = lineageFieldBatches(repos.lineage, maxLineageDepth);
  return {
    sourceRunsOfReport: clockedLoader<SourceRun[]>(lineage.sourceRunsOfReport),
    sourceRunsOfSignal: clockedLoader<SourceRun[]>(lineage.sourceRunsOfSignal),
    upstreamVersionsOfReport: clockedLoader<ModelVersion[]>(lineage.upstreamVersionsOfReport),
    upstreamVersionsOfSignal: clockedLoader<ModelVersion[]>(lineage.upstreamVersionsOfSignal),
    detectionMethodOfRun: loader<Record<string, unknown> | null>(lineage.detectionMethodOfRun),
    downstreamReportsOfRun: clockedLoader<Report[]>(lineage.downstreamReportsOfRun),
    impactedReportsOfDataset: clockedLoader<Report[]>(lineage.impactedReportsOfDataset),
    transitiveReportsOfVersion: clockedLoader<Report[]>(lineage.transitiveReportsOfVersion),
    transitiveSignalsOfVersion: clockedLoader<Signal[]>(lineage.transitiveSignalsOfVersion),
    storeById: loader<TrackingStore | null>((ids) => repos.stores.byIds(ids)),
    writersOfStore: loader<StoreWriter[]>((ids) => repos.stores.writersOf(ids)),
    experimentById: loader<Experiment | null>((ids) => repos.experiments.byIds(ids)),
    storeOfExperiment: loader<TrackingStore | null>((ids) => repos.experiments.storeOf(ids)),
    runById: loader<Run | null>((ids) => repos.runs.byIds(ids)),
    experimentOfRun: loader<Experiment | null>((ids) => repos.runs.experimentOf(ids)),
    inputsOfRun: loader<DatasetInput[]>((ids) => repos.runs.inputsOf(ids)),
    modelVersionsOfRun: loader<ModelVersion[]>((ids) => repos.runs.modelVersionsOf(ids)),
    reportsOfRun: loader<Report[]>((ids) => repos.runs.reportsOf(ids)),
    loggedModelsOfRun: loader<LoggedModel[]>((ids) => repos.runs.loggedModelsOf(ids)),
    childrenOfRun: loader<Run[]>((ids) => repos.runs.childrenOf(ids)),
    parentOfRun: loader<Run | null>((ids) => repos.runs.parentOf(ids)),
    datasetById: loader<Dataset | null>((ids) => repos.datasets.byIds(ids)),
    modelById: loader<RegisteredModel | null>((ids) => repos.models.modelsByIds(ids)),
    modelVersionById: loader<ModelVersion | null>((ids) => repos.models.versionsByIds(ids)),
    loggedModelById: loader<LoggedModel | null>((ids) => repos.models.loggedModelsByIds(ids)),
    modelOfVersion: loader<RegisteredModel | null>((ids) => repos.models.modelOf(ids)),
    runOfVersion: loader<Run | null>((ids) => repos.models.runOf(ids)),
    reportsOfVersion: loader<Report[]>((ids) => repos.models.reportsOf(ids)),
    reportById: loader<Report | null>((ids) => repos.reports.byIds(ids)),
    runsOfReport: loader<Run[]>((ids) => repos.reports.runsOf(ids)),
    modelVersionsOfReport: loader<ModelVersion[]>((ids) => repos.reports.modelVersionsOf(ids)),
    datasetsOfReport: loader<Dataset[]>((ids) => repos.reports.datasetsOf(ids)),
    signalsOfReport: loader<Signal[]>((ids) => repos.reports.signalsOf(ids)),
    reportVersionsOfReport: loader<ReportVersion[]>((ids) => repos.reportWrites.versionsOf(ids)),
    withdrawalOfReport: loader<Withdrawal | null>((ids) => repos.reportWrites.withdrawalsOf(ids)),
    signaturesOfReport: loader<Signature[]>((ids) => repos.signatures.ofReports(ids)),
    historyOfSignal: loader<SignalTransition[]>((ids) => repos.signalWrites.historyOf(ids)),
    signalById: loader<Signal | null>((ids) => repos.signals.byIds(ids)),
    runOfSignal: loader<Run | null>((ids) => repos.signals.runOf(ids)),
    reportsOfSignal: loader<Report[]>((ids) => repos.signals.reportsOf(ids)),
    jobById: loader<Job | null>((ids) => repos.openlineage.jobsByIds(ids)),
    runsOfJob: loader<Run[]>((ids) => repos.openlineage.runsOfJobs(ids)),
    jobsOfDataset: loader<DatasetJob[]>((ids) => repos.openlineage.jobsOfDatasets(ids)),
    writersOfDataset: loader<Run[]>((ids) => repos.datasets.writersOf(ids)),
    olTransitionsOfRun: loader<OlTransition[]>((ids) => repos.openlineage.transitionsOfRuns(ids)),
    olFacetsOfRun: loader<OlRunFacets | null>((ids) => repos.openlineage.runFacetsOfRuns(ids)),
    datasetFieldById: loader<DatasetField | null>((ids) => repos.datasetFields.byIds(ids)),
    datasetVersionById: loader<DatasetVersion | null>((ids) => repos.datasetVersions.byIds(ids)),
    versionsOfDataset: loader<DatasetVersion[]>((ids) => repos.datasetVersions.ofDatasets(ids)),
    /** Key: `<dataset id>\u0000<asOf as ISO, empty for now>`; one query per instant asked for. */
    fieldsOfDataset: loader<DatasetField[]>(async (keys) => {
      const split = keys.map((k) => [k.slice(0, k.indexOf('\u0000')), k.slice(k.indexOf('\u0000') + 1)] as const);
      const answers = new Map<string, DatasetField[]>();
      for (const at of new Set(split.map(([, a]) => a))) {
        const ids = [...new Set(split.filter(([, a]) => a === at).map(([id]) => id))];
        const lists = await repos.datasetFields.fieldsOfDatasets(ids, at === '' ? null : new Date(at));
        ids.forEach((id, i) => answers.set(`${id}\u0000${at}`, lists[i]));
      }
      return keys.map((k) => answers.get(k) ?? []);
    }),
    /** Key: `<run node id>\u0000<metric key>`. */
    metricHistory: loader<MetricPoint[]>((keys) =>
      repos.metricHistory.histories(keys.map((k) => ({ runNodeId: k.slice(0, k.indexOf('\u0000')), key: k.slice(k.indexOf('\u0000') + 1) }))),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
