import { fromUri } from '../../domain/datasetNaming';
import { numberExactReplacer } from '../../domain/metric';
import type { DatasetRecord, LatestMetricRecord, LoggedModelMetricRecord, MetricSeriesRecord } from '../../domain/records';
import { mlflowSchemaValue } from '../../domain/schemaFields';

/** The largest double: MLflow's SQL stores write ±inf as ±DBL_MAX (see scripts/mlflow/README.md). */
export const DBL_MAX = 1.7976931348623157e308;

/**
 * How each reader turns a stored metric value into the number MLflow's client reports.
 * - `file`: the text MLflow wrote (`inf`, `-0.0`, `5e-324`, …) parsed exactly.
 * - `sqlite`: the REAL as stored, NaN from `is_nan`. MLflow writes ±inf there as ±DBL_MAX and
 *   `MlflowClient` returns ±DBL_MAX, so ±DBL_MAX stays ±DBL_MAX; a true ±inf that another
 *   writer put in the column (SQLite keeps infinities natively) is read as ±inf.
 * - `sqlNoInfinity`: SQL backends whose DOUBLE cannot hold infinity (MySQL, SQL Server) reached
 *   through a server, where ±DBL_MAX is read as the infinity it stands for.
 */
export type ValueStoreKind = 'file' | 'sqlite' | 'sqlNoInfinity';

/** A stored value read the way `kind` keeps it (see ValueStoreKind). */
export function storedMetricValue(kind: ValueStoreKind, value: number, isNan: boolean): number {
  if (isNan) return NaN;
  if (kind === 'sqlNoInfinity' && Math.abs(value) === DBL_MAX) return value > 0 ? Infinity : -Infinity;
  return value;
}

/** Parses a metric value as MLflow writes it: `nan`, `inf`, `-inf`, `NaN`, `Infinity` or a number. */
export function parseMetricValue(raw: string | number): number | null {
  if (typeof raw === 'number') return raw;
  const t = raw.trim().toLowerCase();
  if (t === 'nan' || t === '-nan') return NaN;
  if (t === 'inf' || t === '+inf' || t === 'infinity' || t === '+infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

/** The `sqlNoInfinity` rule: ±DBL_MAX read back as the infinity MLflow was given. */
export function fromSqlValue(value: number, isNan: boolean): number {
  return storedMetricValue('sqlNoInfinity', value, isNan);
}

/** The `sqlite` rule: values as stored, NaN from `is_nan`. */
export function fromSqliteValue(value: number, isNan: boolean): number {
  return storedMetricValue('sqlite', value, isNan);
}

const RUN_STATUS = ['', 'RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];
const SOURCE_TYPE: Record<number, string> = { 1: 'NOTEBOOK', 2: 'JOB', 3: 'PROJECT', 4: 'LOCAL', 1000: 'UNKNOWN' };

/** File-store meta.yaml writes the RunStatus enum number; other stores write its name. */
export function runStatusName(raw: unknown): string {
  if (typeof raw === 'number') return RUN_STATUS[raw] ?? 'RUNNING';
  if (typeof raw === 'string' && raw.length > 0) return /^\d+$/.test(raw) ? (RUN_STATUS[Number(raw)] ?? 'RUNNING') : raw;
  return 'RUNNING';
}

export function sourceTypeName(raw: unknown): string | null {
  if (typeof raw === 'number') return SOURCE_TYPE[raw] ?? null;
  if (typeof raw === 'string' && raw.length > 0) return /^\d+$/.test(raw) ? (SOURCE_TYPE[Number(raw)] ?? null) : raw;
  return null;
}

/** The stored integers (file and SQL stores) and the REST API's proto names, as MlflowClient names each. */
const LOGGED_MODEL_STATUS: Record<string, string> = {
  '0': 'UNSPECIFIED',
  '1': 'PENDING',
  '2': 'READY',
  '3': 'FAILED',
  LOGGED_MODEL_STATUS_UNSPECIFIED: 'UNSPECIFIED',
  LOGGED_MODEL_PENDING: 'PENDING',
  LOGGED_MODEL_READY: 'READY',
  LOGGED_MODEL_UPLOAD_FAILED: 'FAILED',
};

export function loggedModelStatusName(raw: unknown): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const s = String(raw);
  return LOGGED_MODEL_STATUS[s] ?? s.replace(/^LOGGED_MODEL_/, '');
}

/** Orders by (step, timestamp, value) as MLflow's get_metric_history does; NaN sorts last. */
function comparePoints(a: [number, number, number], b: [number, number, number]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  const an = Number.isNaN(a[2]);
  const bn = Number.isNaN(b[2]);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a[2] === b[2] ? 0 : a[2] < b[2] ? -1 : 1;
}

/** Collects points into one sorted series per key, keys in order. */
export class SeriesBuilder {
  private readonly points = new Map<string, [number, number, number][]>();

  add(key: string, step: number, timestamp: number, value: number): void {
    let list = this.points.get(key);
    if (!list) this.points.set(key, (list = []));
    list.push([step, timestamp, value]);
  }

  build(): MetricSeriesRecord[] {
    return [...this.points.keys()].sort().map((key) => {
      const list = (this.points.get(key) as [number, number, number][]).sort(comparePoints);
      return { key, steps: list.map((p) => p[0]), timestamps: list.map((p) => p[1]), values: list.map((p) => p[2]) };
    });
  }
}

/** The latest point of each series: the last by (step, timestamp, value), as MLflow picks it. */
export function latestOf(series: readonly MetricSeriesRecord[]): LatestMetricRecord[] {
  return series
    .filter((s) => s.steps.length > 0)
    .map((s) => {
      const i = s.steps.length - 1;
      return { key: s.key, step: s.steps[i], timestamp: s.timestamps[i], value: s.values[i] };
    });
}

const byText = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

/**
 * A logged model's latest point per key, dataset name and dataset digest, picked by (step,
 * timestamp, value) as MLflow's file store does (its SQL stores return every point), ordered by
 * key, dataset name, dataset digest (none first).
 */
export function latestModelMetrics(points: readonly LoggedModelMetricRecord[]): LoggedModelMetricRecord[] {
  const latest = new Map<string, LoggedModelMetricRecord>();
  for (const p of points) {
    const group = JSON.stringify([p.key, p.datasetName, p.datasetDigest]);
    const held = latest.get(group);
    if (!held || comparePoints([held.step, held.timestamp, held.value], [p.step, p.timestamp, p.value]) < 0) latest.set(group, p);
  }
  return [...latest.values()].sort((a, b) => byText(a.key, b.key) || byText(a.datasetName, b.datasetName) || byText(a.datasetDigest, b.datasetDigest));
}

/**
 * Python's json module writes bare `NaN`, `Infinity` and `-Infinity`, which JSON.parse rejects.
 * They are replaced, outside string literals only, by marker strings that `reviveSpecial`
 * turns back into numbers.
 */
export function parseLenientJson(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const rest = text.slice(i, i + 9);
    if (rest.startsWith('NaN')) {
      out += '"\\u0000NaN"';
      i += 2;
    } else if (rest.startsWith('-Infinity')) {
      out += '"\\u0000-Infinity"';
      i += 8;
    } else if (rest.startsWith('Infinity')) {
      out += '"\\u0000Infinity"';
      i += 7;
    } else out += c;
  }
  return JSON.parse(out, (_k, v: unknown) => (typeof v === 'string' && v.startsWith('\u0000') ? Number(v.slice(1)) : v));
}

/** JSON text in which non-finite numbers are the strings "NaN", "Infinity", "-Infinity" and −0.0 is "-0". */
export function stringifyWithSpecials(value: unknown): string {
  return JSON.stringify(value, numberExactReplacer);
}

/**
 * Dataset identity follows the OpenLineage naming spec (`domain/datasetNaming.ts`), so an MLflow
 * source and an OpenLineage producer meet on one node. A dataset whose source names no location
 * is named `<name>@<digest>` in the store's own namespace `mlflow:<storeKey>`.
 */
export function datasetIdentity(
  storeKey: string,
  d: { name: string; digest: string | null; sourceType: string | null; source: string | null },
): { namespace: string; name: string } {
  const uri = sourceUri(d.source);
  const located = uri ? fromUri(uri) : null;
  return located ?? { namespace: `mlflow:${storeKey}`, name: d.digest ? `${d.name}@${d.digest}` : d.name };
}

/** MLflow's dataset source is JSON: `{"uri": …}` for s3/local, `{"url": …}` for http. */
export function sourceUri(source: string | null): string | null {
  if (!source) return null;
  try {
    const parsed = JSON.parse(source) as Record<string, unknown>;
    const v = parsed.uri ?? parsed.url ?? parsed.path;
    return typeof v === 'string' && v.length > 0 ? v : null;
  } catch {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? source : null;
  }
}

export function datasetRecord(
  storeKey: string,
  d: { name: string; digest: string | null; sourceType: string | null; source: string | null; schema: string | null; profile?: string | null },
): DatasetRecord {
  const ref = datasetIdentity(storeKey, d);
  const schema = mlflowSchemaValue(d.schema);
  return {
    ...ref,
    digest: d.digest,
    source: sourceUri(d.source) ?? d.source,
    sourceType: d.sourceType,
    period: /(\d{4}Q[1-4])/.exec(d.name)?.[1] ?? null,
    schema,
    mlflow: { name: d.name, digest: d.digest, sourceType: d.sourceType, source: d.source, schema: d.schema, profile: d.profile ?? null },
  };
}

/** `models:/m-…` sources name the logged model a version was registered from. */
export function modelIdFromSource(source: string | null): string | null {
  const m = source ? /^models:\/(m-[0-9a-f]+)/.exec(source) : null;
  return m ? m[1] : null;
}
