import type { Row } from './executor';

/**
 * Batch reads return one entry per requested key, in key order, with null (or an empty list)
 * for a key that matched nothing: the contract DataLoader relies on.
 */
export function oneByKey<T>(rows: readonly Row[], keys: readonly string[], map: (node: Row) => T): (T | null)[] {
  const found = new Map<string, T>();
  for (const r of rows) found.set(String(r.key), map(r.node as Row));
  return keys.map((k) => found.get(k) ?? null);
}

export function manyByKey<T>(rows: readonly Row[], keys: readonly string[], map: (node: Row) => T): T[][] {
  const found = new Map<string, T[]>();
  for (const r of rows) {
    const list = found.get(String(r.key)) ?? [];
    list.push(map(r.node as Row));
    found.set(String(r.key), list);
  }
  return keys.map((k) => found.get(k) ?? []);
}

/** Rows of `key, related` (one per key that exists): each key's value, `missing` for absent keys. */
export function relatedByKey<T>(rows: readonly Row[], keys: readonly string[], map: (related: unknown) => T, missing: T): T[] {
  const found = new Map<string, T>();
  for (const r of rows) found.set(String(r.key), map(r.related));
  return keys.map((k) => (found.has(k) ? (found.get(k) as T) : missing));
}
