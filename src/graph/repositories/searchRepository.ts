import { labelOf, type NodeType } from '../../domain/nodeType';
import { toNeoInt } from '../convert';
import type { GraphExecutor, Row } from '../executor';

/**
 * Full-text search over the `lineage_search` index (migration v0020). The Lucene query text is a
 * parameter built by the service from escaped words, never spliced into Cypher; the label filter
 * is a list parameter of labels taken from NodeType.
 */
export const SEARCH = `
CALL db.index.fulltext.queryNodes('lineage_search', $lucene, {limit: $fetch}) YIELD node, score
WHERE any(l IN labels(node) WHERE l IN $labels)
WITH node, score ORDER BY score DESC, node.id LIMIT $first
RETURN labels(node) AS labels, score,
       [node.id, node.name, node.title, node.runId, node.modelId, node.version, node.status, node.stage, node.digest, node.period, node.drug, node.eventTerm, node.displayName, node.uri, node.datasetName] AS facts`;

const KEYS = ['id', 'name', 'title', 'runId', 'modelId', 'version', 'status', 'stage', 'digest', 'period', 'drug', 'eventTerm', 'displayName', 'uri', 'datasetName'];

export interface SearchRow {
  readonly labels: string[];
  readonly score: number;
  readonly facts: Row;
}

export class SearchRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async search(lucene: string, types: readonly NodeType[], first: number): Promise<SearchRow[]> {
    const rows = await this.graph.query('lineage.search', SEARCH, {
      lucene,
      labels: types.map(labelOf),
      first: toNeoInt(first),
      // Over-fetch so the label filter still leaves `first` hits when other labels score higher.
      fetch: toNeoInt(Math.min(1000, first * 10)),
    });
    return rows.map((r) => {
      const values = r.facts as unknown[];
      const facts: Row = {};
      KEYS.forEach((k, i) => {
        facts[k] = values[i];
      });
      return { labels: r.labels as string[], score: r.score as number, facts };
    });
  }
}
