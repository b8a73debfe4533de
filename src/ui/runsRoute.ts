import { DomainError } from '../domain/errors';
import { parseIdOf } from '../domain/ids';
import { NodeType } from '../domain/nodeType';
import { MAX_COMPARE } from './runCompare';
import { SORTABLE_ATTRIBUTES, type SortKey, type SortState, type SortableAttribute } from './runColumns';

/**
 * The runs view's part of the address (`?view=runs&filter=…&sort=metric:AUC_test&order=desc`,
 * plus `compare=<run id>` once per run compared), so a filtered, sorted table or a comparison
 * can be bookmarked and shared like a lineage view.
 */
export interface RunsRoute {
  /** An MLflow filter string; empty for every run. */
  readonly filter: string;
  /** Null for the API's default order (newest start first). */
  readonly sort: SortState | null;
  /** Typed run ids to compare; empty for the table. */
  readonly compare: readonly string[];
}

export const EMPTY_ROUTE: RunsRoute = { filter: '', sort: null, compare: [] };

/** Whether the address asks for the runs view at all. */
export const isRunsAddress = (search: string): boolean => new URLSearchParams(search).get('view') === 'runs';

function sortKey(text: string): SortKey | null {
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon);
  const key = text.slice(colon + 1);
  if (colon < 0 || key === '') return null;
  if (kind === 'attribute') return (SORTABLE_ATTRIBUTES as readonly string[]).includes(key) ? { kind, key: key as SortableAttribute } : null;
  if (kind === 'metric' || kind === 'param') return { kind, key };
  return null;
}

/** Reads the runs view's parameters; bad ones fall back and are reported, one sentence each. */
export function parseRunsRoute(search: string): { route: RunsRoute; problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const sortText = params.get('sort');
  let sort: SortState | null = null;
  if (sortText) {
    const by = sortKey(sortText);
    if (by) sort = { by, descending: params.get('order') !== 'asc' };
    else problems.push(`The table cannot sort by "${sortText}"; it sorts by run name, status, user, start time, a param or a metric.`);
  }
  const compare: string[] = [];
  for (const id of params.getAll('compare')) {
    try {
      parseIdOf(NodeType.RUN, id, 'compare');
      if (!compare.includes(id)) compare.push(id);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      problems.push(`"${id}" in the address is not a run id, so it is not compared.`);
    }
  }
  if (compare.length > MAX_COMPARE) {
    problems.push(`The address names ${compare.length} runs to compare; the first ${MAX_COMPARE} are compared.`);
    compare.length = MAX_COMPARE;
  }
  return { route: { filter: params.get('filter') ?? '', sort, compare }, problems };
}

/** The query string of a runs route; empty parts are left out. */
export function formatRunsRoute(route: RunsRoute): string {
  const params = new URLSearchParams({ view: 'runs' });
  if (route.filter.trim() !== '') params.set('filter', route.filter);
  if (route.sort) {
    params.set('sort', `${route.sort.by.kind}:${route.sort.by.key}`);
    params.set('order', route.sort.descending ? 'desc' : 'asc');
  }
  for (const id of route.compare) params.append('compare', id);
  return `?${params.toString()}`;
}
