import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi } from './support/api';
import { countGraph, resetGraph, testGraph } from './support/graph';
import { tokenWithRoles } from './support/identity';
import { postEvent, runEvent, uuid } from './support/openlineage';

/** The OpenLineage routes' own limits: the per-token rate limit GraphQL has, and caps on an event's datasets. */
describe('OpenLineage limits', () => {
  let graph: GraphExecutor;
  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
  });
  afterAll(async () => {
    await graph.close();
  });

  const datasets = (side: string, n: number) => Array.from({ length: n }, (_, i) => ({ namespace: 'limits', name: `${side}-${i}` }));
  const event = (inputs: number, outputs: number) =>
    runEvent({ eventType: 'COMPLETE', runId: uuid(), job: { namespace: 'limits', name: `job-${inputs}-${outputs}` }, eventTime: new Date().toISOString(), inputs: datasets('in', inputs), outputs: datasets('out', outputs) });

  it('shares the per-token rate limit with GraphQL, reads and events alike', async () => {
    // 3 a minute refills one every 20 s, far longer than the requests below take.
    const api = await startTestApi(graph, { PVL_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const [token, warm] = await Promise.all([tokenWithRoles([Role.VIEWER, Role.PIPELINE]), tokenWithRoles([Role.PIPELINE])]);
      // The first event compiles the schema validator; do that outside the measured budget.
      expect((await postEvent(api, event(1, 1), { token: warm })).status).toBe(201);
      const read = () => fetch(`${api.url}/api/v1/events/lineage?limit=1`, { headers: { authorization: `Bearer ${token}` } });
      expect((await api.gql('{ me { id } }', undefined, { token })).status).toBe(200);
      expect((await read()).status).toBe(200);
      expect((await postEvent(api, event(1, 1), { token })).status).toBe(201);
      const limited = await read();
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await limited.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(await postEvent(api, event(1, 1), { token })).toMatchObject({ status: 429 });
      expect((await api.gql('{ me { id } }', undefined, { token })).status).toBe(429);
      // Another token has its own budget.
      const other = await tokenWithRoles([Role.VIEWER]);
      expect((await fetch(`${api.url}/api/v1/events/lineage?limit=1`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('refuses an event over the input or output cap with 400 naming it, and writes nothing', async () => {
    const api = await startTestApi(graph, { PVL_OPENLINEAGE_MAX_INPUTS: '3', PVL_OPENLINEAGE_MAX_OUTPUTS: '2' });
    try {
      const before = await countGraph(graph);
      const inputs = await postEvent(api, event(4, 1));
      expect(inputs.status).toBe(400);
      expect(inputs.body).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', argument: 'inputs', setting: 'PVL_OPENLINEAGE_MAX_INPUTS', limit: 3, count: 4 } }] });
      expect(JSON.stringify(inputs.body)).toMatch(/at most 3 inputs \(PVL_OPENLINEAGE_MAX_INPUTS\)/);
      const outputs = await postEvent(api, event(1, 3));
      expect(outputs.body).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', argument: 'outputs', setting: 'PVL_OPENLINEAGE_MAX_OUTPUTS', limit: 2, count: 3 } }] });
      expect(await countGraph(graph)).toEqual(before);
      expect((await postEvent(api, event(3, 2))).status).toBe(201);
    } finally {
      await api.close();
    }
  });

  it('caps at 1000 inputs and 1000 outputs by default', async () => {
    const api = await startTestApi(graph);
    try {
      const before = await countGraph(graph);
      expect(await postEvent(api, event(1001, 0))).toMatchObject({ status: 400, body: { errors: [{ extensions: { argument: 'inputs', limit: 1000 } }] } });
      expect(await postEvent(api, event(0, 1001))).toMatchObject({ status: 400, body: { errors: [{ extensions: { argument: 'outputs', limit: 1000 } }] } });
      expect(await countGraph(graph)).toEqual(before);
    } finally {
      await api.close();
    }
  });
});
