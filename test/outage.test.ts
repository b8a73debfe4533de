import { createHash } from 'node:crypto';
import path from 'node:path';
import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import { createExecutor } from '../src/graph/driver';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { testNeo4jConfig } from './support/env';
import { resetGraph, testGraph } from './support/graph';
import { runEvent, uuid } from './support/openlineage';
import { DEMO_INGEST_ENV, registerStore } from './support/stores';
import { TcpProxy } from './support/tcpProxy';

const SQLITE = path.resolve(__dirname, '..', 'demo/mlflow/sqlite/mlflow.db');

interface Outcome {
  readonly kind: string;
  readonly status: number;
  readonly codes: readonly string[];
}

/**
 * Neo4j goes away under a mix of requests whose tokens are never cached, so every request's
 * authentication itself needs the database: every answer must be 503 SERVICE_UNAVAILABLE or a
 * normal one, never 500, and service must return within 5 s of the database.
 */
describe('a Neo4j outage under load', () => {
  const real = new URL(testNeo4jConfig().uri);
  let proxy: TcpProxy;
  let graph: GraphExecutor;
  let api: TestApi;
  let serial = 0;
  let storeId: string;

  beforeAll(async () => {
    const setup = testGraph();
    await resetGraph(setup);
    await setup.close();
    proxy = new TcpProxy(real.hostname, Number(real.port));
    await proxy.open();
    graph = createExecutor({ ...testNeo4jConfig(), uri: `bolt://127.0.0.1:${proxy.port}` });
    api = await startTestApi(graph, { PVL_TOKEN_CACHE_TTL_MS: '0', ...DEMO_INGEST_ENV });
    storeId = await registerStore(api, `sqlite:///${SQLITE}`);
  });
  afterAll(async () => {
    await api?.close();
    await graph?.close();
    await proxy?.cut();
  });

  const codesOf = (body: unknown): string[] =>
    ((body as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map((e) => String(e.extensions?.code));

  async function http(kind: string, url: string, init: RequestInit = {}): Promise<Outcome> {
    const token = api.token!;
    const res = await fetch(`${api.url}${url}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
    const text = await res.text();
    let body: unknown = {};
    try {
      body = JSON.parse(text);
    } catch {
      body = { text };
    }
    return { kind, status: res.status, codes: codesOf(body) };
  }

  const gql = (kind: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    http(kind, '/graphql', { method: 'POST', body: JSON.stringify({ query, variables }), headers });

  /** One of each request that reaches Neo4j, sent together. */
  function round(): Promise<Outcome[]> {
    serial += 1;
    const hash = createHash('sha256').update(`outage ${serial} ${Date.now()}`).digest('hex');
    const event = runEvent({ eventType: 'COMPLETE', runId: uuid(), job: { namespace: 'outage', name: `job-${serial}` }, eventTime: new Date().toISOString(), outputs: [{ namespace: 'outage', name: `ds-${serial}` }] });
    return Promise.all([
      gql('query', 'query($id: ID!) { node(id: $id) { id } }', { id: formatId(NodeType.REPORT, 'absent') }),
      gql('registerReport', 'mutation($input: RegisterReportInput!) { registerReport(input: $input) { id } }', { input: { title: `Outage ${serial}`, kind: 'PSUR', period: '2024Q1', contentHash: hash } }),
      gql('ingestMlflow', 'mutation($id: ID!) { ingestMlflow(storeId: $id) { status } }', { id: storeId }),
      gql('login', 'mutation { login(userId: "nobody.here", password: "not the password") { token } }', {}, { authorization: '' }),
      http('openlineage POST', '/api/v1/lineage', { method: 'POST', body: JSON.stringify(event) }),
      http('openlineage GET', '/api/v1/events/lineage?limit=5'),
    ]);
  }

  const isServerError = (o: Outcome) => o.status === 500 || o.codes.includes('INTERNAL_SERVER_ERROR');
  const isUnavailable = (o: Outcome) => o.status >= 500 || o.codes.some((c) => c === 'SERVICE_UNAVAILABLE' || c === 'TIMEOUT');

  it('answers 503 and never 500 while Neo4j is away, and recovers within 5 s of its return', async () => {
    const warm = await round();
    expect(warm.filter(isUnavailable)).toEqual([]);

    // Requests already in flight when the database goes away, then requests while it is away.
    const inFlight = round();
    await new Promise((r) => setTimeout(r, 30));
    const port = proxy.port;
    await proxy.cut();
    const during: Outcome[] = [...(await inFlight)];
    for (let i = 0; i < 2; i++) during.push(...(await round()));

    expect(during.filter(isServerError)).toEqual([]);
    const downKinds = new Set(during.filter((o) => o.status === 503 && o.codes.includes('SERVICE_UNAVAILABLE')).map((o) => o.kind));
    expect([...downKinds].sort()).toEqual(['ingestMlflow', 'login', 'openlineage GET', 'openlineage POST', 'query', 'registerReport']);

    proxy = new TcpProxy(real.hostname, Number(real.port), port);
    await proxy.open();
    const back = Date.now();
    // Light probes (each still authenticates against Neo4j) show when service is back; the
    // full mix, whose ingest alone takes seconds on a loaded machine, then must all succeed.
    let recovered = -1;
    const probes: Outcome[] = [];
    while (Date.now() - back < 30_000) {
      const outcomes = await Promise.all([gql('query', '{ me { id } }'), http('openlineage GET', '/api/v1/events/lineage?limit=1')]);
      probes.push(...outcomes);
      if (!outcomes.some(isUnavailable)) {
        recovered = Date.now() - back;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const after = await round();
    expect([...probes, ...after].filter(isServerError)).toEqual([]);
    expect(after.filter(isUnavailable)).toEqual([]);
    expect(recovered).toBeGreaterThanOrEqual(0);
    expect(recovered).toBeLessThan(5_000);
  }, 120_000);
});
