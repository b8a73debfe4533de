import type { NumericComparator, RunSearchCondition, RunSortKey, RunSortTerm, StringAttribute, TimeAttribute } from '../../domain/runSearch/ast';
import { likeToRegex } from '../../domain/runSearch/likePattern';
import { METRIC_PREFIX, PARAM_PREFIX, TAG_PREFIX } from '../../domain/runProperties';

/**
 * Cypher for MLflow filter and order-by strings. The text is assembled from the fixed fragments
 * below, numbered by the condition's position; every key (the node property it names) and every
 * value is a `$parameter`, and comparators and directions come from closed tables, so nothing a
 * client wrote is ever part of the statement.
 */

/** The node property behind each MLflow attribute. */
const ATTRIBUTE_PROPERTY: Readonly<Record<StringAttribute | TimeAttribute, string>> = {
  run_id: 'runId',
  run_name: 'name',
  status: 'status',
  user_id: 'userId',
  artifact_uri: 'artifactUri',
  start_time: 'startTime',
  end_time: 'endTime',
};

const CYPHER_COMPARATOR: Readonly<Record<NumericComparator, string>> = { '=': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

const ENTITY_PREFIX = { metric: METRIC_PREFIX, param: PARAM_PREFIX, tag: TAG_PREFIX } as const;

function propertyOf(key: RunSortKey): string {
  return key.kind === 'string-attribute' || key.kind === 'time-attribute' ? ATTRIBUTE_PROPERTY[key.key] : ENTITY_PREFIX[key.kind] + key.key;
}

// MLflow compares a metric's latest value; NaN satisfies only `!=`, and a run without the
// metric satisfies nothing.
const metricNotEqual = (k: string, v: string) => `(${k} IS NOT NULL AND (isNaN(${k}) OR ${k} <> ${v}))`;
const metricCompare = (k: string, op: string, v: string) => `(NOT isNaN(${k}) AND ${k} ${op} ${v})`;
// A run without the key never matches a comparison, `!=` and NOT IN included.
const stringCompare = (k: string, op: string, v: string) => `${k} ${op} ${v}`;
const stringNotIn = (k: string, v: string) => `(${k} IS NOT NULL AND NOT ${k} IN ${v})`;
const timeCompare = (k: string, op: string, v: string) => `${k}.epochMillis ${op} ${v}`;

export interface CompiledRunSearch {
  /** Conditions to AND onto the run match, each on `r`. */
  readonly conditions: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
}

/** One WHERE condition per comparison, with its key as `$sk<i>` and its value as `$sv<i>`. */
export function compileRunSearch(search: readonly RunSearchCondition[]): CompiledRunSearch {
  const params: Record<string, unknown> = {};
  const conditions = search.map((c, i) => {
    const k = `r[$sk${i}]`;
    const v = `$sv${i}`;
    params[`sk${i}`] = propertyOf(c);
    switch (c.kind) {
      case 'metric':
        params[`sv${i}`] = c.value;
        return c.op === '!=' ? metricNotEqual(k, v) : metricCompare(k, CYPHER_COMPARATOR[c.op], v);
      case 'time-attribute':
        params[`sv${i}`] = c.value;
        return timeCompare(k, CYPHER_COMPARATOR[c.op], v);
      default:
        if (c.op === 'IS NULL') return `${k} IS NULL`;
        if (c.op === 'IS NOT NULL') return `${k} IS NOT NULL`;
        if (c.op === 'IN' || c.op === 'NOT IN') {
          params[`sv${i}`] = [...c.values];
          return c.op === 'IN' ? stringCompare(k, 'IN', v) : stringNotIn(k, v);
        }
        if (c.op === 'LIKE' || c.op === 'ILIKE') {
          params[`sv${i}`] = likeToRegex(c.value, c.op === 'ILIKE');
          return stringCompare(k, '=~', v);
        }
        params[`sv${i}`] = (c as { readonly value: string }).value;
        return stringCompare(k, c.op === '=' ? '=' : '<>', v);
    }
  });
  return { conditions, params };
}

/**
 * MLflow's order: each term in turn, values first, then NaN (metrics), then runs without the
 * key, whichever the direction; then start time, newest first and missing last (unless a term
 * sorts on it), then MLflow's run id; the typed id breaks the last tie between stores.
 */
export function compileRunOrder(terms: readonly RunSortTerm[]): { orderBy: string; params: Readonly<Record<string, unknown>> } {
  const params: Record<string, unknown> = {};
  const parts = terms.flatMap((t, i) => {
    params[`ok${i}`] = propertyOf(t);
    const k = `r[$ok${i}]`;
    const direction = t.ascending ? 'ASC' : 'DESC';
    if (t.kind === 'metric') {
      return [`CASE WHEN ${k} IS NULL THEN 2 WHEN isNaN(${k}) THEN 1 ELSE 0 END`, `CASE WHEN isNaN(${k}) THEN null ELSE ${k} END ${direction}`];
    }
    return [`${k} IS NULL`, `${t.kind === 'time-attribute' ? `${k}.epochMillis` : k} ${direction}`];
  });
  if (!terms.some((t) => t.kind === 'time-attribute' && t.key === 'start_time')) parts.push('r.startTime IS NULL', 'r.startTime DESC');
  parts.push('r.runId', 'r.id');
  return { orderBy: `ORDER BY ${parts.join(', ')}`, params };
}
