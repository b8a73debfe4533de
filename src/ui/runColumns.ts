/**
 * What the runs table shows and how it asks the API to sort: the param and metric columns of a
 * page, MLflow `order_by` terms for a sorted column, and durations in words.
 */

/** A run as the runs table reads it (`RUNS_PAGE` in queries.ts). */
export interface RunRow {
  id: string;
  runId: string;
  name: string | null;
  status: string;
  lifecycleStage: string;
  userId: string | null;
  startTime: string | null;
  endTime: string | null;
  experiment: { id: string; name: string; store: { id: string; displayName: string; uri: string } | null } | null;
  params: Record<string, string>;
  metrics: { key: string; value: number | null; special: string | null }[];
}

/** What a column sorts on, in MLflow's own terms; columns the API cannot sort by have none. */
export type SortKey = { readonly kind: 'attribute'; readonly key: SortableAttribute } | { readonly kind: 'metric' | 'param'; readonly key: string };

export interface SortState {
  readonly by: SortKey;
  readonly descending: boolean;
}

/** The run attributes MLflow's `order_by` (and so `RunOrder.search`) takes that the table shows. */
export const SORTABLE_ATTRIBUTES = ['run_name', 'status', 'user_id', 'start_time'] as const;
export type SortableAttribute = (typeof SORTABLE_ATTRIBUTES)[number];

/** Param and metric keys of the runs on a page, each sorted, so columns keep their place as pages change. */
export function columnKeys(rows: readonly RunRow[]): { params: string[]; metrics: string[] } {
  const params = new Set<string>();
  const metrics = new Set<string>();
  for (const r of rows) {
    for (const k of Object.keys(r.params)) params.add(k);
    for (const m of r.metrics) metrics.add(m.key);
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { params: sorted(params), metrics: sorted(metrics) };
}

/**
 * A key as MLflow's grammar reads it: in backticks, which keep slashes, spaces and dots in the
 * key (`features/set`); a key holding a backtick goes in double quotes instead.
 */
function quoteKey(key: string): string {
  return key.includes('`') ? `"${key}"` : `\`${key}\``;
}

/** The `RunOrder.search` term for a sorted column, e.g. ``metrics.`AUC_test` DESC``. */
export function orderTerm(sort: SortState): string {
  const entity = sort.by.kind === 'attribute' ? `attributes.${sort.by.key}` : `${sort.by.kind === 'metric' ? 'metrics' : 'params'}.${quoteKey(sort.by.key)}`;
  return `${entity} ${sort.descending ? 'DESC' : 'ASC'}`;
}

export const sameSortKey = (a: SortKey, b: SortKey): boolean => a.kind === b.kind && a.key === b.key;

/** The next sort after a column header is pressed: a new column starts descending (newest or best first), the same one flips. */
export function nextSort(current: SortState | null, by: SortKey): SortState {
  if (current && sameSortKey(current.by, by)) return { by, descending: !current.descending };
  return { by, descending: true };
}

/** How long a run took: `45 s`, `38 min`, `2 h 05 min`, `3 d 4 h`; `running` without an end, `—` without a start. */
export function formatDuration(startTime: string | null, endTime: string | null): string {
  if (!startTime) return '—';
  if (!endTime) return 'running';
  const ms = Date.parse(endTime) - Date.parse(startTime);
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const hours = Math.floor(min / 60);
  if (hours < 24) return `${hours} h ${String(min % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** A metric value for a cell: NaN and infinities by name, finite values to 4 significant digits. */
export function formatMetric(m: { value: number | null; special: string | null } | undefined): string {
  if (!m) return '';
  if (m.special === 'NAN') return 'NaN';
  if (m.special === 'POSITIVE_INFINITY') return '+∞';
  if (m.special === 'NEGATIVE_INFINITY') return '−∞';
  if (m.value === null) return '';
  if (Number.isInteger(m.value)) return String(m.value);
  const text = m.value.toPrecision(4);
  // Trailing zeros of a fraction say nothing; an exponent's zeros do.
  return text.includes('e') ? text : text.replace(/\.?0+$/, '');
}

/** A start time in UTC, to the second: `2024-04-02 09:15:00`. */
export const formatTime = (iso: string | null): string => (iso ? iso.replace('T', ' ').slice(0, 19) : '—');
