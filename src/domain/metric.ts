/**
 * MLflow metric values may be NaN or ±infinity, which GraphQL's Float cannot carry, or −0.0,
 * whose sign JSON drops (`JSON.stringify(-0)` is `"0"`). A value is therefore a number or null
 * plus a `special` marker; a non-finite point is never dropped or zeroed, and −0.0 is
 * `value: 0, special: NEGATIVE_ZERO`, so a client that ignores `special` still reads zero.
 */
export enum MetricSpecial {
  NAN = 'NAN',
  POSITIVE_INFINITY = 'POSITIVE_INFINITY',
  NEGATIVE_INFINITY = 'NEGATIVE_INFINITY',
  NEGATIVE_ZERO = 'NEGATIVE_ZERO',
}

export interface MetricValue {
  readonly value: number | null;
  readonly special: MetricSpecial | null;
}

export function toMetricValue(raw: number): MetricValue {
  if (Number.isNaN(raw)) return { value: null, special: MetricSpecial.NAN };
  if (raw === Infinity) return { value: null, special: MetricSpecial.POSITIVE_INFINITY };
  if (raw === -Infinity) return { value: null, special: MetricSpecial.NEGATIVE_INFINITY };
  if (Object.is(raw, -0)) return { value: 0, special: MetricSpecial.NEGATIVE_ZERO };
  return { value: raw, special: null };
}

/**
 * A JSON.stringify replacer that keeps what JSON numbers lose: NaN and ±inf become the strings
 * "NaN", "Infinity", "-Infinity", and −0.0 becomes "-0" (so hashes and stored JSON tell it from 0).
 */
export function numberExactReplacer(_key: string, v: unknown): unknown {
  if (typeof v !== 'number') return v;
  if (!Number.isFinite(v)) return String(v);
  return Object.is(v, -0) ? '-0' : v;
}

/** The inverse of `numberExactReplacer` for one value: "NaN", "Infinity", "-Infinity" and "-0" back to numbers. */
export function numberFromExact(v: unknown): number {
  if (v === '-0') return -0;
  return typeof v === 'string' ? Number(v) : (v as number);
}

export interface MetricPoint extends MetricValue {
  readonly key: string;
  readonly step: number;
  /** Epoch milliseconds as MLflow logged it. */
  readonly timestamp: number;
}
