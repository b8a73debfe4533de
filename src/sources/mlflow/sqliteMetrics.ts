import type { LatestMetricRecord, MetricSeriesRecord } from '../../domain/records';
import type { SqliteSchema } from './sqliteSchema';
import { SeriesBuilder, fromSqliteValue } from './values';

export interface MetricsSignature {
  readonly latest: LatestMetricRecord[];
  readonly signature: string;
}

/** A series whose steps repeat is re-sorted by (step, timestamp, value); others are already in order. */
function sortIfTied(s: MetricSeriesRecord): MetricSeriesRecord {
  let tied = false;
  for (let i = 1; i < s.steps.length && !tied; i++) tied = s.steps[i] === s.steps[i - 1];
  if (!tied) return s;
  const b = new SeriesBuilder();
  s.steps.forEach((step, i) => b.add(s.key, step, s.timestamps[i], s.values[i]));
  return b.build()[0];
}

/**
 * Full metric histories of some runs, one series per key. The (run_uuid, key, step) index
 * delivers points in step order without a sort; only a series with repeated steps is then
 * sorted by (step, timestamp, value) in JS, like every other reader.
 */
export function readMetricHistories(schema: SqliteSchema, ids: readonly string[]): Map<string, MetricSeriesRecord[]> {
  const out = new Map<string, MetricSeriesRecord[]>();
  if (ids.length === 0) return out;
  const m = 'metrics';
  const step = schema.cols(m).has('step') ? 'step' : '0';
  const isNan = schema.cols(m).has('is_nan') ? 'is_nan' : '0';
  const sql = `SELECT run_uuid, key, value, timestamp, ${step}, ${isNan} FROM metrics WHERE run_uuid IN (${ids.map(() => '?').join(',')})
       ORDER BY run_uuid, key${step === 'step' ? ', step' : ''}`;
  let runId = '';
  let key = '';
  let cur: { key: string; steps: number[]; timestamps: number[]; values: number[] } | null = null;
  for (const r of schema.db.prepare(sql).raw().iterate(...ids) as IterableIterator<unknown[]>) {
    if (r[0] !== runId || r[1] !== key || cur === null) {
      runId = r[0] as string;
      key = r[1] as string;
      cur = { key, steps: [], timestamps: [], values: [] };
      let list = out.get(runId);
      if (!list) out.set(runId, (list = []));
      list.push(cur);
    }
    cur.steps.push(Number(r[4]));
    cur.timestamps.push(Number(r[3]));
    cur.values.push(fromSqliteValue(r[2] as number, r[5] === 1 || r[5] === '1'));
  }
  for (const list of out.values()) list.forEach((series, i) => (list[i] = sortIfTied(series)));
  return out;
}

/**
 * Per run: latest metrics from `latest_metrics` (MLflow maintains it on every log call) and a
 * signature of the history (per-key point count and max step, from a covering index), so an
 * unchanged run costs no scan of its points. `marks` is one `?` per id.
 */
export function readMetricSignatures(schema: SqliteSchema, ids: string[], marks: string): Map<string, MetricsSignature> {
  const out = new Map<string, { latest: LatestMetricRecord[]; parts: string[] }>();
  const entry = (id: string) => {
    let e = out.get(id);
    if (!e) out.set(id, (e = { latest: [], parts: [] }));
    return e;
  };
  const step = schema.cols('metrics').has('step') ? 'max(step)' : '0';
  for (const r of schema.db.prepare(`SELECT run_uuid, key, count(*), ${step} FROM metrics WHERE run_uuid IN (${marks}) GROUP BY run_uuid, key ORDER BY run_uuid, key`).raw().iterate(...ids) as IterableIterator<unknown[]>) {
    entry(r[0] as string).parts.push(`${String(r[1])}:${String(r[2])}:${String(r[3])}`);
  }
  const l = 'latest_metrics';
  const lstep = schema.cols(l).has('step') ? 'step' : '0';
  const lnan = schema.cols(l).has('is_nan') ? 'is_nan' : '0';
  for (const r of schema.db.prepare(`SELECT run_uuid, key, value, timestamp, ${lstep}, ${lnan} FROM latest_metrics WHERE run_uuid IN (${marks}) ORDER BY run_uuid, key`).raw().iterate(...ids) as IterableIterator<unknown[]>) {
    const value = fromSqliteValue(Number(r[2]), Number(r[5]) === 1);
    const rec = { key: String(r[1]), value, step: Number(r[4]), timestamp: Number(r[3]) };
    entry(r[0] as string).latest.push(rec);
    entry(r[0] as string).parts.push(`${rec.key}=${rec.step}/${rec.timestamp}/${Object.is(value, -0) ? '-0' : String(value)}`);
  }
  return new Map([...out].map(([id, e]) => [id, { latest: e.latest, signature: e.parts.join('|') }]));
}
