import { createHash } from 'node:crypto';
import { numberExactReplacer } from '../../domain/metric';
import type { IngestRunRecord } from '../../domain/records';

/** The parts of a run compared separately, so a change record can say what changed. */
export const FINGERPRINT_PARTS = ['info', 'params', 'tags', 'metrics', 'inputs', 'outputs', 'sideFiles'] as const;

const h = () => createHash('sha256');

function jsonHash(value: unknown): string {
  return h().update(JSON.stringify(value, numberExactReplacer)).digest('base64').slice(0, 22);
}

function sortedEntries(m: Readonly<Record<string, string>>): [string, string][] {
  return Object.keys(m).sort().map((k) => [k, m[k]]);
}

/**
 * A content fingerprint per part of a run. Metric histories are hashed as raw float64 bytes
 * (NaN and ±inf included), which is far cheaper than serialising millions of points.
 */
export function runFingerprintParts(r: IngestRunRecord): string[] {
  const metrics = h();
  if (r.metricsSignature !== null) metrics.update(`sig:${r.metricsSignature}`);
  else for (const s of r.metricHistory) {
    metrics.update(s.key).update('\u0000');
    metrics.update(new Uint8Array(Float64Array.from(s.steps).buffer));
    metrics.update(new Uint8Array(Float64Array.from(s.timestamps).buffer));
    metrics.update(new Uint8Array(Float64Array.from(s.values).buffer));
  }
  return [
    jsonHash([r.experimentId, r.name, r.status, r.lifecycleStage, r.startTime, r.endTime, r.userId, r.sourceName, r.sourceType, r.gitCommit, r.artifactUri, r.deletedTime, r.parentRunId]),
    jsonHash(sortedEntries(r.params)),
    jsonHash(sortedEntries(r.tags)),
    metrics.digest('base64').slice(0, 22),
    jsonHash(r.inputs.map((i) => [i.datasetRecord, i.digest, i.context])),
    jsonHash(r.outputModelIds),
    jsonHash([r.summaryJson, r.detectionMethod]),
  ];
}

export function combineFingerprint(parts: readonly string[]): string {
  return h().update(parts.join('|')).digest('hex').slice(0, 32);
}

/** Names of the parts that differ between the stored and the new fingerprint. */
export function changedParts(before: readonly string[] | null, after: readonly string[]): string[] {
  if (!before) return [...FINGERPRINT_PARTS];
  return FINGERPRINT_PARTS.filter((_, i) => before[i] !== after[i]);
}
