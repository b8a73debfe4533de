import { type FieldDiff, type FieldValue, type FieldView, diffFieldViews, exactNumber, grouped } from './auditFieldDiff';
import { formatId } from './ids';
import { NodeType } from './nodeType';
import type { DetectionMethodRecord, IngestRunRecord, LatestMetricRecord } from './records';

/**
 * A run's audited content in one shape, whether it comes from an MLflow reader (the new state)
 * or from the graph before the rewrite (the old state), so both sides of a RUN_UPDATED are built
 * by the same rules. Times are ISO 8601 UTC with milliseconds, as the graph returns them.
 */
export interface RunFieldSource {
  readonly experimentId: string | null;
  readonly name: string | null;
  readonly status: string | null;
  readonly lifecycleStage: string | null;
  readonly startTime: string | null;
  readonly endTime: string | null;
  readonly deletedTime: string | null;
  readonly userId: string | null;
  readonly sourceName: string | null;
  readonly sourceType: string | null;
  readonly gitCommit: string | null;
  readonly artifactUri: string | null;
  readonly parentRunId: string | null;
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly latestMetrics: readonly LatestMetricRecord[];
  /** Points per metric key in the stored history. */
  readonly metricPoints: Readonly<Record<string, number>>;
  readonly inputs: readonly { readonly dataset: string; readonly context: string | null; readonly digest: string | null }[];
  /** Logged models the run lists as outputs; null when the graph does not know (written before it kept them). */
  readonly outputModelIds: readonly string[] | null;
  readonly summaryJson: string | null;
  readonly detectionMethod: DetectionMethodRecord | null;
}

/** The fingerprint parts (services/ingest/fingerprint.ts) and the fields each covers. */
export type RunFieldGroup = 'info' | 'params' | 'tags' | 'metrics' | 'inputs' | 'outputs' | 'sideFiles';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** What a reader delivered, in the shape both sides share. */
export function runFieldSourceOf(r: IngestRunRecord): RunFieldSource {
  return {
    experimentId: r.experimentId,
    name: r.name,
    status: r.status,
    lifecycleStage: r.lifecycleStage,
    startTime: iso(r.startTime),
    endTime: iso(r.endTime),
    deletedTime: iso(r.deletedTime),
    userId: r.userId,
    sourceName: r.sourceName,
    sourceType: r.sourceType,
    gitCommit: r.gitCommit,
    artifactUri: r.artifactUri,
    parentRunId: r.parentRunId,
    params: r.params,
    tags: r.tags,
    latestMetrics: r.latestMetrics,
    metricPoints: Object.fromEntries(r.metricHistory.map((s) => [s.key, s.steps.length])),
    inputs: r.inputs.map((i) => ({ dataset: formatId(NodeType.DATASET, i.dataset.namespace, i.dataset.name), context: i.context, digest: i.digest })),
    outputModelIds: r.outputModelIds,
    summaryJson: r.summaryJson,
    detectionMethod: r.detectionMethod,
  };
}

const INFO_FIELDS = [
  'experimentId', 'name', 'status', 'lifecycleStage', 'startTime', 'endTime', 'deletedTime',
  'userId', 'sourceName', 'sourceType', 'gitCommit', 'artifactUri', 'parentRunId',
] as const;

/**
 * The flat field map of the named groups: info fields by name, `params.<key>`, `tags.<key>`,
 * `metrics.<key>` (latest value, step and timestamp; NaN, ±inf and −0.0 as strings),
 * `metricPoints.<key>` (history length), `inputs` (sorted by dataset and context), `outputs`
 * (sorted logged model ids), `summaryJson` and `detectionMethod`.
 */
export function runFieldView(s: RunFieldSource, groups: readonly RunFieldGroup[]): FieldView {
  const view: Record<string, FieldValue> = {};
  const want = new Set(groups);
  if (want.has('info')) for (const f of INFO_FIELDS) view[f] = s[f];
  if (want.has('params')) Object.assign(view, grouped('params', s.params));
  if (want.has('tags')) Object.assign(view, grouped('tags', s.tags));
  if (want.has('metrics')) {
    for (const m of s.latestMetrics) view[`metrics.${m.key}`] = { value: exactNumber(m.value), step: m.step, timestamp: m.timestamp };
    Object.assign(view, grouped('metricPoints', s.metricPoints));
  }
  if (want.has('inputs')) {
    const key = (i: RunFieldSource['inputs'][number]) => `${i.dataset}\u0000${i.context ?? ''}`;
    view.inputs = [...s.inputs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((i) => ({ dataset: i.dataset, context: i.context || null, digest: i.digest }));
  }
  if (want.has('outputs')) view.outputs = s.outputModelIds === null ? null : [...s.outputModelIds].sort();
  if (want.has('sideFiles')) {
    view.summaryJson = s.summaryJson;
    view.detectionMethod = s.detectionMethod === null ? null : { ...s.detectionMethod, thresholds: { ...s.detectionMethod.thresholds } };
  }
  return view;
}

/**
 * What a re-ingest changed in a run, field by field, over the groups whose fingerprint part
 * changed (an unchanged group is not compared, so a run stored before a field was kept does not
 * show a change it did not have). Old and new fingerprint and lifecycle stage are always there.
 */
export function runFieldDiff(
  before: RunFieldSource,
  after: RunFieldSource,
  groups: readonly RunFieldGroup[],
  fingerprints: { readonly before: string | null; readonly after: string | null },
): FieldDiff {
  const diff = diffFieldViews(runFieldView(before, groups), runFieldView(after, groups));
  return {
    oldValue: { fingerprint: fingerprints.before, lifecycleStage: before.lifecycleStage, ...diff.oldValue },
    newValue: { fingerprint: fingerprints.after, lifecycleStage: after.lifecycleStage, ...diff.newValue },
    fields: diff.fields,
  };
}

/** A new run's audited content as created: every field of the named groups, bounded like a change's new side. */
export function runCreatedFields(after: RunFieldSource, groups: readonly RunFieldGroup[]): Record<string, FieldValue> {
  return diffFieldViews({}, runFieldView(after, groups)).newValue;
}
