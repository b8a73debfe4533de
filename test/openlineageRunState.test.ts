import { decodeTransition } from '../src/domain/openlineageRunState';
import type { GraphExecutor } from '../src/graph/executor';
import { type TestApi, startTestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { facet, graphSnapshot, postEvent, runEvent, uuid } from './support/openlineage';

const job = { namespace: 'airflow://pv', name: 'faers_load.extract' };
const at = (minute: number) => new Date(Date.UTC(2024, 3, 1, 6, minute)).toISOString();

/** One run's lifecycle: START, two RUNNING updates (with different facets), COMPLETE and an OTHER. */
function lifecycle(runId: string): Record<string, unknown>[] {
  const raw = { namespace: 's3://pv-raw', name: 'faers/2024Q1/ascii.zip' };
  const out = { namespace: 's3://pv-curated', name: 'faers/2024Q1/cases.parquet' };
  return [
    runEvent({ eventType: 'START', runId, job, eventTime: at(0), inputs: [raw] }),
    runEvent({ eventType: 'RUNNING', runId, job, eventTime: at(5), inputs: [raw], runFacets: { progress: facet({ pct: 40 }) } }),
    runEvent({ eventType: 'RUNNING', runId, job, eventTime: at(9), inputs: [raw], runFacets: { progress: facet({ pct: 90 }) } }),
    runEvent({ eventType: 'COMPLETE', runId, job, eventTime: at(12), inputs: [raw], outputs: [out] }),
    runEvent({ eventType: 'OTHER', runId, job, eventTime: at(20), outputs: [out] }),
  ];
}

describe('OpenLineage run state', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  beforeAll(async () => {
    graph = testGraph();
    api = await startTestApi(graph);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  const ingestAll = async (events: Record<string, unknown>[]) => {
    for (const e of events) expect((await postEvent(api, e)).status).toBe(201);
  };
  const runState = async (runId: string) => {
    const [row] = await graph.query('test.runState', 'MATCH (r:Run {runId: $runId}) RETURN r.olState AS state, r.status AS status, r.startTime AS start, r.endTime AS end, r.olTransitions AS transitions', { runId });
    return row;
  };

  it('reaches the same final state and graph in any arrival order (COMPLETE before START)', async () => {
    const runId = uuid();
    const events = lifecycle(runId);
    const orders = [events, [...events].reverse(), [events[3], events[0], events[4], events[2], events[1]]];
    const snapshots = [];
    for (const order of orders) {
      await resetGraph(graph);
      await ingestAll(order);
      snapshots.push(await graphSnapshot(graph));
    }
    expect(snapshots[1]).toEqual(snapshots[0]);
    expect(snapshots[2]).toEqual(snapshots[0]);
    const state = await runState(runId);
    // Expected independently: the only terminal event is the COMPLETE at minute 12; START at minute 0.
    expect(state).toMatchObject({ state: 'COMPLETE', status: 'FINISHED', start: at(0), end: at(12) });
    expect((state.transitions as string[]).map((t) => decodeTransition(t)?.state)).toEqual(['START', 'RUNNING', 'RUNNING', 'COMPLETE']);
  });

  it('loses no transition when events for one run arrive concurrently', async () => {
    await resetGraph(graph);
    const runIds = [uuid(), uuid(), uuid(), uuid()];
    const all = runIds.flatMap(lifecycle);
    // Extra RUNNING heartbeats make the race for each run's transition list wider.
    for (const runId of runIds) for (let m = 1; m <= 6; m++) all.push(runEvent({ eventType: 'RUNNING', runId, job, eventTime: at(m) }));
    const results = await Promise.all(all.map((e) => postEvent(api, e)));
    expect(results.map((r) => r.status)).toEqual(all.map(() => 201));
    for (const runId of runIds) {
      const sent = all.filter((e) => (e.run as { runId: string }).runId === runId && e.eventType !== 'OTHER');
      const state = await runState(runId);
      expect((state.transitions as string[]).length).toBe(sent.length);
      expect(state).toMatchObject({ state: 'COMPLETE', start: at(0), end: at(12) });
    }
    const [row] = await graph.query('test.runCount', 'MATCH (r:Run) WHERE r.runId IN $runIds RETURN count(r) AS runs, count { MATCH (:Job)-[:HAS_RUN]->(x:Run) WHERE x.runId IN $runIds } AS links', { runIds });
    expect(row).toEqual({ runs: runIds.length, links: runIds.length });
  });

  it('ends in FAIL when a run fails, whatever came before', async () => {
    await resetGraph(graph);
    const runId = uuid();
    await ingestAll([
      runEvent({ eventType: 'FAIL', runId, job, eventTime: at(3) }),
      runEvent({ eventType: 'RUNNING', runId, job, eventTime: at(7) }),
      runEvent({ eventType: 'START', runId, job, eventTime: at(1) }),
    ]);
    expect(await runState(runId)).toMatchObject({ state: 'FAIL', status: 'FAILED', start: at(1), end: at(3) });
  });
});
