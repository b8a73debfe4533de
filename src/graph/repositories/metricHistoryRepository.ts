import type { MetricPoint } from '../../domain/metric';
import { toMetricValue } from '../../domain/metric';
import type { GraphExecutor, Row } from '../executor';

/** Histories of several (run, key) pairs in one round trip; the arrays are already in step order. */
export const METRIC_SERIES_BY_KEYS = `
UNWIND $keys AS k
MATCH (m:MetricSeries {runNodeId: k.run, key: k.key})
RETURN k.run + '|' + k.key AS key, m.steps AS steps, m.timestamps AS timestamps, m.values AS values`;

export interface SeriesKey {
  readonly runNodeId: string;
  readonly key: string;
}

export class MetricHistoryRepository {
  constructor(private readonly graph: GraphExecutor) {}

  /** One list per requested key, in key order; an unknown run or metric gives an empty list. */
  async histories(keys: readonly SeriesKey[]): Promise<MetricPoint[][]> {
    const rows = await this.graph.query('run.metricHistory', METRIC_SERIES_BY_KEYS, {
      keys: keys.map((k) => ({ run: k.runNodeId, key: k.key })),
    });
    const byKey = new Map<string, Row>(rows.map((r) => [String(r.key), r]));
    return keys.map((k) => {
      const r = byKey.get(`${k.runNodeId}|${k.key}`);
      if (!r) return [];
      const steps = r.steps as number[];
      const timestamps = r.timestamps as number[];
      const values = r.values as number[];
      return steps.map((step, i) => ({ key: k.key, step, timestamp: timestamps[i], ...toMetricValue(values[i]) }));
    });
  }
}
