/** One top-level field that an audited change altered, old → new, as JSON text. */
export interface FieldChange {
  readonly field: string;
  readonly oldValue: string | null;
  readonly newValue: string | null;
}

const show = (v: unknown): string | null => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Top-level differences between the old and new value, in field-name order. The API's audit
 * trail and the exporter's PDF both show changes this way, so an auditor reads the same lines
 * in either place.
 */
export function fieldChanges(oldValue: unknown, newValue: unknown): FieldChange[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(oldValue) && !isObj(newValue)) {
    return show(oldValue) === show(newValue) ? [] : [{ field: 'value', oldValue: show(oldValue), newValue: show(newValue) }];
  }
  const o = isObj(oldValue) ? oldValue : {};
  const n = isObj(newValue) ? newValue : {};
  return [...new Set([...Object.keys(o), ...Object.keys(n)])]
    .sort()
    .filter((k) => show(o[k]) !== show(n[k]))
    .map((k) => ({ field: k, oldValue: show(o[k]), newValue: show(n[k]) }));
}
