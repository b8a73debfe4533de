import type { GraphExecutor } from '../src/graph/executor';
import { searchWords } from '../src/domain/search';
import { buildScenario } from '../scripts/bench/scenario/pvScenario';
import { testGraph } from './support/graph';

/**
 * The words search cuts a text into must be the words Neo4j's full-text index holds for it:
 * otherwise a prefix (which Lucene does not analyse) would miss. A probe index with the same
 * (default) analyzer as `lineage_search` holds each text; every word of `searchWords` must be one
 * of its tokens exactly (a range query `[w TO w]` is not analysed), which fails both when the
 * index cuts a word further and when it keeps a longer one.
 */
const INDEX = 'search_analyzer_probe';

const scenario = buildScenario();
const CORPUS = [
  ...new Set([
    ...scenario.stores.flatMap((s) => s.runs.map((r) => r.name ?? '')),
    ...scenario.datasets.map((d) => d.name),
    's3://pv-data/faers/2024Q1/drug_event.parquet',
    'https://fis.fda.gov/content/Exports/faers_ascii_2024q2.zip',
    'file:///C:/Users/pv/mlruns',
    'C:\\Users\\pv\\mlruns',
    'report:SDR-2024Q1',
    'signal:SIG-2024-001',
    'loggedmodel:58ae4c98f121:m-a3d6c0ea574d4a0fa3e5686fcd5227c5',
    'fluoroquinolone (levofloxacin) – Tendon rupture',
    "l'oréal don't 1,000.5 a.b.c v1.2.3-rc.1 3.14e-10 x@y émile@x.org",
    'Gastrointestinal haemorrhage, Ünïcödé naïve café',
    '日本語テキスト 한국어 中文',
    'ΔΣ-ελληνικά_2024 ΟΔΟΣ İstanbul ǅemal',
    'under_score.dot/slash:colon-dash',
  ]),
].filter((t) => t !== '');

describe('search words agree with Neo4j’s full-text analyzer', () => {
  let graph: GraphExecutor;

  beforeAll(async () => {
    graph = testGraph();
    await graph.autoCommit('test.probeIndex', `CREATE FULLTEXT INDEX ${INDEX} IF NOT EXISTS FOR (n:SearchAnalyzerProbe) ON EACH [n.text]`);
    await graph.autoCommit('test.awaitIndex', 'CALL db.awaitIndexes(120)');
    await graph.write('test.probes', (tx) => tx.run('MATCH (n:SearchAnalyzerProbe) DELETE n'));
    await graph.write('test.probes', (tx) => tx.run('UNWIND range(0, size($texts) - 1) AS i CREATE (:SearchAnalyzerProbe {i: i, text: $texts[i]})', { texts: CORPUS }));
  });

  afterAll(async () => {
    await graph.write('test.probes', (tx) => tx.run('MATCH (n:SearchAnalyzerProbe) DELETE n'));
    await graph.autoCommit('test.dropProbeIndex', `DROP INDEX ${INDEX} IF EXISTS`);
    await graph.close();
  });

  it.each(CORPUS.map((text, i) => [text, i] as const))('cuts %s as the index does', async (text, i) => {
    const words = searchWords(text);
    expect(words.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const w of words) {
      const term = w.replace(/[^\p{L}\p{N}]/gu, (c) => `\\${c}`);
      const rows = await graph.query('test.term', `CALL db.index.fulltext.queryNodes('${INDEX}', $q) YIELD node WHERE node.i = $i RETURN count(node) AS n`, { q: `[${term} TO ${term}]`, i });
      if (Number(rows[0].n) !== 1) missing.push(w);
    }
    expect({ text, missing }).toEqual({ text, missing: [] });
  });
});
