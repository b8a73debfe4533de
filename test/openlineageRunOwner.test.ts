import type { GraphExecutor } from '../src/graph/executor';
import { type TestApi, startTestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { facet, graphSnapshot, postEvent, runEvent, uuid } from './support/openlineage';

const jobA = { namespace: 'airflow://pv', name: 'faers_load.extract' };
const jobB = { namespace: 'attacker-ns', name: 'poison-job' };
const at = (minute: number) => new Date(Date.UTC(2024, 3, 1, 6, minute)).toISOString();
const parentFacet = (runId: string, job: { namespace: string; name: string }) => ({
  parent: facet({ run: { runId }, job: { namespace: job.namespace, name: job.name } }),
});

describe('an OpenLineage run belongs to the first job that used it', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  const jobsOf = async (runId: string) =>
    (await graph.query('test.jobsOf', 'MATCH (j:Job)-[:HAS_RUN]->(r:Run {runId: $runId}) RETURN j.name AS name ORDER BY name', { runId })).map((r) => r.name);
  const stateOf = async (runId: string) => (await graph.query('test.state', 'MATCH (r:Run {runId: $runId}) RETURN r.status AS status', { runId }))[0]?.status;

  it('refuses another job\'s event for the run with 409 naming the owner, and keeps nothing of it', async () => {
    const runId = uuid();
    expect((await postEvent(api, runEvent({ eventType: 'START', runId, job: jobA, eventTime: at(0) }))).status).toBe(201);
    const before = await graphSnapshot(graph);
    const claim = await postEvent(api, runEvent({ eventType: 'FAIL', runId, job: jobB, eventTime: at(1), outputs: [{ namespace: 's3://pv-data', name: 'faers/2024Q1/drug_event.parquet' }] }));
    expect(claim.status).toBe(409);
    const error = (claim.body.errors as { message: string; extensions: Record<string, unknown> }[])[0];
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', owner: `job:${encodeURIComponent(jobA.namespace)}:${encodeURIComponent(jobA.name)}` });
    expect(error.message).toContain('belongs to');
    // Not the FAIL, not job B, not its output dataset, not its log entry.
    expect(await graphSnapshot(graph)).toEqual(before);
    expect(await jobsOf(runId)).toEqual([jobA.name]);
    expect(await stateOf(runId)).toBe('RUNNING');
    // The owner's own events still land.
    expect((await postEvent(api, runEvent({ eventType: 'COMPLETE', runId, job: jobA, eventTime: at(2) }))).status).toBe(201);
    expect(await stateOf(runId)).toBe('FINISHED');
  });

  it('refuses a parent facet that files a run under another job', async () => {
    const parent = uuid();
    expect((await postEvent(api, runEvent({ eventType: 'START', runId: parent, job: jobA, eventTime: at(0) }))).status).toBe(201);
    const child = uuid();
    const before = await graphSnapshot(graph);
    const claim = await postEvent(api, runEvent({ eventType: 'START', runId: child, job: { namespace: 'airflow://pv', name: 'child' }, eventTime: at(1), runFacets: parentFacet(parent, jobB) }));
    expect(claim.status).toBe(409);
    expect(await graphSnapshot(graph)).toEqual(before);
    expect(await jobsOf(parent)).toEqual([jobA.name]);
    // Naming the parent under its own job is fine.
    expect((await postEvent(api, runEvent({ eventType: 'START', runId: child, job: { namespace: 'airflow://pv', name: 'child' }, eventTime: at(1), runFacets: parentFacet(parent, jobA) }))).status).toBe(201);
  });

  it('lets the other events of a shared batch land when one of them claims another job\'s run', async () => {
    const owned = uuid();
    expect((await postEvent(api, runEvent({ eventType: 'START', runId: owned, job: jobA, eventTime: at(0) }))).status).toBe(201);
    const others = Array.from({ length: 12 }, () => uuid());
    const results = await Promise.all([
      postEvent(api, runEvent({ eventType: 'FAIL', runId: owned, job: jobB, eventTime: at(3) })),
      ...others.map((runId, i) => postEvent(api, runEvent({ eventType: 'START', runId, job: { namespace: 'airflow://pv', name: `task_${i}` }, eventTime: at(4) }))),
    ]);
    expect(results.map((r) => r.status)).toEqual([409, ...others.map(() => 201)]);
    for (const [i, runId] of others.entries()) expect(await jobsOf(runId)).toEqual([`task_${i}`]);
    expect(await jobsOf(owned)).toEqual([jobA.name]);
  });
});
