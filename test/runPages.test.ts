import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { loadDemo } from './support/demo';
import { testGraph } from './support/graph';

/**
 * The default run list walks the start-time index and brings the selected neighbours in the
 * page's own statement; every other list sorts all matches and the neighbours come through the
 * loaders. These tests check the two ways give the same answer, runs without a start time and
 * deleted runs included.
 */
type Page = { totalCount: number; edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

const ALL_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];
const PAGE = `query($first: Int, $after: String, $filter: RunFilter, $orderBy: RunOrder) {
  runs(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;

describe('run pages', () => {
  let graph: GraphExecutor;
  let api: TestApi;

  beforeAll(async () => {
    graph = testGraph();
    await loadDemo(graph);
    // Two runs that never started and one deleted run, beside the demo's.
    await graph.write('t.extraRuns', (tx) =>
      tx.run(`CREATE (:Run {id: 'run:t:unstarted-b', storeKey: 't', runId: 'b', experimentId: '0', status: 'SCHEDULED', lifecycleStage: 'active'})
              CREATE (:Run {id: 'run:t:unstarted-a', storeKey: 't', runId: 'a', experimentId: '0', status: 'SCHEDULED', lifecycleStage: 'active'})
              CREATE (:Run {id: 'run:t:deleted', storeKey: 't', runId: 'd', experimentId: '0', status: 'FINISHED', lifecycleStage: 'deleted', startTime: datetime()})`),
    );
    api = await startTestApi(graph);
  });
  afterAll(async () => {
    await graph.write('t.cleanup', (tx) => tx.run("MATCH (r:Run {storeKey: 't'}) DETACH DELETE r"));
    await api.close();
    await graph.close();
  });

  /** Every page of a list, 4 runs at a time, as one list of ids and the totals each page gave. */
  async function walk(variables: Record<string, unknown>): Promise<{ ids: string[]; totals: Set<number> }> {
    const ids: string[] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    for (;;) {
      const res = await api.gql<{ runs: Page }>(PAGE, { ...variables, first: 4, after });
      expect(res.errors).toBeUndefined();
      const page: Page = res.data!.runs;
      totals.add(page.totalCount);
      ids.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) return { ids, totals };
      after = page.pageInfo.endCursor;
    }
  }

  it.each([
    ['newest first', 'DESC', false],
    ['oldest first', 'ASC', false],
    ['newest first, deleted runs included', 'DESC', true],
  ])('gives the same pages by index as by a full sort (%s)', async (_name, direction, includeDeleted) => {
    const orderBy = { field: 'START_TIME', direction };
    const byIndex = await walk({ orderBy, filter: { includeDeleted } });
    // A filter that matches every run takes the full sort instead of the index.
    const bySort = await walk({ orderBy, filter: { includeDeleted, statuses: ALL_STATUSES } });
    expect(byIndex.ids).toEqual(bySort.ids);
    expect(new Set(byIndex.ids).size).toBe(byIndex.ids.length);
    expect([...byIndex.totals]).toEqual([byIndex.ids.length]);
    expect([...bySort.totals]).toEqual([byIndex.ids.length]);
    // Runs that never started come last, by id; the deleted run only when asked for.
    expect(byIndex.ids.slice(-2)).toEqual(['run:t:unstarted-a', 'run:t:unstarted-b']);
    expect(byIndex.ids.includes('run:t:deleted')).toBe(includeDeleted);
  });

  it('brings the same neighbours with the page as the loaders give one run at a time', async () => {
    const fields = `id experiment { id name } inputs { context digest dataset { id } } modelVersions { id version } reports { id title }`;
    const res = await api.gql<{ runs: { edges: { node: { id: string; inputs: unknown[]; reports: unknown[] } }[] } }>(`{ runs(first: 100) { edges { node { ${fields} } } } }`);
    expect(res.errors).toBeUndefined();
    const listed = res.data!.runs.edges.map((e) => e.node);
    expect(listed.some((r) => r.reports.length > 0)).toBe(true);
    expect(listed.some((r) => r.inputs.length > 1)).toBe(true);
    for (const run of listed) {
      const one = await api.gql<{ run: unknown }>(`query($id: ID!) { run(id: $id) { ${fields} } }`, { id: run.id });
      expect(one.data!.run).toEqual(run);
    }
  });

  it('sees the neighbours through aliases and fragments', async () => {
    const res = await api.gql<{ runs: { edges: { node: { ds: unknown[]; exp: { id: string } | null } }[] } }>(
      `fragment N on Run { ds: inputs { dataset { id } } }
       { runs(first: 5) { edges { node { ...N ... on Run { exp: experiment { id } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.runs.edges.every((e) => Array.isArray(e.node.ds) && e.node.exp !== undefined)).toBe(true);
  });
});
