import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import type { GraphExecutor } from '../src/graph/executor';
import { olRunNodeId } from '../src/services/openlineage/openLineageService';
import { type TestApi, startTestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { facet, postEvent, runEvent, uuid } from './support/openlineage';

const JOB = `query($id: ID!) {
  job(id: $id) { id namespace name facets runs { id runId name status startTime endTime stateHistory { state at eventId } } }
}`;
const JOBS = `query($filter: JobFilter, $first: Int, $after: String) {
  jobs(filter: $filter, first: $first, after: $after) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } }
}`;

describe('GraphQL read side of OpenLineage', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  const ns = 'airflow://pv';
  const at = (m: number) => new Date(Date.UTC(2024, 5, 1, 0, m)).toISOString();
  const runA = uuid();
  const runB = uuid();

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph);
    const job = { namespace: ns, name: 'faers.extract' };
    const events = [
      runEvent({ eventType: 'START', runId: runA, job, eventTime: at(0) }),
      runEvent({ eventType: 'COMPLETE', runId: runA, job, eventTime: at(4) }),
      runEvent({ eventType: 'START', runId: runB, job, eventTime: at(10) }),
      runEvent({ eventType: 'FAIL', runId: runB, job, eventTime: at(12) }),
      { ...runEvent({ eventType: 'RUNNING', runId: runB, job, eventTime: at(11) }), job: { ...job, facets: { owner: facet({ team: 'pv' }) } } },
    ];
    for (const name of ['b.transform', 'c.report', 'a.load']) events.push(runEvent({ eventType: 'START', runId: uuid(), job: { namespace: ns, name }, eventTime: at(1) }));
    events.push(runEvent({ eventType: 'START', runId: uuid(), job: { namespace: 'spark://other', name: 'x' }, eventTime: at(1) }));
    for (const e of events) expect((await postEvent(api, e)).status).toBe(201);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('returns a job with its facets, its runs newest first and each run state history', async () => {
    const id = formatId(NodeType.JOB, ns, 'faers.extract');
    const res = await api.gql<{ job: { id: string; facets: unknown; runs: { id: string; status: string; stateHistory: { state: string; at: string }[] }[] } }>(JOB, { id });
    expect(res.errors).toBeUndefined();
    const job = res.data?.job;
    expect(job?.id).toBe(id);
    expect(job?.facets).toEqual({ owner: facet({ team: 'pv' }) });
    expect(job?.runs.map((r) => r.id)).toEqual([olRunNodeId(runB), olRunNodeId(runA)]);
    expect(job?.runs.map((r) => r.status)).toEqual(['FAILED', 'FINISHED']);
    expect(job?.runs[0].stateHistory.map((t) => [t.state, t.at])).toEqual([['START', at(10)], ['RUNNING', at(11)], ['FAIL', at(12)]]);
    expect(job?.runs[1].stateHistory.map((t) => [t.state, t.at])).toEqual([['START', at(0)], ['COMPLETE', at(4)]]);
  });

  it('keeps the facets of the newest event, whatever order the events arrive in', async () => {
    const job = { namespace: 'dbt://pv', name: 'faers.facets-order' };
    const newer = { ...runEvent({ eventType: 'COMPLETE', runId: uuid(), job, eventTime: at(31) }), job: { ...job, facets: { owner: facet({ team: 'signal-review' }) } } };
    const older = { ...runEvent({ eventType: 'START', runId: uuid(), job, eventTime: at(30) }), job: { ...job, facets: { owner: facet({ team: 'intake' }) } } };
    for (const e of [newer, older]) expect((await postEvent(api, e)).status).toBe(201);
    const res = await api.gql<{ job: { facets: unknown } }>(JOB, { id: formatId(NodeType.JOB, 'dbt://pv', 'faers.facets-order') });
    expect(res.errors).toBeUndefined();
    expect(res.data?.job.facets).toEqual(newer.job.facets);
  });

  it('round-trips a job id through node(id)', async () => {
    const id = formatId(NodeType.JOB, ns, 'faers.extract');
    const res = await api.gql<{ node: { id: string; __typename: string } }>('query($id: ID!) { node(id: $id) { id __typename } }', { id });
    expect(res.errors).toBeUndefined();
    expect(res.data?.node).toEqual({ id, __typename: 'Job' });
  });

  it('lists jobs by namespace and name, paged, with a filter', async () => {
    const [{ names }] = await graph.query('test.jobs', 'MATCH (j:Job) WITH j ORDER BY j.namespace, j.name RETURN collect(j.id) AS names');
    const first = await api.gql<{ jobs: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } }>(JOBS, { first: 2 });
    expect(first.data?.jobs.totalCount).toBe((names as string[]).length);
    expect(first.data?.jobs.edges.map((e) => e.node.id)).toEqual((names as string[]).slice(0, 2));
    const next = await api.gql<{ jobs: { edges: { node: { id: string } }[] } }>(JOBS, { first: 100, after: first.data?.jobs.pageInfo.endCursor });
    expect(next.data?.jobs.edges.map((e) => e.node.id)).toEqual((names as string[]).slice(2));
    const filtered = await api.gql<{ jobs: { edges: { node: { name: string } }[] } }>(JOBS, { filter: { namespace: ns, nameContains: 'A' } });
    expect(filtered.data?.jobs.edges.map((e) => e.node.name)).toEqual(['a.load', 'b.transform', 'faers.extract']);
  });

  it('answers BAD_USER_INPUT for a non-job id and NOT_FOUND for an absent job', async () => {
    const bad = await api.gql(JOB, { id: formatId(NodeType.DATASET, 'a', 'b') });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await api.gql(JOB, { id: formatId(NodeType.JOB, 'nowhere', 'nothing') });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
