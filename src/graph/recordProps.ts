import { formatId } from '../domain/ids';
import { NodeType } from '../domain/nodeType';
import type {
  DatasetRecord,
  ExperimentRecord,
  ModelVersionRecord,
  RegisteredModelRecord,
  ReportRecord,
  RunInputRecord,
  RunRecord,
  SignalRecord,
} from '../domain/records';
import { datasetVersionId } from '../domain/datasetVersion';
import {
  METRIC_PREFIX,
  METRIC_STEP_PREFIX,
  METRIC_TIME_PREFIX,
  PARAM_PREFIX,
  TAG_PREFIX,
  prefixed,
} from '../domain/runProperties';
import { toNeoDateTime } from './convert';

/**
 * Turns source records into complete node property maps. Writers `SET n = $props`, so a
 * property that disappears at the source disappears here too, and writing the same record
 * twice leaves the node exactly as it was.
 */
type Props = Record<string, unknown>;

const time = (ms: number | null) => (ms === null ? null : toNeoDateTime(new Date(ms)));

function compact(p: Props): Props {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null && v !== undefined));
}

export function experimentProps(storeKey: string, e: ExperimentRecord): Props {
  return compact({
    id: formatId(NodeType.EXPERIMENT, storeKey, e.experimentId),
    storeKey,
    experimentId: e.experimentId,
    name: e.name,
    lifecycleStage: e.lifecycleStage,
    artifactLocation: e.artifactLocation,
    createdAt: time(e.createdAt),
    updatedAt: time(e.updatedAt),
    ...prefixed(TAG_PREFIX, e.tags),
  });
}

export function runProps(storeKey: string, r: RunRecord): Props {
  const metrics: Props = {};
  for (const m of r.latestMetrics) {
    metrics[METRIC_PREFIX + m.key] = m.value;
    metrics[METRIC_STEP_PREFIX + m.key] = m.step;
    metrics[METRIC_TIME_PREFIX + m.key] = m.timestamp;
  }
  return compact({
    id: formatId(NodeType.RUN, storeKey, r.runId),
    storeKey,
    runId: r.runId,
    experimentId: r.experimentId,
    name: r.name,
    status: r.status,
    lifecycleStage: r.lifecycleStage,
    startTime: time(r.startTime),
    endTime: time(r.endTime),
    userId: r.userId,
    sourceName: r.sourceName,
    sourceType: r.sourceType,
    gitCommit: r.gitCommit,
    artifactUri: r.artifactUri,
    ...prefixed(PARAM_PREFIX, r.params),
    ...prefixed(TAG_PREFIX, r.tags),
    ...metrics,
  });
}

export function datasetId(d: { namespace: string; name: string }): string {
  return formatId(NodeType.DATASET, d.namespace, d.name);
}

export function datasetProps(d: DatasetRecord): Props {
  return compact({
    id: datasetId(d),
    namespace: d.namespace,
    name: d.name,
    digest: d.digest,
    source: d.source,
    sourceType: d.sourceType,
    period: d.period,
    schemaJson: d.schema === null || d.schema === undefined ? null : JSON.stringify(d.schema),
    mlflowName: d.mlflow?.name ?? null,
  });
}

/**
 * One run input as UPSERT_RUNS takes it: the dataset, the context, the digest and, when there is
 * a digest, the dataset version (snapshot) the store reported, with the schema and profile it
 * recorded for it.
 */
export function inputRow(storeKey: string, i: RunInputRecord & { readonly datasetRecord?: DatasetRecord }) {
  const dsId = datasetId(i.dataset);
  const m = i.datasetRecord?.mlflow;
  const version = i.digest
    ? compact({ id: datasetVersionId(i.dataset.namespace, i.dataset.name, storeKey, i.digest), datasetId: dsId, source: storeKey, digest: i.digest, schema: m?.schema ?? null, profile: m?.profile ?? null })
    : null;
  return { datasetId: dsId, digest: i.digest, context: i.context ?? '', versionId: version ? String(version.id) : null, version };
}

/** What MLflow recorded on one input, as INPUT_TO properties (absent ones are removed by `+=`). */
export function inputFactsProps(d: DatasetRecord | undefined): Props {
  const m = d?.mlflow;
  return {
    mlflowName: m?.name ?? null,
    mlflowSourceType: m?.sourceType ?? null,
    mlflowSource: m?.source ?? null,
    mlflowSchema: m?.schema ?? null,
    mlflowProfile: m?.profile ?? null,
  };
}

export function registeredModelProps(storeKey: string, m: RegisteredModelRecord): Props {
  return compact({
    id: formatId(NodeType.REGISTERED_MODEL, storeKey, m.name),
    storeKey,
    name: m.name,
    description: m.description,
    createdAt: time(m.createdAt),
    updatedAt: time(m.updatedAt),
    ...prefixed(TAG_PREFIX, m.tags),
  });
}

export function modelVersionProps(storeKey: string, v: ModelVersionRecord): Props {
  return compact({
    id: formatId(NodeType.MODEL_VERSION, storeKey, v.name, String(v.version)),
    storeKey,
    name: v.name,
    version: v.version,
    stage: v.stage,
    status: v.status,
    source: v.source,
    runId: v.runId,
    aliases: [...v.aliases].sort(),
    description: v.description,
    createdAt: time(v.createdAt),
    ...prefixed(TAG_PREFIX, v.tags),
  });
}

export function reportProps(r: ReportRecord): Props {
  return compact({
    id: formatId(NodeType.REPORT, r.reportId),
    title: r.title,
    kind: r.kind,
    status: r.status,
    period: r.period,
    contentHash: r.contentHash,
    uri: r.uri,
    createdAt: time(r.createdAt),
  });
}

export function signalProps(s: SignalRecord): Props {
  return compact({
    id: formatId(NodeType.SIGNAL, s.signalId),
    drug: s.drug,
    drugCode: s.drugCode,
    eventTerm: s.eventTerm,
    meddraCode: s.meddraCode,
    meddraVersion: s.meddraVersion,
    prr: s.prr,
    ror: s.ror,
    chiSquare: s.chiSquare,
    caseCount: s.caseCount,
    status: s.status,
    detectedAt: time(s.detectedAt),
  });
}
