import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import { createExecutor } from '../src/graph/driver';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { testNeo4jConfig } from './support/env';
import { TcpProxy } from './support/tcpProxy';

describe('HTTP surface', () => {
  let proxy: TcpProxy;
  let graph: GraphExecutor;
  let api: TestApi;

  beforeAll(async () => {
    const real = new URL(testNeo4jConfig().uri);
    proxy = new TcpProxy(real.hostname, Number(real.port));
    await proxy.open();
    graph = createExecutor({ ...testNeo4jConfig(), uri: `bolt://127.0.0.1:${proxy.port}` });
    api = await startTestApi(graph);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
    await proxy.cut();
  });

  it('reports liveness and readiness', async () => {
    const health = await fetch(`${api.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('serves GraphiQL and its assets locally, with no CDN', async () => {
    const page = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs.length).toBeGreaterThanOrEqual(5);
    for (const src of srcs) {
      expect(src.startsWith('/')).toBe(true);
      const asset = await fetch(`${api.url}${src}`);
      expect({ src, status: asset.status }).toEqual({ src, status: 200 });
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('tags responses with a request id, echoing a sane one', async () => {
    const res = await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    const other = await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 503 and SERVICE_UNAVAILABLE while Neo4j is unreachable, then recovers by itself', async () => {
    const port = proxy.port;
    await proxy.cut();
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(503);
    const res = await api.gql('query($id: ID!) { node(id: $id) { id } }', { id: formatId(NodeType.REPORT, 'x') });
    expect(res.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.js|Neo4jError|ECONNREFUSED/i);

    proxy = new TcpProxy(new URL(testNeo4jConfig().uri).hostname, Number(new URL(testNeo4jConfig().uri).port), port);
    await proxy.open();
    const again = await fetch(`${api.url}/readyz`);
    expect(again.status).toBe(200);
    const ok = await api.gql('query($id: ID!) { node(id: $id) { id } }', { id: formatId(NodeType.REPORT, 'x') });
    expect(ok.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('rejects a malformed GraphQL request with a code and no stack trace', async () => {
    const res = await api.gql('{ runs(first: "ten") { totalCount } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(res)).not.toContain('stacktrace');
  });
});
