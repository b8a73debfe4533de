import path from 'node:path';
import { keysQuery, luceneQuery } from '../src/domain/search';
import { fragmentPatterns, wordStarts } from '../src/domain/searchText';
import type { GraphExecutor } from '../src/graph/executor';
import { refreshSearchTexts } from '../src/graph/repositories/searchTextRepository';
import { seedDemoFromFixtures } from '../src/services/ingest/demoFixtures';
import { KEYED_PREFIXES, SEARCH_CAP } from '../src/services/lineage/searchService';
import { LINEAGE_NODE_TYPES } from '../src/domain/lineage';
import { labelOf } from '../src/domain/nodeType';
import type { Composition } from '../src/composition/root';
import { testRoot } from './support/composition';
import { loadDemo } from './support/demo';
import { testGraph } from './support/graph';

const ROOT = path.resolve(__dirname, '..');

/**
 * The oracle: the statement search ran before migration v0105, with Lucene's leading wildcards
 * for fragments (`luceneQuery(text)` whole). The fragment index must answer as it did: the same
 * candidates with the same scores, totals and counts.
 */
const LUCENE_FRAGMENTS = `
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
RETURN [h IN found WHERE any(l IN labels(h.node) WHERE l IN $labels) | [h.node.id, h.score]] AS hits, size(found) AS total,
       [l IN $allLabels | [l, size([h IN found WHERE l IN labels(h.node)])]] AS counts`;

/** Texts whose words and prefixes fall short of a page, so fragments are searched. */
const TEXTS = ['ucti', 'parquet', 'event', 'xgb-20', 'gnal', 'vastat', 'ign-2024', 'ar', 'a-b', 'torva-rhab', '24Q', 'q1', 'ml-pr', 'lung', 'c2', 'sis', 'isea', '0e77', 'd6-eta', 'ction'];

const labels = LINEAGE_NODE_TYPES.map(labelOf);
const rounded = (hits: [string, number][]) => hits.map(([id, score]) => [id, Math.round(score * 1e4) / 1e4]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('fragments through the SearchText index answer as Lucene’s wildcards did', () => {
  let graph: GraphExecutor;
  let root: Composition;

  beforeAll(async () => {
    graph = testGraph();
    await loadDemo(graph);
    root = testRoot(graph);
    await seedDemoFromFixtures(root, ROOT);
  }, 180_000);

  afterAll(async () => {
    await graph.close();
  });

  it.each(TEXTS)('%s', async (text) => {
    const base = { keys: keysQuery(text, KEYED_PREFIXES), labels, allLabels: labels, storeKeys: null, statuses: null, cap: SEARCH_CAP };
    const [oracle] = await graph.query('test.oracle', LUCENE_FRAGMENTS, { ...base, lucene: luceneQuery(text) });
    const answer = await root.repos.search.search({ ...base, lucene: luceneQuery(text, { fragments: false }), fetch: SEARCH_CAP, size: SEARCH_CAP - 1, wordStarts: wordStarts(text), fragments: fragmentPatterns(text) });
    expect((oracle.hits as unknown[]).length).toBeGreaterThan(0);
    expect(rounded(answer.hits.map((h) => [String(h.facts.id), h.score]))).toEqual(rounded(oracle.hits as [string, number][]));
    expect(answer.total).toBe(Number(oracle.total));
    expect(answer.counts).toEqual((oracle.counts as [string, unknown][]).map(([label, count]) => ({ label, count: Number(count) })));
  });

  it('keeps a node’s text in step with its properties, and drops the text of a node that is gone', async () => {
    await graph.write('test.node', (tx) => tx.run("CREATE (:Experiment {id: 'experiment:test:frag', name: 'zanzibar-quokka'})"));
    await graph.write('test.refresh', (tx) => refreshSearchTexts(tx, 'Experiment', ['experiment:test:frag']));
    const find = async (text: string) =>
      (await root.repos.search.search({ lucene: luceneQuery(text, { fragments: false }), keys: keysQuery(text, KEYED_PREFIXES), labels, allLabels: labels, storeKeys: null, statuses: null, cap: SEARCH_CAP, fetch: 100, size: 100, wordStarts: wordStarts(text), fragments: fragmentPatterns(text) })).hits.map((h) => h.facts.id);
    expect(await find('nzib')).toContain('experiment:test:frag');
    await graph.write('test.rename', (tx) => tx.run("MATCH (e:Experiment {id: 'experiment:test:frag'}) SET e.name = 'wallaby'"));
    await graph.write('test.refresh', (tx) => refreshSearchTexts(tx, 'Experiment', ['experiment:test:frag']));
    expect(await find('nzib')).not.toContain('experiment:test:frag');
    expect(await find('llab')).toContain('experiment:test:frag');
    await graph.write('test.delete', (tx) => tx.run("MATCH (e:Experiment {id: 'experiment:test:frag'}) DELETE e"));
    await graph.write('test.refresh', (tx) => refreshSearchTexts(tx, 'Experiment', ['experiment:test:frag']));
    const [left] = await graph.query('test.left', "MATCH (t:SearchText {id: 'experiment:test:frag'}) RETURN count(t) AS n");
    expect(Number(left.n)).toBe(0);
  });
});
