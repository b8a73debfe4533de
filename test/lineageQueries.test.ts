import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import type { GraphExecutor } from '../src/graph/executor';
import { ingestedRunRow } from '../src/services/ingest/runRows';
import { startTestApi, type TestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import {
  bfs,
  DATA_FLOW,
  dataset,
  datasetId,
  digestOf,
  experimentId,
  type LineageFixture,
  rawEdges,
  type RawEdge,
  report,
  reportId,
  run,
  runId,
  storeKey,
  writeFixture,
  writer,
} from './support/lineageGraph';

const fixture: LineageFixture = {
  datasets: [dataset('d-shared'), dataset('d-solo'), dataset('faers-2024q1')],
  runs: [run('r-a', ['d-shared']), run('r-b', ['d-shared', 'faers-2024q1']), run('r-c', ['d-solo'], 'r-a'), run('r-old', []), run('r-new', ['d-solo'])],
  reports: [report('rep-1', ['r-a', 'r-b']), report('rep-2', ['r-c']), report('rep-t', ['r-old'])],
};

const MODEL_HASH = 'ab'.repeat(32);
const versionId = formatId(NodeType.MODEL_VERSION, storeKey, 'pv-xgb', '1');
const METHOD = {
  method: 'PRR',
  thresholds: { prr_min: 2, chi2_min: 4, case_count_min: 3 },
  meddraVersion: '26.1',
  meddraLevel: 'PT',
  dataSource: 'FAERS',
  dataPeriod: '2024Q1',
  deduplication: 'caseid',
  file: 'methods_r-b.json',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every simple path of exactly `length` edges between two nodes, ignoring direction. */
function pathsOfLength(edges: readonly RawEdge[], from: string, to: string, length: number): string[] {
  const adj = new Map<string, string[]>();
  for (const e of edges) {
    adj.set(e.from, [...(adj.get(e.from) ?? []), e.to]);
    adj.set(e.to, [...(adj.get(e.to) ?? []), e.from]);
  }
  const out: string[] = [];
  const walk = (path: string[]) => {
    const last = path[path.length - 1];
    if (path.length - 1 === length) {
      if (last === to) out.push(path.join(' > '));
      return;
    }
    for (const n of adj.get(last) ?? []) if (!path.includes(n)) walk([...path, n]);
  };
  walk([from]);
  return out.sort();
}

describe('lineage fields, paths, search and time travel', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let edges: RawEdge[];
  let between: string;

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    await writeFixture(graph, fixture);
    await sleep(30);
    between = new Date().toISOString();
    await sleep(30);
    // rep-t is regenerated from a newer run: the old FEEDS edge must be kept with `until`.
    await graph.write('test.regenerate', (tx) => writer.writeReport(tx, report('rep-t', ['r-new'])));
    await graph.write('test.provenance', async (tx) => {
      await writer.writeRegisteredModels(tx, storeKey, [{ name: 'pv-xgb', description: null, createdAt: null, updatedAt: null, tags: {} }]);
      await writer.writeModelVersions(tx, storeKey, [
        { name: 'pv-xgb', version: 1, stage: 'PRODUCTION', status: 'READY', source: 'models:/m-abc', runId: 'r-a', aliases: [], description: null, createdAt: null, tags: { sha256: MODEL_HASH } },
      ]);
      await writer.writeSignals(tx, [
        { signalId: 'sig-1', drug: 'semaglutide', drugCode: null, eventTerm: 'Pancreatitis', meddraCode: null, meddraVersion: null, prr: 3, ror: null, chiSquare: null, caseCount: 5, status: 'DETECTED', detectedAt: null, runId: runId('r-b') },
      ]);
      await writer.writeReport(tx, { ...report('rep-mv', ['r-b']), modelVersionIds: [versionId] });
      // The detection method exactly as MLflow ingestion writes it (dm.* properties on the run).
      const row = ingestedRunRow(storeKey, { ...run('r-b', []), inputs: [], metricHistory: [], metricsSignature: null, deletedTime: null, outputModelIds: [], summaryJson: null, detectionMethod: METHOD }, 'f', []);
      const dm = Object.fromEntries(Object.entries(row.props).filter(([k]) => k.startsWith('dm.')));
      await tx.run('MATCH (r:Run {id: $id}) SET r += $dm', { id: runId('r-b'), dm });
    });
    edges = await rawEdges(graph);
    api = await startTestApi(graph, { PVL_MAX_QUERY_COST: '10000000' });
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  const ok = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const res = await api.gql<T>(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  describe('time travel', () => {
    const UP = 'query($id: ID!, $asOf: DateTime) { lineage(id: $id, depth: 1, asOf: $asOf) { nodes { id } } }';

    it('answers as of before the regeneration with the old run only', async () => {
      const d = await ok<{ lineage: { nodes: { id: string }[] } }>(UP, { id: reportId('rep-t'), asOf: between });
      const ids = d.lineage.nodes.map((n) => n.id);
      expect(ids).toContain(runId('r-old'));
      expect(ids).not.toContain(runId('r-new'));
    });

    it('answers now with the new run only, in lineage and in the direct relation', async () => {
      const d = await ok<{ lineage: { nodes: { id: string }[] } }>(UP, { id: reportId('rep-t') });
      const ids = d.lineage.nodes.map((n) => n.id);
      expect(ids).toContain(runId('r-new'));
      expect(ids).not.toContain(runId('r-old'));
      const direct = await ok<{ report: { runs: { id: string }[] } }>('query($id: ID!) { report(id: $id) { runs { id } } }', { id: reportId('rep-t') });
      expect(direct.report.runs.map((r) => r.id)).toEqual([runId('r-new')]);
    });

    it('keeps the superseded edge with since and until rather than deleting it', async () => {
      const rows = await graph.query('test.feeds', 'MATCH (r:Run)-[f:FEEDS]->(:Report {id: $id}) RETURN r.id AS run, f.since AS since, f.until AS until ORDER BY run', { id: reportId('rep-t') });
      expect(rows.map((r) => [r.run, r.until === null])).toEqual([
        [runId('r-new'), true],
        [runId('r-old'), false],
      ]);
      const old = rows.find((r) => r.run === runId('r-old'))!;
      expect(String(old.until) > between).toBe(true);
    });
  });

  describe('lineagePath', () => {
    const Q = 'query($from: ID!, $to: ID!, $max: Int) { lineagePath(from: $from, to: $to, maxDepth: $max) { nodes { id depth } edges { from to type } } }';

    it.each([
      [datasetId('faers-2024q1'), reportId('rep-2')],
      [datasetId('d-shared'), reportId('rep-1')],
      [datasetId('d-solo'), reportId('rep-1')],
    ])('returns every shortest path from %s to %s', async (from, to) => {
      const d = await ok<{ lineagePath: { nodes: { id: string }[]; edges: { from: string; to: string }[] }[] }>(Q, { from, to });
      const dist = bfs(edges, from, 'EITHER', 20).get(to)!;
      expect(d.lineagePath.map((p) => p.nodes.map((n) => n.id).join(' > ')).sort()).toEqual(pathsOfLength(edges, from, to, dist));
      for (const p of d.lineagePath) expect(p.edges).toHaveLength(dist);
    });

    it('is empty when the ends are further apart than maxDepth', async () => {
      const d = await ok<{ lineagePath: unknown[] }>(Q, { from: datasetId('faers-2024q1'), to: reportId('rep-2'), max: 1 });
      expect(d.lineagePath).toEqual([]);
    });

    it.each([
      [{ from: datasetId('d-solo'), to: datasetId('d-solo') }, 'to', 'BAD_USER_INPUT'],
      [{ from: 'bogus', to: datasetId('d-solo') }, 'from', 'BAD_USER_INPUT'],
      [{ from: datasetId('d-solo'), to: reportId('rep-1'), max: 99 }, 'maxDepth', 'BAD_USER_INPUT'],
      [{ from: datasetId('d-solo'), to: reportId('missing') }, undefined, 'NOT_FOUND'],
    ])('rejects %j', async (variables, argument, code) => {
      const res = await api.gql(Q, variables);
      expect(res.errors?.[0].extensions?.code).toBe(code);
      if (argument) expect(res.errors?.[0].extensions?.argument).toBe(argument);
    });
  });

  describe('search', () => {
    const Q = 'query($text: String!, $types: [NodeType!], $first: Int) { search(text: $text, types: $types, first: $first) { id type displayName score match } }';
    const named = [
      ...fixture.datasets.map((d) => ({ id: datasetId(d.name), words: [d.name, d.digest ?? ''] })),
      ...fixture.runs.map((r) => ({ id: runId(r.runId), words: [r.name ?? '', r.runId] })),
      ...fixture.reports.map((r) => ({ id: reportId(r.reportId), words: [r.title] })),
      // Written in beforeAll besides the fixture.
      { id: reportId('rep-mv'), words: [report('rep-mv', []).title] },
      { id: formatId(NodeType.REGISTERED_MODEL, storeKey, 'pv-xgb'), words: ['pv-xgb'] },
      { id: versionId, words: ['pv-xgb'] },
      { id: formatId(NodeType.SIGNAL, 'sig-1'), words: ['semaglutide', 'Pancreatitis'] },
      { id: formatId(NodeType.EXPERIMENT, storeKey, '1'), words: ['exp'] },
      { id: formatId(NodeType.TRACKING_STORE, storeKey), words: ['test store'] },
    ];
    const expectedFor = (text: string) => {
      const want = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      return named
        .filter((n) => {
          const tokens = n.words.flatMap((w) => w.toLowerCase().split(/[^\p{L}\p{N}]+/u));
          // Every piece between separators occurs inside a word: what a fragment match needs, and whole words and prefixes imply it.
          return want.every((w) => tokens.some((t) => t.includes(w)));
        })
        .map((n) => n.id)
        .sort();
    };

    it.each(['shared', 'faers 2024', 'Report rep', 'pv xgb', 'pancreat', digestOf('d-solo').slice(0, 6)])('finds %s by words, prefixes and fragments', async (text) => {
      const d = await ok<{ search: { id: string; score: number; match: string }[] }>(Q, { text, first: 100 });
      expect(d.search.map((h) => h.id).sort()).toEqual(expectedFor(text));
      // Best kind of match first, then the highest score.
      const order = d.search.map((h) => [['EXACT', 'WORD', 'PREFIX', 'FRAGMENT'].indexOf(h.match), -h.score]);
      expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    });

    it('filters by type and caps the size', async () => {
      const d = await ok<{ search: { id: string; type: string }[] }>(Q, { text: 'r', types: ['RUN'], first: 3 });
      expect(d.search).toHaveLength(3);
      expect(d.search.every((h) => h.type === 'RUN')).toBe(true);
    });

    it.each([
      [{ text: '  --  ' }, 'text'],
      [{ text: 'x', types: [] }, 'types'],
      [{ text: 'x', first: 0 }, 'first'],
    ])('rejects %j', async (variables, argument) => {
      const res = await api.gql(Q, variables);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.argument).toBe(argument);
    });
  });

  describe('typed lineage fields', () => {
    const flow = () => edges.filter((e) => DATA_FLOW.has(e.type));

    it('Report.sourceRuns lists every upstream run with its path', async () => {
      const d = await ok<{ report: { sourceRuns: { run: { id: string }; path: string[]; pathLength: number }[] } }>(
        'query($id: ID!) { report(id: $id) { sourceRuns { run { id } path pathLength } } }',
        { id: reportId('rep-2') },
      );
      const reach = bfs(flow(), reportId('rep-2'), 'UPSTREAM', 20);
      const expected = [...reach].filter(([id]) => id.startsWith('run:')).map(([id, depth]) => ({ id, depth }));
      expect(d.report.sourceRuns.map((s) => ({ id: s.run.id, depth: s.pathLength })).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
        expected.sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      for (const s of d.report.sourceRuns) {
        expect(s.path[0]).toBe(reportId('rep-2'));
        expect(s.path[s.path.length - 1]).toBe(s.run.id);
        expect(s.path).toHaveLength(s.pathLength + 1);
      }
    });

    it.each([
      ['dataset', 'impactedReports', datasetId('d-shared')],
      ['dataset', 'impactedReports', datasetId('d-solo')],
      ['run', 'downstreamReports', runId('r-a')],
    ])('%s.%s matches a downstream BFS', async (root, field, id) => {
      const d = await ok<Record<string, Record<string, { id: string }[]>>>(`query($id: ID!) { x: ${root}(id: $id) { ${field} { id } } }`, { id });
      const expected = [...bfs(flow(), id, 'DOWNSTREAM', 20).keys()].filter((k) => k.startsWith('report:')).sort();
      expect(d.x[field].map((r) => r.id).sort()).toEqual(expected);
    });

    it('runsFeedingReports pages through (run, report, path length) rows of an experiment', async () => {
      const Q = 'query($f: RunsFeedingReportsFilter!, $first: Int, $after: String) { runsFeedingReports(filter: $f, first: $first, after: $after) { totalCount edges { node { run { id } report { id } pathLength } } pageInfo { hasNextPage endCursor } } }';
      type Page = { runsFeedingReports: { totalCount: number; edges: { node: { run: { id: string }; report: { id: string }; pathLength: number } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
      const expected: string[] = [];
      for (const r of fixture.runs) {
        for (const [id, depth] of bfs(flow(), runId(r.runId), 'DOWNSTREAM', 20)) if (id.startsWith('report:')) expected.push(`${runId(r.runId)}|${id}|${depth}`);
      }
      expected.sort();
      const got: string[] = [];
      let after: string | null = null;
      for (;;) {
        const d: Page = await ok<Page>(Q, { f: { experimentId }, first: 2, after });
        expect(d.runsFeedingReports.totalCount).toBe(expected.length);
        got.push(...d.runsFeedingReports.edges.map((e) => `${e.node.run.id}|${e.node.report.id}|${e.node.pathLength}`));
        if (!d.runsFeedingReports.pageInfo.hasNextPage) break;
        after = d.runsFeedingReports.pageInfo.endCursor;
      }
      expect(got).toEqual(expected);
    });

    it('runsFeedingReports needs a filter', async () => {
      const res = await api.gql('{ runsFeedingReports(filter: {}) { totalCount } }');
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.argument).toBe('filter');
    });
  });

  describe('provenance', () => {
    const Q = `query($id: ID!) { report(id: $id) { provenance {
      runs { run { id } pathLength path codeCommit params datasets { digest dataset { id } } detectionMethod { method thresholds meddraVersion meddraLevel dataSource dataPeriod deduplication file } }
      modelVersions { modelVersion { id } artifactLocation hash } } } }`;

    it('gives runs, datasets with digests, model versions with hash and the detection method', async () => {
      const d = await ok<{ report: { provenance: { runs: { run: { id: string }; pathLength: number; params: object; codeCommit: string | null; datasets: { digest: string | null; dataset: { id: string } }[]; detectionMethod: (typeof METHOD & { thresholds: object }) | null }[]; modelVersions: { modelVersion: { id: string }; artifactLocation: string; hash: string | null }[] } } }>(Q, { id: reportId('rep-mv') });
      const reach = bfs(edges.filter((e) => DATA_FLOW.has(e.type)), reportId('rep-mv'), 'UPSTREAM', 20);
      const p = d.report.provenance;
      expect(p.runs.map((r) => [r.run.id, r.pathLength])).toEqual(
        [...reach].filter(([id]) => id.startsWith('run:')).sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1)),
      );
      expect(p.modelVersions).toEqual([{ modelVersion: { id: versionId }, artifactLocation: 'models:/m-abc', hash: MODEL_HASH }]);
      const rb = p.runs.find((r) => r.run.id === runId('r-b'))!;
      expect(rb.detectionMethod).toEqual(METHOD);
      expect(rb.datasets.map((x) => x.dataset.id).sort()).toEqual(fixture.runs.find((r) => r.runId === 'r-b')!.inputs.map((i) => datasetId(i.dataset.name)).sort());
      // Absent parts are null, not errors.
      const ra = p.runs.find((r) => r.run.id === runId('r-a'))!;
      expect(ra.detectionMethod).toBeNull();
      expect(ra.codeCommit).toBeNull();
    });

    it('Signal.provenance starts from the run that raised it', async () => {
      const d = await ok<{ signal: { provenance: { runs: { run: { id: string }; pathLength: number }[] } } }>(
        'query($id: ID!) { signal(id: $id) { provenance { runs { run { id } pathLength } } } }',
        { id: formatId(NodeType.SIGNAL, 'sig-1') },
      );
      const reach = bfs(edges.filter((e) => DATA_FLOW.has(e.type)), formatId(NodeType.SIGNAL, 'sig-1'), 'UPSTREAM', 20);
      expect(d.signal.provenance.runs.map((r) => [r.run.id, r.pathLength])).toEqual(
        [...reach].filter(([id]) => id.startsWith('run:')).sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1)),
      );
    });
  });
});
