import type { GraphExecutor } from '../src/graph/executor';
import { jobNodeId, olRunNodeId } from '../src/services/openlineage/openLineageService';
import { type TestApi, startTestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { facet, postEvent, runEvent, uuid } from './support/openlineage';

const RUN = `query($id: ID!) { node(id: $id) { ... on Run {
  tags
  openLineage { tags { key value source } errorMessage { message programmingLanguage stackTrace } nominalStartTime nominalEndTime processingEngine { name version openlineageAdapterVersion } }
} } }`;
const JOB = 'query($id: ID!) { job(id: $id) { jobType { processingType integration jobType } } }';

type RunAnswer = { node: { tags: Record<string, string>; openLineage: Record<string, unknown> | null } };

describe('OpenLineage run facets', () => {
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

  const job = { namespace: 'airflow://pv', name: 'faers_load.extract' };
  const start = (runId: string) =>
    runEvent({
      eventType: 'START', runId, job, eventTime: '2024-04-02T02:00:00.000Z',
      runFacets: {
        nominalTime: facet({ nominalStartTime: '2024-04-01T00:00:00Z', nominalEndTime: '2024-04-02T00:00:00Z' }),
        processing_engine: facet({ name: 'Airflow', version: '2.9.1', openlineageAdapterVersion: '1.40.0' }),
        tags: facet({ tags: [{ key: 'openlineage_client_version', value: '1.40.0', source: 'CLIENT' }, { key: 'team', value: 'pv' }] }),
      },
    });
  const fail = (runId: string) =>
    runEvent({
      eventType: 'FAIL', runId, job, eventTime: '2024-04-02T02:05:00.000Z',
      runFacets: {
        errorMessage: facet({ message: 'FAERS archive truncated', programmingLanguage: 'python', stackTrace: 'Traceback (most recent call last): …' }),
        tags: facet({ tags: [{ key: 'team', value: 'pv-signal' }] }),
      },
    });

  const facetsOf = async (runId: string) => {
    const res = await api.gql<RunAnswer>(RUN, { id: olRunNodeId(runId) });
    expect(res.errors).toBeUndefined();
    return res.data!.node;
  };

  const EXPECTED = {
    // The FAIL's tags facet is the newest, so it replaces the START's whole tag set.
    tags: [{ key: 'team', value: 'pv-signal', source: null }],
    errorMessage: { message: 'FAERS archive truncated', programmingLanguage: 'python', stackTrace: 'Traceback (most recent call last): …' },
    nominalStartTime: '2024-04-01T00:00:00Z',
    nominalEndTime: '2024-04-02T00:00:00Z',
    processingEngine: { name: 'Airflow', version: '2.9.1', openlineageAdapterVersion: '1.40.0' },
  };

  it('keeps each facet from the newest event that carried it, apart from MLflow tags', async () => {
    const runId = uuid();
    for (const e of [start(runId), fail(runId)]) expect((await postEvent(api, e)).status).toBe(201);
    const run = await facetsOf(runId);
    expect(run.openLineage).toEqual(EXPECTED);
    expect(run.tags).toEqual({});
  });

  it('answers the same whichever order the events arrive in', async () => {
    const runId = uuid();
    for (const e of [fail(runId), start(runId)]) expect((await postEvent(api, e)).status).toBe(201);
    expect((await facetsOf(runId)).openLineage).toEqual(EXPECTED);
  });

  it('reads the jobType job facet', async () => {
    const event = runEvent({ eventType: 'START', runId: uuid(), job: { namespace: 'spark://pv', name: 'dedup' }, eventTime: '2024-04-03T00:00:00.000Z' });
    (event.job as Record<string, unknown>).facets = { jobType: facet({ processingType: 'BATCH', integration: 'SPARK', jobType: 'SQL_JOB' }) };
    expect((await postEvent(api, event)).status).toBe(201);
    const res = await api.gql<{ job: { jobType: unknown } }>(JOB, { id: jobNodeId('spark://pv', 'dedup') });
    expect(res.errors).toBeUndefined();
    expect(res.data?.job.jobType).toEqual({ processingType: 'BATCH', integration: 'SPARK', jobType: 'SQL_JOB' });
  });
});
