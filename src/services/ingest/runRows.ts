import { formatId } from '../../domain/ids';
import { numberExactReplacer } from '../../domain/metric';
import { NodeType } from '../../domain/nodeType';
import type { DatasetRecord, IngestRunRecord, LoggedModelRecord } from '../../domain/records';
import { PARAM_PREFIX, TAG_PREFIX, prefixed } from '../../domain/runProperties';
import { datasetId, inputFactsProps, inputRow, runProps } from '../../graph/recordProps';
import { toNeoDateTime } from '../../graph/convert';
import { type LoggedModelWrite, loggedModelFingerprint, loggedModelFingerprintParts } from './loggedModelChanges';

/**
 * Node property maps for ingested records. A run node gets, besides the catalogue properties,
 * its parent run id (for PARENT_OF linking across batches), its deletion time, the side-file
 * facts (`summaryJson`, `dm.*` detection method), the logged models it lists as outputs and
 * its content fingerprint.
 */
export function ingestedRunRow(storeKey: string, r: IngestRunRecord, fingerprint: string, parts: readonly string[]) {
  const dm = r.detectionMethod;
  const extra: Record<string, unknown> = {
    parentRunId: r.parentRunId,
    deletedTime: r.deletedTime === null ? null : toNeoDateTime(new Date(r.deletedTime)),
    summaryJson: r.summaryJson,
    'dm.method': dm?.method ?? null,
    'dm.thresholdsJson': dm ? JSON.stringify(dm.thresholds) : null,
    'dm.meddraVersion': dm?.meddraVersion ?? null,
    'dm.meddraLevel': dm?.meddraLevel ?? null,
    'dm.dataSource': dm?.dataSource ?? null,
    'dm.dataPeriod': dm?.dataPeriod ?? null,
    'dm.deduplication': dm?.deduplication ?? null,
    'dm.file': dm?.file ?? null,
    fingerprint,
    fingerprintParts: [...parts],
    // Kept on the node so a later re-ingest can say which outputs it had (the audit trail's old value).
    outputModelIds: [...r.outputModelIds].sort(),
  };
  const props = { ...runProps(storeKey, r) };
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined) props[k] = v;
  return {
    props,
    experimentNodeId: formatId(NodeType.EXPERIMENT, storeKey, r.experimentId),
    inputs: r.inputs.map((i) => ({ ...inputRow(storeKey, i), facts: inputFactsProps(i.datasetRecord) })),
  };
}

export function seriesRows(runNodeId: string, r: IngestRunRecord) {
  return r.metricHistory.map((s) => ({ runNodeId, key: s.key, steps: s.steps, timestamps: s.timestamps, values: s.values }));
}

/** Datasets of a batch, one per id (the last reader record wins, as for any upsert). */
export function datasetRows(runs: readonly IngestRunRecord[]) {
  const byId = new Map<string, DatasetRecord>();
  for (const r of runs) for (const i of r.inputs) byId.set(datasetId(i.datasetRecord), i.datasetRecord);
  return [...byId.values()];
}

/** A logged model's node properties (with its fingerprint) and the runs to link as its producers. */
export function loggedModelRow(storeKey: string, m: LoggedModelRecord, producers: readonly string[]): LoggedModelWrite {
  const time = (ms: number | null) => (ms === null ? null : toNeoDateTime(new Date(ms)));
  const props: Record<string, unknown> = {
    id: formatId(NodeType.LOGGED_MODEL, storeKey, m.modelId),
    storeKey,
    modelId: m.modelId,
    experimentId: m.experimentId,
    name: m.name,
    sourceRunId: m.sourceRunId,
    status: m.status,
    modelType: m.modelType,
    artifactLocation: m.artifactLocation,
    lifecycleStage: m.lifecycleStage,
    createdAt: time(m.createdAt),
    updatedAt: time(m.updatedAt),
    // One JSON text: a metric is keyed by dataset as well, and NaN, ±inf and −0.0 survive it.
    metricsJson: m.metrics.length > 0 ? JSON.stringify(m.metrics, numberExactReplacer) : null,
  };
  Object.assign(props, prefixed(PARAM_PREFIX, m.params), prefixed(TAG_PREFIX, m.tags));
  const runIds = new Set(producers);
  if (m.sourceRunId) runIds.add(m.sourceRunId);
  const runNodeIds = [...runIds].sort().map((id) => formatId(NodeType.RUN, storeKey, id));
  const parts = loggedModelFingerprintParts(m, runNodeIds);
  const fingerprint = loggedModelFingerprint(parts);
  Object.assign(props, { fingerprint, fingerprintParts: parts });
  return {
    row: { props: Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null && v !== undefined)), runNodeIds },
    fingerprint,
    parts,
  };
}
