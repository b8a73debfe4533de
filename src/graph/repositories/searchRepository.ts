import { toNeoInt } from '../convert';
import type { GraphExecutor, Row } from '../executor';
import { SEARCHED_LABELS } from '../../domain/searchText';

/** The properties a hit is named, summarised and ranked by, in the order the statement returns them. */
export const FACT_KEYS = ['id', 'name', 'title', 'runId', 'modelId', 'version', 'status', 'stage', 'digest', 'period', 'drug', 'eventTerm', 'displayName', 'uri', 'datasetName', 'mlflowName', 'userId', 'namespace'] as const;

const PASSES_FILTERS = (n: string) => `($storeKeys IS NULL OR ${n}.storeKey IN $storeKeys)
  AND ($statuses IS NULL OR ${n}.status IN $statuses OR ${n}.stage IN $statuses)`;

/** The larger of two scores, either of which may be null. */
const larger = (a: string, b: string) => `CASE WHEN ${b} IS NULL OR ${a} > ${b} THEN ${a} ELSE ${b} END`;

/**
 * What Lucene adds to a node's score for the fragment clause of `luceneQuery`: each fragment is a
 * wildcard over every indexed property, and each property it matches adds 1 (a wildcard scores
 * constantly); nothing unless every fragment matches, as the clause requires them all.
 */
const FRAGMENT_SCORE = `CASE WHEN t IS NOT NULL AND all(p IN $patterns WHERE t.text CONTAINS p)
  THEN toFloat(reduce(s = 0, p IN $patterns | s + size([line IN split(t.text, '\n') WHERE line CONTAINS p]))) ELSE 0.0 END`;

/** The node a fragment text describes, by its label (from the closed list) and id. */
const NODE_OF_TEXT = SEARCHED_LABELS.map((l) => `WITH t WHERE t.label = '${l}' MATCH (n:${l} {id: t.id}) RETURN n`).join('\n        UNION ALL\n        ');

/** Words and prefixes do not fill the page: fragments are searched too. */
const WORDS_FALL_SHORT = `$patterns IS NOT NULL AND size(words) < $cap AND size([h IN words WHERE any(l IN labels(h.node) WHERE l IN $labels)]) < $size`;

/**
 * Search over two full-text indexes, `lineage_search` (names, titles, run ids, digests, drug and
 * event terms, stages, users, MLflow dataset names; migration v0090) and `lineage_keys` (the ids
 * of reports and signals, which people type: `SDR-2024Q1`, `SIG-2024-001`), and, when their
 * words and prefixes fill less than the page (`$size` hits of the wanted labels), the fragment
 * index (`SearchText`, migration v0105). The Lucene query texts are parameters built by the
 * domain from escaped words, never spliced into Cypher; labels, stores and statuses are list
 * parameters.
 *
 * Fragments come from the TEXT index, not from Lucene's leading wildcards, which walk the whole
 * term dictionary; each node is scored as Lucene scores `luceneQuery(text)` with its fragment
 * clause: its words score plus `FRAGMENT_SCORE`, or its key score where that is higher. The
 * words are searched once, so a page that fragments fill costs one words search, not two; and
 * not at all when some word begins no word of any node (`$wordStarts`, looked up in the same
 * TEXT index): the whole-word and the prefix clause both require every word, and a prefix that
 * matches many terms (`00*` over every run id) costs Lucene nearly as much as a walk.
 *
 * One statement answers the hits and the counts by label: candidates (a node found by several
 * ways keeps its best score), filtered by store and status, counted per label, then filtered by
 * label and cut to `$fetch` by score for the service to rank.
 */
export const SEARCH = `
CALL () {
  WITH 1 AS one WHERE all(w IN $wordStarts WHERE EXISTS { MATCH (t:SearchText) WHERE t.text CONTAINS w })
  CALL db.index.fulltext.queryNodes('lineage_search', $lucene, {limit: $cap}) YIELD node, score
  RETURN node, score AS byWord, null AS byKey
  UNION ALL
  CALL db.index.fulltext.queryNodes('lineage_keys', $keys, {limit: $cap}) YIELD node, score
  RETURN node, null AS byWord, score AS byKey
}
WITH node, max(byWord) AS byWord, max(byKey) AS byKey
WHERE ${PASSES_FILTERS('node')}
WITH collect({node: node, byWord: byWord, byKey: byKey}) AS words
CALL (words) {
  WITH words WHERE NOT coalesce(${WORDS_FALL_SHORT}, false)
  RETURN [h IN words | {node: h.node, score: ${larger('h.byWord', 'h.byKey')}}] AS found
  UNION ALL
  WITH words WHERE ${WORDS_FALL_SHORT}
  CALL (words) {
    UNWIND words AS h
    RETURN h.node AS node, h.byWord AS byWord, h.byKey AS byKey
    UNION ALL
    MATCH (t:SearchText) WHERE t.text CONTAINS $seek
    WITH t WHERE all(p IN $patterns WHERE t.text CONTAINS p)
    CALL (t) {
        ${NODE_OF_TEXT}
    }
    WITH n LIMIT $cap
    WITH n WHERE ${PASSES_FILTERS('n')}
    RETURN n AS node, null AS byWord, null AS byKey
  }
  WITH node, max(byWord) AS byWord, max(byKey) AS byKey
  OPTIONAL MATCH (t:SearchText {id: node.id})
  WITH node, byWord, byKey, ${FRAGMENT_SCORE} AS inner
  WITH node, CASE WHEN byWord IS NULL AND inner = 0.0 THEN byKey ELSE coalesce(byWord, 0.0) + inner END AS byText, byKey
  RETURN collect({node: node, score: ${larger('byText', 'byKey')}}) AS found
}
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
  /** Each word of the text after a space (`wordStarts`): `lucene` can match only if every one begins a word of some node. */
  readonly wordStarts: readonly string[];
  /** The hits of the wanted labels that words and prefixes must give for fragments to be skipped. */
  readonly size: number;
  /** Fragments to search when words fall short (`fragmentPatterns`), through the `SearchText` index; `lucene` holds words and prefixes only. */
  readonly fragments: { readonly patterns: readonly string[]; readonly seek: string } | null;
}

export class SearchRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async search(q: SearchQuery): Promise<SearchAnswer> {
    const [row] = await this.graph.query('lineage.search', SEARCH, {
      patterns: q.fragments === null ? null : [...q.fragments.patterns],
      seek: q.fragments?.seek ?? null,
      size: toNeoInt(q.size),
      wordStarts: [...q.wordStarts],
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
