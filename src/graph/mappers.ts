import type { Dataset } from '../domain/dataset';
import type { Experiment } from '../domain/experiment';
import { type MetricPoint, numberFromExact, toMetricValue } from '../domain/metric';
import type { LoggedModel, LoggedModelMetric, ModelVersion, RegisteredModel } from '../domain/model';
import type { Report, ReportKind, ReportStatus } from '../domain/report';
import type { ModelVersionFieldSource } from '../domain/modelVersionDiff';
import type { DetectionMethodRecord, LatestMetricRecord } from '../domain/records';
import type { Run, RunStatus } from '../domain/run';
import type { RunFieldSource } from '../domain/runFieldDiff';
import {
  METRIC_PREFIX,
  METRIC_STEP_PREFIX,
  METRIC_TIME_PREFIX,
  PARAM_PREFIX,
  TAG_PREFIX,
  withPrefix,
} from '../domain/runProperties';
import type { Signal, SignalStatus } from '../domain/signal';
import type { TrackingStore, TrackingStoreKind } from '../domain/trackingStore';
import type { Row } from './executor';

/** Node property maps (already plain) to domain records. Missing optional properties become null. */
type Props = Row;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export function toTrackingStore(p: Props): TrackingStore {
  return {
    id: String(p.id),
    storeKey: String(p.storeKey),
    uri: String(p.uri),
    kind: p.kind as TrackingStoreKind,
    displayName: str(p.displayName) ?? String(p.uri),
    registration:
      p.registeredAt === undefined || p.registeredAt === null
        ? null
        : {
            label: str(p.label),
            reason: str(p.registrationReason),
            registeredAt: String(p.registeredAt),
            registeredBy: str(p.registeredBy),
            retiredAt: p.retiredAt === undefined || p.retiredAt === null ? null : String(p.retiredAt),
            retiredBy: str(p.retiredBy),
            retirementReason: str(p.retirementReason),
          },
  };
}

export function toExperiment(p: Props): Experiment {
  return {
    id: String(p.id),
    storeKey: String(p.storeKey),
    experimentId: String(p.experimentId),
    name: String(p.name),
    lifecycleStage: str(p.lifecycleStage) ?? 'active',
    artifactLocation: str(p.artifactLocation),
    createdAt: str(p.createdAt),
    updatedAt: str(p.updatedAt),
    tags: withPrefix<string>(p, TAG_PREFIX),
  };
}

export function toRun(p: Props): Run {
  const metrics: MetricPoint[] = latestMetricsOf(p).map((m) => ({ key: m.key, ...toMetricValue(m.value), step: m.step, timestamp: m.timestamp }));
  return {
    id: String(p.id),
    storeKey: String(p.storeKey),
    runId: String(p.runId),
    experimentId: String(p.experimentId),
    status: (str(p.status) ?? 'RUNNING') as RunStatus,
    lifecycleStage: str(p.lifecycleStage) ?? 'active',
    ...runInfoOf(p),
    metrics,
  };
}

/** The latest value, step and time of each metric a run node holds (`m.`, `ms.`, `mt.` properties). */
function latestMetricsOf(p: Props): LatestMetricRecord[] {
  const values = withPrefix<number>(p, METRIC_PREFIX);
  const steps = withPrefix<number>(p, METRIC_STEP_PREFIX);
  const times = withPrefix<number>(p, METRIC_TIME_PREFIX);
  return Object.keys(values).map((key) => ({ key, value: values[key], step: steps[key] ?? 0, timestamp: times[key] ?? 0 }));
}

/** The descriptive properties of a run node that the API and the audit diff read alike. */
function runInfoOf(p: Props) {
  return {
    name: str(p.name),
    startTime: str(p.startTime),
    endTime: str(p.endTime),
    userId: str(p.userId),
    sourceName: str(p.sourceName),
    sourceType: str(p.sourceType),
    gitCommit: str(p.gitCommit),
    artifactUri: str(p.artifactUri),
    params: withPrefix<string>(p, PARAM_PREFIX),
    tags: withPrefix<string>(p, TAG_PREFIX),
  };
}

/**
 * A stored run node (as the ingester wrote it), its live inputs and metric history lengths, in
 * the shape the audit diff compares with what a reader delivers (domain/runFieldDiff.ts).
 */
export function toRunFieldSource(p: Props, inputs: readonly Row[], series: readonly Row[]): RunFieldSource {
  let detectionMethod: DetectionMethodRecord | null = null;
  if (typeof p['dm.method'] === 'string') {
    detectionMethod = {
      method: p['dm.method'],
      thresholds: typeof p['dm.thresholdsJson'] === 'string' ? (JSON.parse(p['dm.thresholdsJson']) as DetectionMethodRecord['thresholds']) : {},
      meddraVersion: str(p['dm.meddraVersion']),
      meddraLevel: str(p['dm.meddraLevel']),
      dataSource: str(p['dm.dataSource']),
      dataPeriod: str(p['dm.dataPeriod']),
      deduplication: str(p['dm.deduplication']),
      file: String(p['dm.file'] ?? ''),
    };
  }
  return {
    experimentId: str(p.experimentId),
    status: str(p.status),
    lifecycleStage: str(p.lifecycleStage),
    deletedTime: str(p.deletedTime),
    parentRunId: str(p.parentRunId),
    ...runInfoOf(p),
    latestMetrics: latestMetricsOf(p),
    metricPoints: Object.fromEntries(series.map((s) => [String(s.key), Number(s.count)])),
    inputs: inputs.map((i) => ({ dataset: String(i.dataset), context: str(i.context), digest: str(i.digest) })),
    outputModelIds: Array.isArray(p.outputModelIds) ? (p.outputModelIds as string[]) : null,
    summaryJson: str(p.summaryJson),
    detectionMethod,
  };
}

/** A stored model version's audited fields (domain/modelVersionDiff.ts). */
export function toModelVersionFieldSource(p: Props): ModelVersionFieldSource {
  return {
    name: String(p.name),
    version: Number(p.version),
    stage: String(p.stage ?? ''),
    status: str(p.status),
    source: str(p.source),
    runId: str(p.runId),
    aliases: Array.isArray(p.aliases) ? (p.aliases as string[]) : [],
    description: str(p.description),
    tags: withPrefix<string>(p, TAG_PREFIX),
  };
}

const jsonOrNull = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : null);

export function toDataset(p: Props): Dataset {
  return {
    id: String(p.id),
    namespace: String(p.namespace),
    name: String(p.name),
    digest: str(p.digest),
    source: str(p.source),
    sourceType: str(p.sourceType),
    period: str(p.period),
    schema: jsonOrNull(p.schemaJson) ?? jsonOrNull(p.olSchemaJson),
    mlflowSchema: jsonOrNull(p.schemaJson),
    openLineageSchema: jsonOrNull(p.olSchemaJson),
    mlflowName: str(p.mlflowName),
  };
}

export function toRegisteredModel(p: Props): RegisteredModel {
  return {
    id: String(p.id),
    storeKey: String(p.storeKey),
    name: String(p.name),
    description: str(p.description),
    createdAt: str(p.createdAt),
    updatedAt: str(p.updatedAt),
    tags: withPrefix<string>(p, TAG_PREFIX),
  };
}

export function toModelVersion(p: Props): ModelVersion {
  return {
    id: String(p.id),
    storeKey: String(p.storeKey),
    name: String(p.name),
    version: Number(p.version),
    stage: str(p.stage) ?? 'None',
    status: str(p.status),
    source: str(p.source),
    runId: str(p.runId),
    aliases: Array.isArray(p.aliases) ? (p.aliases as string[]).slice().sort() : [],
    description: str(p.description),
    createdAt: str(p.createdAt),
    tags: withPrefix<string>(p, TAG_PREFIX),
  };
}

export function toReport(p: Props): Report {
  return {
    id: String(p.id),
    title: String(p.title),
    kind: p.kind as ReportKind,
    status: p.status as ReportStatus,
    period: str(p.period),
    contentHash: String(p.contentHash),
    uri: str(p.uri),
    createdAt: String(p.createdAt),
  };
}

export function toSignal(p: Props): Signal {
  return {
    id: String(p.id),
    drug: String(p.drug),
    drugCode: str(p.drugCode),
    eventTerm: String(p.eventTerm),
    meddraCode: str(p.meddraCode),
    meddraVersion: str(p.meddraVersion),
    prr: num(p.prr),
    ror: num(p.ror),
    chiSquare: num(p.chiSquare),
    caseCount: num(p.caseCount),
    status: p.status as SignalStatus,
    detectedAt: str(p.detectedAt),
  };
}

export function toLoggedModel(p: Props): LoggedModel {
  return {
    id: String(p.id),
    storeKey: String(p.storeKey),
    modelId: String(p.modelId),
    experimentId: str(p.experimentId),
    name: str(p.name),
    sourceRunId: str(p.sourceRunId),
    status: str(p.status),
    modelType: str(p.modelType),
    artifactLocation: str(p.artifactLocation),
    lifecycleStage: str(p.lifecycleStage) ?? 'active',
    createdAt: str(p.createdAt),
    updatedAt: str(p.updatedAt),
    params: withPrefix<string>(p, PARAM_PREFIX),
    tags: withPrefix<string>(p, TAG_PREFIX),
    metrics: typeof p.metricsJson === 'string' ? (JSON.parse(p.metricsJson) as Props[]).map(toLoggedModelMetric) : [],
  };
}

/** One entry of a logged model's `metricsJson` (written with `numberExactReplacer`). */
function toLoggedModelMetric(m: Props): LoggedModelMetric {
  return {
    key: String(m.key),
    ...toMetricValue(numberFromExact(m.value)),
    step: Number(m.step),
    timestamp: Number(m.timestamp),
    datasetName: str(m.datasetName),
    datasetDigest: str(m.datasetDigest),
    runId: str(m.runId),
  };
}
