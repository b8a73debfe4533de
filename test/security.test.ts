import { getNamedType, type GraphQLArgument, type GraphQLField, GraphQLInputObjectType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLInputType } from 'graphql';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { buildSchema } from '../src/schema/buildSchema';
import { startTestApi, type TestApi } from './support/api';
import { loadDemo } from './support/demo';
import { testGraph } from './support/graph';
import { INJECTIONS } from './support/hostile';
import { countWithoutSecurityEvents, tokenWithRoles } from './support/identity';


/** A value of the wrong shape would be refused before the resolver; this builds right-shaped ones holding `text` in every string. */
function valueFor(type: GraphQLInputType, text: string, depth = 0): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, text, depth);
  if (isListType(type)) return [valueFor(type.ofType, text, depth)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) return depth > 2 ? {} : inputObject(type, text, depth);
  if (isScalarType(type)) {
    if (type.name === 'Int') return 5;
    if (type.name === 'Float') return 0.5;
    if (type.name === 'Boolean') return true;
    if (type.name === 'DateTime' || type.name === 'DateTimeISO') return '2024-01-01T00:00:00.000Z';
    if (type.name.startsWith('JSON')) return { k: text };
    return text;
  }
  return null;
}

function inputObject(type: GraphQLInputObjectType, text: string, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of Object.values(type.getFields())) {
    // Only required fields: optional filters with odd combinations fail for their own reasons.
    if (isNonNullType(f.type) || getNamedType(f.type).name === 'String' || getNamedType(f.type).name === 'ID') out[f.name] = valueFor(f.type, text, depth + 1);
  }
  return out;
}

function hasStringArg(arg: GraphQLArgument): boolean {
  const walk = (t: GraphQLInputType, d: number): boolean => {
    const named = getNamedType(t);
    if (named.name === 'String' || named.name === 'ID') return true;
    return d < 3 && isInputObjectType(named) && Object.values(named.getFields()).some((f) => walk(f.type, d + 1));
  };
  return walk(arg.type, 0);
}

function selectionFor(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  return isScalarType(named) || isEnumType(named) ? '' : '{ __typename }';
}

describe('bad-input suite', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let viewer: string;
  let admin: string;
  let before: { nodes: number; relationships: number };

  beforeAll(async () => {
    graph = testGraph();
    await loadDemo(graph);
    api = await startTestApi(graph, {}, { anonymous: true });
    viewer = await tokenWithRoles([Role.VIEWER]);
    admin = await tokenWithRoles([Role.ADMIN]);
    before = await countWithoutSecurityEvents(graph);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  const raw = (body: string | Buffer, headers: Record<string, string> = {}, token: string | null = viewer) =>
    fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, body });

  /** A refusal is a 4xx or a GraphQL error with a code, never a 5xx or leaked internals. */
  async function expectRefused(res: Response): Promise<string[]> {
    expect(res.status).toBeLessThan(500);
    const text = await res.text();
    expect(text).not.toMatch(/Neo4jError|neo4j-driver|Cypher|stacktrace|\bat [\w.<>]+ \(/);
    const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    const codes = (body.errors ?? []).map((e) => String(e.extensions?.code));
    if (res.status < 400) expect(codes.length).toBeGreaterThan(0);
    for (const c of codes) expect(c).not.toBe('INTERNAL_SERVER_ERROR');
    return codes;
  }

  afterEach(async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect(await countWithoutSecurityEvents(graph)).toEqual(before);
  });

  it('refuses deep nesting', async () => {
    let q = 'id';
    for (let i = 0; i < 40; i++) q = `... on Run { parent { ${q} } }`;
    const codes = await expectRefused(await raw(JSON.stringify({ query: `{ runs(first: 1) { edges { node { ${q} } } } }` })));
    expect(codes).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('refuses alias bombs', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: trackingStores { id }`).join(' ');
    expect(await expectRefused(await raw(JSON.stringify({ query: `{ ${aliases} }` })))).toEqual(['QUERY_TOO_COMPLEX']);
    const nested = Array.from({ length: 100 }, (_, i) => `b${i}: __typename`).join(' ');
    expect(await expectRefused(await raw(JSON.stringify({ query: `{ runs(first: 1) { edges { node { ${nested} } } } }` })))).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('refuses queries whose estimated cost is too high, every time, and costs each set of variables apart', async () => {
    const q = 'query($n: Int) { runs(first: $n) { edges { node { reports { runs { reports { runs { reports { id } } } } } } } } }';
    // The verdict for a text and its variables is remembered; a repeat is refused the same way.
    for (let i = 0; i < 2; i++) expect(await expectRefused(await raw(JSON.stringify({ query: q, variables: { n: 500 } })))).toEqual(['QUERY_TOO_COMPLEX']);
    const small = await raw(JSON.stringify({ query: q, variables: { n: 1 } }));
    expect(small.status).toBe(200);
    expect(((await small.json()) as { errors?: unknown }).errors).toBeUndefined();
  });

  it('refuses thousands of operations in a batch, and a document too long to parse', async () => {
    const batch = Array.from({ length: 2000 }, () => ({ query: '{me{id}}' }));
    const res = await raw(JSON.stringify(batch));
    expect(res.status).toBe(400);
    await expectRefused(res);
    const ops = Array.from({ length: 1500 }, (_, i) => `query q${i}{me{id}}`).join(' ');
    const many = await raw(JSON.stringify({ query: ops, operationName: 'q1' }));
    expect(many.status).toBe(400);
    await expectRefused(many);
  });

  it('refuses invalid JSON and wrong content types', async () => {
    for (const body of ['{"query": ', 'not json', '{"query": "{ me { id } }",}', '\u0000\u0001']) {
      const res = await raw(body);
      expect(res.status).toBe(400);
      expect(await expectRefused(res)).toEqual(['BAD_REQUEST']);
    }
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      const res = await raw(JSON.stringify({ query: '{ me { id } }' }), { 'content-type': type });
      expect(res.status).toBeGreaterThanOrEqual(400);
      await expectRefused(res);
    }
  });

  it('refuses variables of the wrong type', async () => {
    const cases: [string, unknown][] = [
      ['query($f: Int) { runs(first: $f) { totalCount } }', 'ten'],
      ['query($f: Int) { runs(first: $f) { totalCount } }', 2 ** 40],
      ['query($f: Int) { runs(first: $f) { totalCount } }', { $gt: 1 }],
      ['query($id: ID!) { node(id: $id) { id } }', null],
      ['query($id: ID!) { node(id: $id) { id } }', ['a', 'b']],
      ['query($id: ID!) { node(id: $id) { id } }', { '}) DETACH DELETE n //': 1 }],
    ];
    for (const [query, value] of cases) {
      const key = query.includes('$f') ? 'f' : 'id';
      const codes = await expectRefused(await raw(JSON.stringify({ query, variables: { [key]: value } })));
      expect(codes).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('puts Cypher-injection strings into every string argument of every Query field and writes nothing', async () => {
    const schema = buildSchema();
    const fields = Object.values(schema.getQueryType()!.getFields()).filter((f) => f.args.some(hasStringArg));
    expect(fields.length).toBeGreaterThan(5);
    let calls = 0;
    for (const field of fields) {
      for (const text of INJECTIONS) {
        const decl = field.args.map((a, i) => `$a${i}: ${a.type.toString()}`).join(', ');
        const use = field.args.map((a, i) => `${a.name}: $a${i}`).join(', ');
        const variables = Object.fromEntries(field.args.map((a, i) => [`a${i}`, valueFor(a.type, text)]));
        const res = await raw(JSON.stringify({ query: `query(${decl}) { ${field.name}(${use}) ${selectionFor(field)} }`, variables }), {}, field.name.match(/^(users|user|apiTokens|securityEvents)$/) ? admin : viewer);
        expect(res.status).toBeLessThan(500);
        const body = JSON.parse(await res.text()) as { errors?: { message: string; extensions?: { code?: string } }[] };
        for (const e of body.errors ?? []) {
          expect({ field: field.name, text, code: e.extensions?.code }).not.toEqual({ field: field.name, text, code: 'INTERNAL_SERVER_ERROR' });
          expect(e.message).not.toMatch(/Neo4j|Cypher|driver/);
        }
        calls++;
      }
    }
    expect(calls).toBe(fields.length * INJECTIONS.length);
  });

  it('puts injection strings into the identity mutations', async () => {
    for (const text of INJECTIONS) {
      const login = await raw(JSON.stringify({ query: 'mutation($u: String!, $p: String!) { login(userId: $u, password: $p) { token } }', variables: { u: text, p: text } }), {}, null);
      expect(await expectRefused(login)).toEqual(['UNAUTHENTICATED']);
      const create = await raw(JSON.stringify({ query: 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', variables: { i: { id: text, displayName: text, kind: 'USER', roles: ['VIEWER'], password: `${text} long enough password` } } }), {}, admin);
      expect(await expectRefused(create)).toEqual(['BAD_USER_INPUT']);
      const revoke = await raw(JSON.stringify({ query: 'mutation($t: ID!) { revokeApiToken(tokenId: $t) { id } }', variables: { t: text } }), {}, admin);
      expect(await expectRefused(revoke)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('refuses oversized bodies with 413', async () => {
    const big = JSON.stringify({ query: `{ me { id } } # ${'x'.repeat(200 * 1024)}` });
    const res = await raw(big);
    expect(res.status).toBe(413);
    expect(await expectRefused(res)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('refuses forged, malformed and unknown bearer tokens with 401', async () => {
    const forged = ['pvl_' + 'A'.repeat(43), 'pvl_short', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', 'Basic dXNlcjpwYXNz', '', 'x'.repeat(5000)];
    for (const t of forged) {
      const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: t.startsWith('Basic') ? t : `Bearer ${t}` }, body: JSON.stringify({ query: '{ me { id } }' }) });
      expect(res.status).toBe(401);
      expect(await expectRefused(res)).toEqual(['UNAUTHENTICATED']);
    }
  });
});
