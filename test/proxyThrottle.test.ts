import type { GraphExecutor } from '../src/graph/executor';
import { Role } from '../src/domain/role';
import { startTestApi, type TestApi } from './support/api';
import { tokenWithRoles } from './support/identity';
import { resetGraph, testGraph } from './support/graph';

/**
 * Throttles behind a reverse proxy: every client arrives from the proxy's address, so only the
 * hops listed in PVL_TRUST_PROXY may tell the real one, and a throttle must never refuse a
 * request whose token is valid.
 */
describe('throttles behind a trusted proxy', () => {
  let graph: GraphExecutor;
  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
  });
  afterAll(async () => {
    await graph.close();
  });

  const garbage = (i: number) => `pvl_${`g${i}x`.padEnd(43, 'z')}`;
  const me = (api: TestApi, token: string, forwardedFor?: string) =>
    api.gql<{ me: { id: string } }>('{ me { id } }', undefined, { token, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
  const rejectedAddresses = async () =>
    (await graph.query('t.rejected', 'MATCH (e:AuditEvent {action: "TOKEN_REJECTED"}) RETURN e.newValue AS v ORDER BY e.seq')).map((r) => (JSON.parse(String(r.v)) as { address?: string }).address ?? null);

  it('never refuses a valid token, however many garbage tokens came from its address', async () => {
    // No token cache: every valid token below is looked up in Neo4j like a fresh one.
    const api = await startTestApi(graph, { PVL_TRUST_PROXY: '127.0.0.1', PVL_TOKEN_CACHE_TTL_MS: '0' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await me(api, garbage(i), '203.0.113.7')).status);
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
      expect(statuses.slice(20)).toEqual(Array(5).fill(429));

      const valid = await tokenWithRoles([Role.VIEWER]);
      const ok = await me(api, valid, '203.0.113.7');
      expect(ok.status).toBe(200);
      expect(ok.data?.me.id).toBeTruthy();
      const pipeline = await tokenWithRoles([Role.PIPELINE]);
      expect((await me(api, pipeline, '203.0.113.7')).status).toBe(200);

      // Another client behind the same proxy is counted on its own.
      expect((await me(api, garbage(99), '203.0.113.8')).status).toBe(401);
      // X-Forwarded-For is read from the right: an address the client prepends changes nothing.
      expect((await me(api, garbage(98), '198.51.100.1, 203.0.113.7')).status).toBe(429);
      expect((await rejectedAddresses()).slice(-2)).toEqual(['203.0.113.7', '203.0.113.8']);
    } finally {
      await api.close();
    }
  });

  it('believes no X-Forwarded-For when no proxy is trusted', async () => {
    const api = await startTestApi(graph, { PVL_LOGIN_ADDRESS_MAX_FAILURES: '3', PVL_TOKEN_CACHE_TTL_MS: '0' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await me(api, garbage(200 + i), `192.0.2.${i + 1}`)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect((await rejectedAddresses()).slice(-1)).toEqual(['127.0.0.1']);
      expect((await me(api, await tokenWithRoles([Role.VIEWER]), '192.0.2.1')).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
