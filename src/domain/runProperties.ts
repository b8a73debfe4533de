/**
 * A run's params, tags and latest metrics are stored as prefixed node properties so that
 * Cypher can filter and sort on one of them by a `$parameter` key (`r[$key]`) without ever
 * splicing user text into a query.
 */
export const PARAM_PREFIX = 'p.';
export const TAG_PREFIX = 't.';
export const METRIC_PREFIX = 'm.';
export const METRIC_STEP_PREFIX = 'ms.';
export const METRIC_TIME_PREFIX = 'mt.';

/** Collects the entries of `props` whose key starts with `prefix`, with the prefix removed, sorted by key. */
export function withPrefix<T>(props: Readonly<Record<string, unknown>>, prefix: string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(props).filter((k) => k.startsWith(prefix)).sort()) {
    out[key.slice(prefix.length)] = props[key] as T;
  }
  return out;
}

export function prefixed(prefix: string, entries: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entries)) out[prefix + k] = v;
  return out;
}
