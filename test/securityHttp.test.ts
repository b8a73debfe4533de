import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { compose } from '../src/composition/root';
import { ConfigError, loadConfig } from '../src/config';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { createApp } from '../src/http/app';
import { provisionTestToken, startTestApi } from './support/api';
import { loadDemo } from './support/demo';
import { testGraph } from './support/graph';

/** Hardening that depends on configuration: one app per setting. */
describe('HTTP hardening', () => {
  let graph: GraphExecutor;
  beforeAll(async () => {
    graph = testGraph();
    await loadDemo(graph);
  });
  afterAll(async () => {
    await graph.close();
  });

  /** The app with its log captured line by line, on an ephemeral port. */
  async function appWithLog(): Promise<{ graphqlUrl: string; lines: Record<string, unknown>[]; close: () => Promise<void> }> {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(...String(chunk).trim().split('\n').map((l) => JSON.parse(l))), done()) });
    const server = createServer();
    const { app, apollo } = await createApp({ root: compose(loadConfig({ NEO4J_PASSWORD: 'x' }), { graph }), log: pino({ level: 'info' }, sink), isStarted: () => true }, server);
    server.on('request', app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { graphqlUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, lines, close: () => apollo.stop() };
  }

  it('rate-limits per token with 429 and Retry-After', async () => {
    const api = await startTestApi(graph, { PVL_RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await api.gql('{ me { id } }')).status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
      expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
      const limited = await api.gql('{ me { id } }');
      expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      // Another token has its own bucket.
      const other = await provisionTestToken([Role.VIEWER], 'rate.other');
      expect((await api.gql('{ me { id } }', undefined, { token: other })).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('answers 429 to an address presenting too many invalid tokens, bounding security-event writes', async () => {
    const api = await startTestApi(graph, { PVL_LOGIN_ADDRESS_MAX_FAILURES: '3' });
    try {
      const countRejected = async () => Number((await graph.query('t.rej', 'MATCH (e:AuditEvent {action: "TOKEN_REJECTED"}) RETURN count(e) AS n'))[0].n);
      const before = await countRejected();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await api.gql('{ me { id } }', undefined, { token: `pvl_${String(i).repeat(43)}` })).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect((await countRejected()) - before).toBe(3);
    } finally {
      await api.close();
    }
  });

  it('serves Prometheus metrics only with the scrape token', async () => {
    const scrape = 'scrape-token-0123456789';
    const api = await startTestApi(graph, { PVL_METRICS_TOKEN: scrape });
    try {
      // The runs' experiments come with their page; their child runs come through a loader batch.
      await api.gql('query StoresForMetrics { runs(first: 5) { edges { node { id experiment { id } children { id } } } } }');
      await api.gql('mutation { login(userId: "nobody", password: "wrong password") { token } }', undefined, { anonymous: true });
      expect((await fetch(`${api.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      const res = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${scrape}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/pvl_graphql_requests_total\{operation="StoresForMetrics",outcome="ok"\} 1/);
      expect(text).toMatch(/pvl_graphql_request_duration_seconds_bucket\{le="[^"]+",operation="StoresForMetrics"\}/);
      expect(text).toMatch(/pvl_neo4j_statement_duration_seconds_count\{operation="run.list",ok="true"\} [1-9]/);
      expect(text).toMatch(/pvl_dataloader_batch_size_count\{loader="runs.childrenOf"\} [1-9]/);
      expect(text).toMatch(/pvl_failed_logins_total\{reason="UNKNOWN_USER"\} 1/);
      expect(text).toMatch(/pvl_graphql_errors_total\{code="UNAUTHENTICATED"\} 1/);
    } finally {
      await api.close();
    }
  });

  it('turns introspection and GraphiQL off by default in production', async () => {
    const api = await startTestApi(graph, { NODE_ENV: 'production' });
    try {
      const res = await api.gql('{ __schema { queryType { name } } }');
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect((await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } })).status).toBe(401);
      expect((await fetch(`${api.url}/assets/graphiql/graphiql.js`)).status).toBe(401);
    } finally {
      await api.close();
    }
  });

  it('allows anonymous reads only when the demo flag is on, never writes, and never in production', async () => {
    const api = await startTestApi(graph, { PVL_ANONYMOUS_READ: 'true' }, { anonymous: true });
    try {
      const read = await api.gql<{ me: { method: string; roles: string[] } }>('{ me { method roles } }');
      expect(read.data!.me).toEqual({ method: 'ANONYMOUS', roles: ['VIEWER'] });
      expect((await api.gql('{ trackingStores { id } }')).errors).toBeUndefined();
      expect((await api.gql('{ users { id } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await api.close();
    }
    expect(() => loadConfig({ NEO4J_PASSWORD: 'x', NODE_ENV: 'production', PVL_ANONYMOUS_READ: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ NEO4J_PASSWORD: 'x', NODE_ENV: 'production', PVL_ANONYMOUS_READ: 'true' })).toThrow(/PVL_ANONYMOUS_READ/);
  });

  it('sends security headers and answers CORS only for allow-listed origins', async () => {
    const api = await startTestApi(graph, { PVL_CORS_ORIGINS: 'https://lineage.example.test' });
    try {
      const res = await fetch(`${api.url}/healthz`, { headers: { origin: 'https://lineage.example.test' } });
      expect(res.headers.get('access-control-allow-origin')).toBe('https://lineage.example.test');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const evil = await fetch(`${api.url}/healthz`, { headers: { origin: 'https://evil.test' } });
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await api.close();
    }
  });

  it('logs the detail of an error it masks, under the request id, and tells the client nothing more', async () => {
    const { graphqlUrl, lines, close } = await appWithLog();
    // A report written without its creation time cannot be served as a DateTime: a server fault.
    await graph.write('t.broken', (tx) => tx.run("CREATE (:Report {id: 'report:broken-for-log', title: 'Broken', kind: 'PSUR', status: 'FINAL'})"));
    try {
      const token = await provisionTestToken([Role.VIEWER], 'masked.user');
      const res = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'masked-req' },
        body: JSON.stringify({ query: '{ report(id: "report:broken-for-log") { id createdAt } }' }),
      });
      const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors.map((e) => [e.message, e.extensions.code])).toEqual([['Internal server error', 'INTERNAL_SERVER_ERROR']]);
      const logged = lines.filter((l) => l.msg === 'masked internal error');
      expect(logged).toHaveLength(1);
      expect(logged[0].reqId).toBe('masked-req');
      expect(JSON.stringify(logged[0].err)).toMatch(/DateTime/);
    } finally {
      await graph.write('t.unbroken', (tx) => tx.run("MATCH (r:Report {id: 'report:broken-for-log'}) DETACH DELETE r"));
      await close();
    }
  });

  it('writes the trace id from traceparent into every log line of the request', async () => {
    const { graphqlUrl, lines, close } = await appWithLog();
    try {
      const token = await provisionTestToken([Role.VIEWER], 'trace.user');
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'x-request-id': 'trace-req' },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      const mine = lines.filter((l) => (l.req as { id?: string } | undefined)?.id === 'trace-req' || l.reqId === 'trace-req');
      expect(mine.length).toBeGreaterThan(0);
      for (const l of mine) expect(l.traceId).toBe(traceId);
    } finally {
      await close();
    }
  });
});
