import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphExecutor } from '../src/graph/executor';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';
import { type PopulatedServer, populatedServer } from './support/mlflowVersion';

/** A stand-in tracking server: answers `statuses` in turn to experiments/search, then 200; 404 to everything else. */
async function busyServer(statuses: number[]): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    if (req.url?.startsWith('/api/2.0/mlflow/experiments/search')) {
      const status = statuses.shift();
      if (status) {
        res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '0' } : {}) });
        return res.end(JSON.stringify({ error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' }));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ experiments: [{ experiment_id: '1', name: 'busy-exp', lifecycle_stage: 'active' }] }));
    }
    if (req.url?.startsWith('/api/2.0/mlflow/runs/search')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{}');
    }
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<h1>Not Found</h1>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const FAST = { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 10 } };

describe('REST ingest against a busy server', () => {
  let graph: GraphExecutor;
  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
  });
  afterAll(async () => graph?.close());

  it('waits out 429 then 503 and completes; endpoints the server lacks are not offered, not failures', async () => {
    const stub = await busyServer([429, 503]);
    try {
      const summary = await testRoot(graph).ingest.ingestMlflow(stub.url, { actor: 'test', rest: FAST });
      expect({ status: summary.status, error: summary.error, experiments: summary.experiments }).toEqual({ status: 'COMPLETED', error: null, experiments: 1 });
      expect(stub.hits.filter((h) => h.includes('experiments/search'))).toHaveLength(3);
      expect(summary.notOffered).toEqual(['logged-models/search', 'registered-models/search']);
    } finally {
      await stub.close();
    }
  });

  it('gives up after the bounded attempts, naming the URL and the status, with nothing written', async () => {
    const stub = await busyServer([503, 503, 503, 503]);
    try {
      await expect(testRoot(graph).ingest.ingestMlflow(stub.url, { actor: 'test', rest: FAST })).rejects.toThrow(
        new RegExp(`^MLflow server ${stub.url.replace(/\./g, '\\.')}/api/2\\.0/mlflow/experiments/search\\S* answered HTTP 503 3 times; gave up$`),
      );
      expect(stub.hits).toHaveLength(3);
      const stores = await graph.query('test.stores', 'MATCH (s:TrackingStore) WHERE s.uri CONTAINS $port RETURN count(s) AS n', { port: new URL(stub.url).port });
      expect(Number(stores[0].n)).toBe(0);
    } finally {
      await stub.close();
    }
  });
});

describe('REST ingest of a live MLflow server behind its basic-auth app', () => {
  let graph: GraphExecutor;
  let live: PopulatedServer;
  const user = { username: 'pvl-reader', password: 'Reader-pw-0f9c2b' };

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    const adminPassword = `admin-${randomUUID()}`;
    live = await populatedServer('3.x-pinned', { appName: 'basic-auth', env: { MLFLOW_AUTH_ADMIN_PASSWORD: adminPassword } });
    // A new user of MLflow's auth app may read every experiment (default_permission READ).
    const admin = `Basic ${Buffer.from(`admin:${adminPassword}`).toString('base64')}`;
    const res = await fetch(`${live.server.url}/api/2.0/mlflow/users/create`, {
      method: 'POST',
      headers: { authorization: admin, 'content-type': 'application/json' },
      body: JSON.stringify(user),
    });
    if (!res.ok) throw new Error(`users/create answered ${res.status}: ${await res.text()}`);
  }, 240_000);
  afterAll(async () => {
    await live?.stop();
    await graph?.close();
  });

  it('without credentials: a clear error naming the URL and 401, and nothing written', async () => {
    const err = await testRoot(graph).ingest.ingestMlflow(live.server.url, { actor: 'test' }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/^MLflow server http:\/\/127\.0\.0\.1:\d+\/api\/2\.0\/mlflow\/experiments\/search\S* answered HTTP 401: no credentials were given/);
    const nodes = await graph.query('test.count', 'MATCH (n) WHERE n:TrackingStore OR n:Run OR n:Ingestion RETURN count(n) AS n', {});
    expect(Number(nodes[0].n)).toBe(0);
  });

  it('with MLFLOW_TRACKING_USERNAME/PASSWORD: completes, and the password is nowhere in the graph', async () => {
    const root = testRoot(graph, { MLFLOW_TRACKING_USERNAME: user.username, MLFLOW_TRACKING_PASSWORD: user.password });
    const summary = await root.ingest.ingestMlflow(live.server.url, { actor: 'test' });
    expect({ status: summary.status, error: summary.error }).toEqual({ status: 'COMPLETED', error: null });
    expect(summary.runsSeen).toBeGreaterThanOrEqual(6);
    const everything = await graph.query('test.all', 'MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN properties(n) AS n, collect(properties(r)) AS r', {});
    expect(everything.length).toBeGreaterThan(10);
    expect(JSON.stringify(everything)).not.toContain(user.password);
    const wrong = testRoot(graph, { MLFLOW_TRACKING_USERNAME: user.username, MLFLOW_TRACKING_PASSWORD: 'not-the-password' });
    const err = await wrong.ingest.ingestMlflow(live.server.url, { actor: 'test' }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/answered HTTP 401: the credentials given were refused$/);
    expect((err as Error).message).not.toContain('not-the-password');
  }, 120_000);
});
