import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { compose } from '../src/composition/root';
import { loadConfig } from '../src/config';
import type { GraphExecutor } from '../src/graph/executor';
import { createApp } from '../src/http/app';
import { createLogger } from '../src/http/logger';
import { provisionTestToken } from './support/api';
import { testAuditEnv } from './support/audit';
import { testGraph } from './support/graph';
import { parseStrictJson } from './support/strictJson';

type Line = Record<string, unknown>;

/**
 * Every line the server logs during a run of varied requests is strict JSON (no key twice),
 * carries no secret from a URL, and names its request's trace id, the one the client was given.
 */
describe('log lines', () => {
  let graph: GraphExecutor;
  let url: string;
  let token: string;
  let close: () => Promise<void>;
  const raw: string[] = [];

  beforeAll(async () => {
    graph = testGraph();
    token = await provisionTestToken();
    const sink = new Writable({ write: (chunk, _enc, done) => (raw.push(...String(chunk).split('\n').filter(Boolean)), done()) });
    const log = createLogger('info', 'json', sink);
    const root = compose(loadConfig({ NEO4J_PASSWORD: 'x', ...testAuditEnv() }), { graph, log });
    // A repository failure the client sees only as INTERNAL_SERVER_ERROR.
    root.repos.ingest.list = async () => {
      throw new Error('ingest list exploded');
    };
    const server = createServer();
    const { app, apollo } = await createApp({ root, log, isStarted: () => true }, server);
    server.on('request', app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => apollo.stop();
  });
  afterAll(async () => {
    await close?.();
    await graph.close();
  });

  const SECRETS = ['SECRET-ACCESS-TOKEN-1', 'hunter2-PASSWORD', 'SECRET-TOKEN-PARAM', 'SECRET-PW-PARAM'];
  const post = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify({ query }) });

  it('are strict JSON without secrets, and each names its request and trace', async () => {
    const traced = '0af7651916cd43dd8448eb211c80319c';
    const responses = [
      await fetch(`${url}/graphql?access_token=${SECRETS[0]}&query=${encodeURIComponent('{ me { id } }')}`),
      await fetch(`${url}/graphql?query=${encodeURIComponent(`mutation { login(userId: "x", password: "${SECRETS[1]}") { token } }`)}`),
      await fetch(`${url}/api/v1/events/lineage?limit=1&token=${SECRETS[2]}`, { headers: { authorization: `Bearer ${token}` } }),
      await fetch(`${url}/nowhere?Password=${SECRETS[3]}&page=2`),
      await post('{ me { id } }'),
      await post('{ me { id } }', { traceparent: `00-${traced}-b7ad6b7169203331-01` }),
      await post('{ me { id } }', { traceparent: '00-not-a-trace-id-01' }),
      await post('{ ingestions(last: 1) { id } }'),
    ];
    const traceIds = responses.map((r) => r.headers.get('x-trace-id'));
    for (const id of traceIds) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(traceIds).size).toBe(traceIds.length);
    expect(traceIds[5]).toBe(traced);
    const masked = (await responses[7].json()) as { errors: { extensions: { code: string } }[] };
    expect(masked.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    // pino-http writes a completion line as each response finishes, which may follow the client's read.
    while (raw.filter((l) => l.includes('"responseTime"')).length < responses.length) await new Promise((r) => setImmediate(r));

    const lines = raw.map((l) => parseStrictJson(l) as Line);
    for (const secret of SECRETS) expect(raw.filter((l) => l.includes(secret))).toEqual([]);

    const completions = lines.filter((l) => l.msg === 'request completed' || l.msg === 'request errored');
    const requestLine = (n: number) => completions.find((l) => l.traceId === traceIds[n]) as { req: { url: string; query: unknown } } | undefined;
    expect(requestLine(0)?.req).toMatchObject({ url: '/graphql?[redacted]', query: '[redacted]' });
    expect(requestLine(1)?.req).toMatchObject({ url: '/graphql?[redacted]', query: '[redacted]' });
    expect(requestLine(2)?.req).toMatchObject({ url: '/api/v1/events/lineage?limit=1&token=%5Bredacted%5D', query: { limit: '1', token: '[redacted]' } });
    expect(requestLine(3)?.req).toMatchObject({ url: '/nowhere?Password=%5Bredacted%5D&page=2', query: { Password: '[redacted]', page: '2' } });
    expect(completions.map((l) => l.traceId).sort()).toEqual([...traceIds].sort());

    const maskedLines = lines.filter((l) => l.msg === 'masked internal error');
    expect(maskedLines).toHaveLength(1);
    expect(maskedLines[0]).toMatchObject({ traceId: traceIds[7], err: { message: 'ingest list exploded' } });
    expect(maskedLines[0].reqId).toBe((completions.find((l) => l.traceId === traceIds[7]) as Line).reqId);
  });

  it('refuses a duplicate key, which JSON.parse lets through', () => {
    const line = '{"level":30,"traceId":"a","req":{"id":1},"traceId":"b"}';
    expect(JSON.parse(line)).toMatchObject({ traceId: 'b' });
    expect(() => parseStrictJson(line)).toThrow(/duplicate key "traceId"/);
    expect(() => parseStrictJson('{"a":{"b":1,"b":2}}')).toThrow(/duplicate key "b"/);
    expect(parseStrictJson('{"a":{"b":1},"c":{"b":2}}')).toEqual({ a: { b: 1 }, c: { b: 2 } });
  });
});
