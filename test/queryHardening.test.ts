import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { testGraph } from './support/graph';

/** `G0 { <leaf> }`, then each `Gi { ...G(i-1) ...G(i-1) }`: written out, 2^levels leaves. */
function ladder(levels: number, type: string, leaf: string): string {
  const fragments = [`fragment G0 on ${type} { ${leaf} }`];
  for (let i = 1; i <= levels; i++) fragments.push(`fragment G${i} on ${type} { ...G${i - 1} ...G${i - 1} }`);
  return fragments.join('\n');
}

interface Answer {
  readonly status: number;
  readonly body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  readonly ms: number;
}

/** POSTs `body`, serialised unless it is already JSON text. */
async function post(url: string, body: unknown, token: string | null): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const parsed = (await res.json()) as Answer['body'];
  return { status: res.status, body: parsed, ms: performance.now() - started };
}

/** Time of a /healthz answer. */
async function healthz(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}/healthz`);
  await res.text();
  expect(res.status).toBe(200);
  return performance.now() - started;
}

/** A bound far above the real figures (docs/benchmarks.md), so that only a walk that grows with the expansion fails it on a loaded machine. */
const GENEROUS_MS = 2000;

describe('query hardening over HTTP', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let quiet: TestApi;
  beforeAll(async () => {
    graph = testGraph();
    api = await startTestApi(graph);
    quiet = await startTestApi(graph, { PVL_INTROSPECTION: 'false' });
  });
  afterAll(async () => {
    await api?.close();
    await quiet?.close();
    await graph?.close();
  });

  it('answers the fragment ladder quickly at every length, refusing it as QUERY_TOO_COMPLEX once over the cost limit, while /healthz answers', async () => {
    const codes: (string | undefined)[] = [];
    for (let levels = 1; levels <= 30; levels++) {
      const query = `{ me { ...G${levels} } }\n${ladder(levels, 'Me', 'id')}`;
      const [answer, health] = await Promise.all([post(api.url, { query }, api.token), healthz(api.url)]);
      expect({ levels, slow: answer.ms > GENEROUS_MS || health > GENEROUS_MS }).toEqual({ levels, slow: false });
      codes.push(answer.body.errors?.[0]?.extensions?.code);
      if (answer.body.errors) expect(answer.status).toBe(400);
    }
    expect(codes[0]).toBeUndefined();
    expect(codes[29]).toBe('QUERY_TOO_COMPLEX');
    expect(codes.filter((c) => c !== undefined && c !== 'QUERY_TOO_COMPLEX')).toEqual([]);
  });

  it('refuses the ladder nested under login, without a token, before login runs', async () => {
    for (const levels of [22, 26, 30]) {
      const query = `mutation { login(userId: "nobody", password: "not-a-password") { ...G${levels} } }\n${ladder(levels, 'LoginResult', 'token')}`;
      const [answer, health] = await Promise.all([post(api.url, { query }, null), healthz(api.url)]);
      expect({ levels, slow: answer.ms > GENEROUS_MS || health > GENEROUS_MS }).toEqual({ levels, slow: false });
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    }
  });

  it('refuses an unused variable nested 30,000 deep with BAD_USER_INPUT naming it', async () => {
    // Written as text: JSON.stringify itself recurses, and would overflow on the client.
    const deep = `${'['.repeat(30_000)}1${']'.repeat(30_000)}`;
    const answer = await post(api.url, `{"query": "{ me { id } }", "variables": {"unused": ${deep}}}`, api.token);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.body.errors?.[0]?.message).toContain('"$unused"');
    // Up to the limit it is an ordinary (unused) variable.
    let fine: unknown = 1;
    for (let i = 0; i < 64; i++) fine = [fine];
    expect((await post(api.url, { query: '{ me { id } }', variables: { unused: fine } }, api.token)).status).toBe(200);
  });

  it('answers an operationName that names no operation with 400, for reads and for mutations alike', async () => {
    const document = 'query A { me { id } } query B { me { displayName } } mutation C($input: RegisterReportInput!) { registerReport(input: $input) { id } }';
    for (const operationName of ['Nope', 'c']) {
      const answer = await post(api.url, { query: document, operationName }, api.token);
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]).toMatchObject({ message: `The document has no operation named "${operationName}"; it holds "A", "B", "C"`, extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
    }
    const unnamed = await post(api.url, { query: document }, api.token);
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    const named = await post(api.url, { query: document, operationName: 'B' }, api.token);
    expect(named.status).toBe(200);
    expect(named.body.errors).toBeUndefined();
  });

  it('suggests field names and enum values only while introspection is on', async () => {
    const typo = '{ repor { id } }';
    const enumTypo = { query: 'query($f: RunFilter) { runs(filter: $f) { totalCount } }', variables: { f: { statuses: ['FINISHD'] } } };
    const open = await post(api.url, { query: typo }, api.token);
    expect(open.body.errors?.[0]?.message).toMatch(/Did you mean "report"/);
    expect((await post(api.url, enumTypo, api.token)).body.errors?.[0]?.message).toMatch(/Did you mean the enum value "FINISHED"/);

    const closed = await post(quiet.url, { query: typo }, quiet.token);
    expect(closed.status).toBe(400);
    expect(closed.body.errors?.[0]).toMatchObject({ message: 'Cannot query field "repor" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const closedEnum = await post(quiet.url, enumTypo, quiet.token);
    expect(closedEnum.status).toBe(400);
    expect(closedEnum.body.errors?.[0]?.message).toContain('FINISHD');
    expect(closedEnum.body.errors?.[0]?.message).not.toMatch(/Did you mean|FINISHED/);
  });
});
