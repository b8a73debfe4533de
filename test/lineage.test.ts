import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import {
  bfs,
  dataset,
  datasetId,
  edgesAmong,
  type LineageFixture,
  rawEdges,
  type RawEdge,
  report,
  reportId,
  run,
  runId,
  writeFixture,
} from './support/lineageGraph';

type Node = { id: string; type: string; depth: number; displayName: string };
type Graph = {
  root: Node;
  nodes: Node[];
  edges: { from: string; to: string; type: string }[];
  truncated: boolean;
  truncationReason: string | null;
  stats: { nodesByType: { type: string; count: number }[]; deepestLevel: number; elapsedMs: number };
};

const LINEAGE = `query($id: ID!, $direction: LineageDirection, $depth: Int, $limit: Int, $nodeTypes: [NodeType!], $rels: [LineageRelation!], $asOf: DateTime) {
  lineage(id: $id, direction: $direction, depth: $depth, limit: $limit, nodeTypes: $nodeTypes, relationshipTypes: $rels, asOf: $asOf) {
    root { id type depth displayName }
    nodes { id type depth displayName }
    edges { from to type }
    truncated truncationReason
    stats { nodesByType { type count } deepestLevel elapsedMs }
  }
}`;

const HUB_RUNS = 40;

/** A diamond (d-shared feeds r-a and r-b, both feeding rep-1), a parent cycle (r-c ↔ r-d) and a hub. */
const fixture: LineageFixture = {
  datasets: [dataset('d-shared'), dataset('d-solo'), dataset('d-hub')],
  runs: [
    run('r-a', ['d-shared', 'd-hub']),
    run('r-b', ['d-shared']),
    run('r-c', ['d-solo'], 'r-d'),
    run('r-d', [], 'r-c'),
    ...Array.from({ length: HUB_RUNS }, (_, i) => run(`r-hub-${String(i).padStart(2, '0')}`, ['d-hub'])),
  ],
  reports: [report('rep-1', ['r-a', 'r-b']), report('rep-2', ['r-c'], ['d-shared']), report('rep-hub', ['r-hub-00', 'r-hub-01', 'r-a'])],
};

describe('lineage over hand-made graphs', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let edges: RawEdge[];

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    await writeFixture(graph, fixture);
    edges = await rawEdges(graph);
    // The hardening plugin's cost estimate multiplies a lineage field's `limit` by its `depth`;
    // these tests ask for limit 10,000 to see whole fixtures, so they raise the cost ceiling.
    api = await startTestApi(graph, { PVL_MAX_QUERY_COST: '10000000' });
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  const ask = async (variables: Record<string, unknown>) => {
    const res = await api.gql<{ lineage: Graph }>(LINEAGE, variables);
    expect(res.errors).toBeUndefined();
    return res.data!.lineage;
  };

  const roots = [reportId('rep-1'), reportId('rep-2'), datasetId('d-shared'), datasetId('d-hub'), runId('r-c')];
  const cases = roots.flatMap((id) => (['UPSTREAM', 'DOWNSTREAM', 'BOTH'] as const).flatMap((direction) => [1, 2, 6].map((depth) => ({ id, direction, depth }))));

  it.each(cases)('$direction of $id at depth $depth matches an independent BFS', async ({ id, direction, depth }) => {
    const expected = bfs(edges, id, direction, depth);
    const got = await ask({ id, direction, depth, limit: 10_000 });
    expect(got.truncated).toBe(false);
    expect(got.truncationReason).toBeNull();
    expect(got.root.id).toBe(id);
    expect(Object.fromEntries(got.nodes.map((n) => [n.id, n.depth]))).toEqual(Object.fromEntries(expected));
    // Each node once, even through the diamond and the cycle.
    expect(new Set(got.nodes.map((n) => n.id)).size).toBe(got.nodes.length);
    expect(got.edges.map((e) => `${e.from}|${e.to}|${e.type}`).sort()).toEqual(edgesAmong(edges, new Set(expected.keys())));
    expect(got.stats.deepestLevel).toBe(Math.max(...expected.values()));
    expect(got.stats.nodesByType.reduce((a, c) => a + c.count, 0)).toBe(expected.size);
  });

  it('answers BOTH with the union of its own UPSTREAM and DOWNSTREAM answers, not an undirected walk', async () => {
    // A root whose undirected neighbourhood holds siblings: the walk that turns at every node differs from the union.
    const id = runId('r-c');
    const undirected = bfs(edges, id, 'EITHER', 6);
    const union = bfs(edges, id, 'BOTH', 6);
    expect(undirected.size).toBeGreaterThan(union.size);
    const [up, down, both] = await Promise.all((['UPSTREAM', 'DOWNSTREAM', 'BOTH'] as const).map((direction) => ask({ id, direction, depth: 6, limit: 10_000 })));
    const depths = new Map<string, number>();
    for (const n of [...up.nodes, ...down.nodes]) depths.set(n.id, Math.min(n.depth, depths.get(n.id) ?? n.depth));
    expect(Object.fromEntries(both.nodes.map((n) => [n.id, n.depth]))).toEqual(Object.fromEntries(depths));
    const edgeKeys = (g: Graph) => g.edges.map((e) => `${e.from}|${e.to}|${e.type}`);
    expect(new Set(edgeKeys(both))).toEqual(new Set(edgesAmong(edges, new Set(depths.keys()))));
    for (const e of [...edgeKeys(up), ...edgeKeys(down)]) expect(edgeKeys(both)).toContain(e);
  });

  it('cuts a BOTH answer at the node limit to the nearest nodes of either side', async () => {
    const id = reportId('rep-hub');
    const expected = bfs(edges, id, 'BOTH', 4);
    const limit = 3;
    expect(expected.size - 1).toBeGreaterThan(limit);
    const got = await ask({ id, direction: 'BOTH', depth: 4, limit });
    expect(got.truncated).toBe(true);
    expect(got.nodes).toHaveLength(limit + 1);
    for (const n of got.nodes) expect(n.depth).toBe(expected.get(n.id));
    const cutoff = Math.max(...got.nodes.map((n) => n.depth));
    // Nothing nearer than the deepest kept node was dropped.
    for (const [node, d] of expected) if (d < cutoff) expect(got.nodes.map((n) => n.id)).toContain(node);
  });

  it('orders nodes by depth then id, and edges by from, to, type', async () => {
    const got = await ask({ id: reportId('rep-hub'), direction: 'BOTH', depth: 4 });
    const sortedNodes = [...got.nodes].sort((a, b) => a.depth - b.depth || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(got.nodes).toEqual(sortedNodes);
    const key = (e: { from: string; to: string; type: string }) => [e.from, e.to, e.type];
    const sortedEdges = [...got.edges].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
      return 0;
    });
    expect(got.edges).toEqual(sortedEdges);
    // The same question twice gives the same answer, so a frontend can diff.
    const again = await ask({ id: reportId('rep-hub'), direction: 'BOTH', depth: 4 });
    expect({ ...again, stats: null }).toEqual({ ...got, stats: null });
  });

  it('stops at the node limit on a hub and keeps the nearest nodes', async () => {
    const limit = 10;
    const expected = bfs(edges, datasetId('d-hub'), 'DOWNSTREAM', 5);
    expect(expected.size - 1).toBeGreaterThan(limit);
    const got = await ask({ id: datasetId('d-hub'), direction: 'DOWNSTREAM', depth: 5, limit });
    expect(got.truncated).toBe(true);
    expect(got.truncationReason).toBe('NODE_LIMIT');
    expect(got.nodes).toHaveLength(limit + 1);
    for (const n of got.nodes) expect(n.depth).toBe(expected.get(n.id));
    // Nearest first: everything strictly shallower than the deepest kept level is present.
    const deepest = Math.max(...got.nodes.map((n) => n.depth));
    const shallower = [...expected].filter(([, d]) => d < deepest).map(([id]) => id);
    expect(got.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(shallower));
  });

  it('filters by node type and relationship type inside the walk', async () => {
    const got = await ask({ id: reportId('rep-1'), direction: 'UPSTREAM', depth: 6, nodeTypes: ['RUN', 'DATASET'], rels: ['FEEDS', 'INPUT_TO'] });
    const kept = edges.filter((e) => e.type === 'FEEDS' || e.type === 'INPUT_TO').filter((e) => /^(run|dataset|report):/.test(e.from) && /^(run|dataset|report):/.test(e.to));
    const expected = bfs(kept, reportId('rep-1'), 'UPSTREAM', 6);
    expect(Object.fromEntries(got.nodes.map((n) => [n.id, n.depth]))).toEqual(Object.fromEntries(expected));
    expect(got.nodes.every((n) => n.type === 'RUN' || n.type === 'DATASET' || n.id === reportId('rep-1'))).toBe(true);
  });

  it.each([
    [{ id: 'nonsense' }, 'id'],
    [{ id: reportId('rep-1'), depth: 0 }, 'depth'],
    [{ id: reportId('rep-1'), depth: 21 }, 'depth'],
    [{ id: reportId('rep-1'), nodeTypes: [] }, 'nodeTypes'],
    [{ id: reportId('rep-1'), rels: [] }, 'relationshipTypes'],
    [{ id: reportId('rep-1'), limit: 0 }, 'limit'],
    [{ id: reportId('rep-1'), asOf: new Date(Date.now() + 3_600_000).toISOString() }, 'asOf'],
  ])('rejects bad input %j naming %s', async (variables, argument) => {
    const res = await api.gql(LINEAGE, variables);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.argument).toBe(argument);
    expect(res.errors?.[0].message).toContain(argument);
  });

  it('answers NOT_FOUND for a well-formed id of a missing node', async () => {
    const res = await api.gql(LINEAGE, { id: reportId('no-such-report') });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('answers impact with counts by type', async () => {
    const res = await api.gql<{ impact: Graph }>('query($id: ID!) { impact(id: $id) { nodes { id type } truncated stats { nodesByType { type count } } } }', { id: datasetId('d-shared') });
    expect(res.errors).toBeUndefined();
    const expected = bfs(edges, datasetId('d-shared'), 'DOWNSTREAM', 20);
    expect(res.data!.impact.nodes.map((n) => n.id).sort()).toEqual([...expected.keys()].sort());
    const counts = new Map<string, number>();
    for (const n of res.data!.impact.nodes) counts.set(n.type, (counts.get(n.type) ?? 0) + 1);
    expect(res.data!.impact.stats.nodesByType).toEqual([...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, count]) => ({ type, count })));
  });
});
