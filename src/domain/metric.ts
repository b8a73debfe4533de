/**
 * MLflow metric values may be NaN or ±infinity, which GraphQL's Float cannot carry. A value is
 * therefore a finite number or null plus a `special` marker; a non-finite point is never
 * dropped or zeroed.
 */
export enum MetricSpecial {
  NAN = 'NAN',
  POSITIVE_INFINITY = 'POSITIVE_INFINITY',
  NEGATIVE_INFINITY = 'NEGATIVE_INFINITY',
}

export interface MetricValue {
  readonly value: number | null;
  readonly special: MetricSpecial | null;
}

export function toMetricValue(raw: number): MetricValue {
  if (Number.isNaN(raw)) return { value: null, special: MetricSpecial.NAN };
  if (raw === Infinity) return { value: null, special: MetricSpecial.POSITIVE_INFINITY };
  if (raw === -Infinity) return { value: null, special: MetricSpecial.NEGATIVE_INFINITY };
  return { value: raw, special: null };
}

export interface MetricPoint extends MetricValue {
  readonly key: string;
  readonly step: number;
  /** Epoch milliseconds as MLflow logged it. */
  readonly timestamp: number;
}
