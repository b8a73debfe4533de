import { toNeoInt } from '../convert';
import type { GraphExecutor, Row } from '../executor';

/** The properties a hit is named, summarised and ranked by, in the order the statement returns them. */
export const FACT_KEYS = ['id', 'name', 'title', 'runId', 'modelId', 'version', 'status', 'stage', 'digest', 'period', 'drug', 'eventTerm', 'displayName', 'uri', 'datasetName', 'mlflowName', 'userId', 'namespace'] as const;

/**
 * Full-text search over two indexes: `lineage_search` (names, titles, run ids, digests, drug and
 * event terms, stages, users, MLflow dataset names; migration v0090) and `lineage_keys` (the ids
 * of reports and signals, which people type: `SDR-2024Q1`, `SIG-2024-001`). The Lucene query
 * text is a parameter built by the domain from escaped words, never spliced into Cypher; labels,
 * stores and statuses are list parameters.
 *
 * One statement answers the hits and the counts by label: candidates from both indexes (a node
 * found by both keeps its better score), filtered by store and status, counted per label, then
 * filtered by label and cut to `$fetch` by score for the service to rank.
 */
export const SEARCH = `
CALL () {
  CALL db.index.fulltext.queryNodes('lineage_search', $lucene, {limit: $cap}) YIELD node, score
  RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('lineage_keys', $keys, {limit: $cap}) YIELD node, score
  RETURN node, score
}
WITH node, max(score) AS score
WHERE ($storeKeys IS NULL OR node.storeKey IN $storeKeys)
  AND ($statuses IS NULL OR node.status IN $statuses OR node.stage IN $statuses)
WITH collect({node: node, score: score}) AS found
CALL (found) {
  UNWIND found AS h
  WITH h.node AS node, h.score AS score
  WHERE any(l IN labels(node) WHERE l IN $labels)
  WITH node, score ORDER BY score DESC, node.id LIMIT $fetch
  OPTIONAL MATCH (s:TrackingStore {storeKey: node.storeKey})
  RETURN collect([labels(node), score, [${FACT_KEYS.map((k) => `node.${k}`).join(', ')}], s.id, s.displayName]) AS hits
}
RETURN hits, size(found) AS total, [l IN $allLabels | [l, size([h IN found WHERE l IN labels(h.node)])]] AS counts`;


export interface SearchRow {
  readonly labels: string[];
  readonly score: number;
  readonly facts: Row;
  readonly storeId: string | null;
  readonly storeName: string | null;
}

export interface SearchAnswer {
  readonly hits: SearchRow[];
  /** Candidates found before the label filter, at most two caps. */
  readonly total: number;
  readonly counts: { readonly label: string; readonly count: number }[];
}

export interface SearchQuery {
  readonly lucene: string;
  /** The query for `lineage_keys` (ids of reports and signals). */
  readonly keys: string;
  readonly labels: readonly string[];
  readonly allLabels: readonly string[];
  readonly storeKeys: readonly string[] | null;
  readonly statuses: readonly string[] | null;
  readonly fetch: number;
  readonly cap: number;
}

export class SearchRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async search(q: SearchQuery): Promise<SearchAnswer> {
    const [row] = await this.graph.query('lineage.search', SEARCH, {
      lucene: q.lucene,
      keys: q.keys,
      labels: [...q.labels],
      allLabels: [...q.allLabels],
      storeKeys: q.storeKeys === null ? null : [...q.storeKeys],
      statuses: q.statuses === null ? null : [...q.statuses],
      fetch: toNeoInt(q.fetch),
      cap: toNeoInt(q.cap),
    });
    const hits = (row.hits as [string[], number, unknown[], string | null, string | null][]).map(([labels, score, values, storeId, storeName]) => {
      const facts: Row = {};
      FACT_KEYS.forEach((k, i) => {
        facts[k] = values[i];
      });
      return { labels, score, facts, storeId, storeName };
    });
    const counts = (row.counts as [string, unknown][]).map(([label, count]) => ({ label, count: Number(count) }));
    return { hits, total: Number(row.total), counts };
  }
}
