import fc from 'fast-check';
import { getNamedType, isInputObjectType, type GraphQLSchema } from 'graphql';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { buildSchema } from '../src/schema/buildSchema';
import { startTestApi, type TestApi } from './support/api';
import { loadDemo, runNodeId } from './support/demo';
import { percentile, type RawAnswer, rawRequest, sampleHealthz } from './support/fuzzHttp';
import { testGraph } from './support/graph';
import { INJECTIONS } from './support/hostile';
import { countWithoutSecurityEvents, tokenWithRoles } from './support/identity';

const RUNS = Number(process.env.PVL_FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.PVL_FUZZ_SEED ?? 20261203);

/** Raw JSON text builders: a JS object cannot hold `__proto__` as an own key or repeat a key, JSON text can. */
const obj = (entries: readonly (readonly [string, string])[]) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
const arr = (items: readonly string[]) => `[${items.join(',')}]`;

const LONE = ['\ud800', 'a\udbff', '\udc00z', 'x\udfff\ud800', '😀\ud83d'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'then', '__defineGetter__'];
const HUGE_NUMBERS = ['1e400', '-1e400', '1e-400', '123456789012345678901234567890', '9007199254740993', '-0', '2147483648', '-2147483649', '0.1e1', '4e9'];

function inputFieldNames(schema: GraphQLSchema): string[] {
  return [...new Set(Object.values(schema.getTypeMap()).flatMap((t) => (isInputObjectType(t) ? Object.keys(t.getFields()) : [])))];
}

function hostileValueArb(schema: GraphQLSchema, ids: readonly string[]): fc.Arbitrary<string> {
  const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...LONE), fc.constantFrom(...INJECTIONS), fc.constantFrom(...ids), fc.constantFrom('', 'x'.repeat(3000), 'y'.repeat(9000)));
  const leaf = fc.oneof(
    text.map((s) => JSON.stringify(s)),
    fc.constantFrom(...HUGE_NUMBERS),
    fc.integer().map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
    fc.constantFrom('true', 'false', 'null'),
  );
  const key = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.constantFrom(...inputFieldNames(schema)), fc.string({ maxLength: 8 }), fc.constantFrom(...LONE));
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('tree'), { maxLength: 4 }).map((xs) => arr(xs as string[])),
    object: fc.array(fc.tuple(key, tie('tree')), { maxLength: 5 }).map((es) => obj(es as [string, string][])),
  }));
  // Deep: around the nesting limit, and far past it (a 30,000-deep array is 60 kB, under the body limit).
  const deep = fc.tuple(fc.constantFrom(63, 64, 65, 200, 5000, 30_000), fc.boolean()).map(([n, asArray]) => (asArray ? `${'['.repeat(n)}1${']'.repeat(n)}` : `${'{"a":'.repeat(Math.min(n, 15_000))}1${'}'.repeat(Math.min(n, 15_000))}`));
  // Wide: many items or many keys, duplicates and prototype keys included.
  const wide = fc.tuple(fc.integer({ min: 100, max: 8000 }), fc.boolean(), leaf).map(([n, asArray, v]) =>
    asArray ? arr(Array.from({ length: n }, () => v)) : obj(Array.from({ length: Math.min(n, 3000) }, (_, i) => [i % 7 === 0 ? PROTO_KEYS[i % PROTO_KEYS.length] : `k${i % 500}`, v] as const)),
  );
  return fc.oneof({ weight: 6, arbitrary: tree as fc.Arbitrary<string> }, { weight: 1, arbitrary: deep }, { weight: 1, arbitrary: wide }, { weight: 2, arbitrary: leaf });
}

/** A root field with every argument passed as a declared variable, and hostile JSON text for the variables. */
function variablesCaseArb(schema: GraphQLSchema, ids: readonly string[]): fc.Arbitrary<{ query: string; body: string }> {
  const roots = [
    ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query', field })),
    ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ kind: 'mutation', field })),
  ].filter((r) => r.field.name !== 'logout' && r.field.args.length > 0);
  const value = hostileValueArb(schema, ids);
  return fc
    .tuple(fc.constantFrom(...roots), fc.array(value, { minLength: 6, maxLength: 6 }), fc.option(fc.tuple(fc.constantFrom(...PROTO_KEYS, 'extra', '\ud800'), value)), fc.nat({ max: 19 }))
    .map(([{ kind, field }, values, extra, shape]) => {
      const args = field.args.slice(0, 6);
      const decl = args.map((a, i) => `$v${i}: ${a.type.toString()}`).join(', ');
      const selection = getNamedType(field.type).toString().match(/^(Boolean|String|Int|Float|ID|JSON.*|DateTime)$/) ? '' : '{ __typename }';
      const query = `${kind} Fuzz(${decl}) { ${field.name}(${args.map((a, i) => `${a.name}: $v${i}`).join(', ')}) ${selection} }`;
      const entries: [string, string][] = args.map((_, i) => [`v${i}`, values[i]]);
      if (extra) entries.push(extra);
      // Mostly an object of variables; sometimes variables that are not an object at all.
      const variables = shape === 0 ? values[0] : shape === 1 ? 'null' : obj(entries);
      return { query, body: `{"query":${JSON.stringify(query)},"variables":${variables}}` };
    });
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'BREW'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/graphql',
  'application/graphql-response+json',
  'text/plain',
  'text/plain; charset=utf-8',
  'multipart/form-data; boundary=----x',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  '',
  ';;;',
  'application/json, text/plain',
];
const DOCUMENT = 'query A { __typename } query B { me { id } } mutation C { logout }';
const OPERATION_NAMES = ['A', 'B', 'NoSuchOperation', '', '\ud800', 'x'.repeat(5000)];

/** Percent-encoding that never throws: a lone surrogate goes as the bytes of an encoded surrogate, which is not UTF-8. */
const percent = (s: string) => (s.includes('\ud800') ? s.split('\ud800').map(encodeURIComponent).join('%ED%A0%80') : encodeURIComponent(s));

function transportCaseArb(token: string): fc.Arbitrary<{ head: string; body: Buffer; label: string }> {
  const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v));
  const operationName = fc.oneof(fc.constantFrom(...OPERATION_NAMES).map((s) => JSON.stringify(s)), json, fc.constant('null'), fc.constant(undefined));
  const extensions = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('null', '{}', '[]', '"x"', '{"persistedQuery":{"version":1,"sha256Hash":"00"}}', '{"persistedQuery":{"version":1,"sha256Hash":"ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38"}}', '{"persistedQuery":"x"}', `{"__proto__":{"polluted":true}}`, `${'{"e":'.repeat(40)}1${'}'.repeat(40)}`),
    json,
  );
  const query = fc.oneof(fc.constant(DOCUMENT), fc.constant('{ me { id } }'), fc.constant('mutation { logout }'), fc.string({ maxLength: 20 }), fc.constant('{ __schema { types { name } } }'));
  const variables = fc.oneof(fc.constant(undefined), fc.constantFrom('null', '{}', '[]', '"v"', '{"__proto__":{"x":1}}'), json);
  const graphqlBody = fc.tuple(query, operationName, extensions, variables).map(([q, op, ext, v]) =>
    `{${[`"query":${JSON.stringify(q)}`, op !== undefined ? `"operationName":${op}` : null, ext !== undefined ? `"extensions":${ext}` : null, v !== undefined ? `"variables":${v}` : null].filter(Boolean).join(',')}}`,
  );
  const body = fc.oneof(
    { weight: 6, arbitrary: graphqlBody },
    { weight: 1, arbitrary: graphqlBody.map((b) => `[${b},${b}]`) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', 'null', '[]', '"str"', '123', 'query { me { id } }', '\u0000\u0001', '{"query":null}', '{"query":{"kind":"Document"}}') },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  );
  const path = fc.oneof(
    { weight: 6, arbitrary: fc.constant('/graphql') },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...OPERATION_NAMES), extensions).map(([op, ext]) => `/graphql?query=${encodeURIComponent(DOCUMENT)}&operationName=${percent(op)}${ext ? `&extensions=${percent(ext)}` : ''}`) },
    { weight: 1, arbitrary: fc.constantFrom('/graphql?query=%7B%20me%20%7B%20id%20%7D%20%7D&variables=%7B', '/graphql/', '/graphql?operationName=A&operationName=B&query=x', '/api/v1/lineage', '/api/v1/events/lineage?limit=-1&limit=2', '/healthz') },
  );
  const auth = fc.constantFrom([`Bearer ${token}`], [`Bearer ${token}`, `Bearer ${token}`], [`Bearer ${token}`, 'Bearer garbage'], [`bearer ${token}`], [`Bearer ${token}, Bearer ${token}`]);
  const contentTypes = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CONTENT_TYPES).map((c) => [c]) }, { weight: 1, arbitrary: fc.array(fc.constantFrom(...CONTENT_TYPES), { minLength: 2, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant([]) });
  const extra = fc.subarray([
    'apollo-require-preflight: true',
    'apollo-require-preflight: true',
    'x-apollo-operation-name: A',
    'accept: application/graphql-response+json',
    'accept: text/html',
    'accept: */*;q=0',
    'traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    'traceparent: garbage',
    'traceparent: garbage',
    'x-forwarded-for: 10.0.0.1, 10.0.0.2',
    'x-forwarded-for: 10.0.0.3',
    'content-encoding: gzip',
    'transfer-encoding: identity',
    'host: other.example',
    'origin: https://evil.example',
  ]);
  return fc.tuple(fc.constantFrom(...METHODS), path, body, auth, contentTypes, extra).map(([method, p, b, a, cts, more]) => {
    const lines = [`${method} ${p} HTTP/1.1`, 'Host: 127.0.0.1', ...a.map((v) => `Authorization: ${v}`), ...cts.map((c) => `Content-Type: ${c}`), ...more];
    return { head: lines.join('\r\n'), body: Buffer.from(b, 'utf8'), label: `${method} ${p.slice(0, 120)} [${cts.join(' | ')}] ${more.join(' | ')} ${b.slice(0, 200)}` };
  });
}

/** The failures every fuzzer looks for in an answer. */
function problemWith(answer: RawAnswer): string | null {
  if (answer.status === 0) return 'no HTTP answer';
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  if (answer.text.includes('INTERNAL_SERVER_ERROR')) return 'INTERNAL_SERVER_ERROR';
  if (/Neo4jError|stacktrace|\bat [\w.<>]+ \(/.test(answer.text)) return 'leaked detail';
  return null;
}

describe('property-based fuzzing of variables and of the HTTP transport', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let token: string;
  let ids: string[];
  let port: number;

  beforeAll(async () => {
    graph = testGraph();
    const scenario = await loadDemo(graph);
    ids = [runNodeId(scenario, 0, 0), `report:${scenario.reports[0].reportId}`];
    api = await startTestApi(graph, {}, { anonymous: true });
    port = Number(new URL(api.url).port);
    // Every read role, no write role: generated mutations must be refused, so nothing may change.
    token = await tokenWithRoles([Role.VIEWER, Role.REVIEWER, Role.QA]);
  }, 300_000);
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  async function fuzz<T>(name: string, arb: fc.Arbitrary<T>, send: (c: T) => Promise<RawAnswer>, describeCase: (c: T) => string): Promise<Map<number, number>> {
    const before = await countWithoutSecurityEvents(graph);
    const statuses = new Map<number, number>();
    const healthz = sampleHealthz(port);
    let cases = 0;
    const started = performance.now();
    const slowest: [number, string][] = [];
    try {
      await fc.assert(
        fc.asyncProperty(arb, async (c) => {
          cases++;
          const t0 = performance.now();
          const answer = await send(c);
          const took = performance.now() - t0;
          if (slowest.length < 5 || took > slowest[slowest.length - 1][0]) {
            slowest.push([took, describeCase(c).slice(0, 160)]);
            slowest.sort((a, b) => b[0] - a[0]).splice(5);
          }
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const problem = problemWith(answer);
          if (problem) throw new Error(`${problem} for ${describeCase(c).slice(0, 2000)}:\n${answer.text.slice(0, 2000)}`);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    } finally {
      const { ms, failed } = await healthz.stop();
      // Figures for the closing note and docs/benchmarks.md; timings are reported, not asserted.
      console.log(`${name} fuzzer: ${cases} cases in ${((performance.now() - started) / 1000).toFixed(0)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}; /healthz p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms over ${ms.length} samples, ${failed} not 200; slowest cases ${JSON.stringify(slowest.map(([t, d]) => `${t.toFixed(0)} ms ${d}`))}`);
    }
    expect(cases).toBe(RUNS);
    expect(await countWithoutSecurityEvents(graph)).toEqual(before);
    return statuses;
  }

  it(`answers ${RUNS} hostile variable sets (deep, wide, wrong types, prototype keys, lone surrogates, huge numbers) with no 5xx and no internal error`, async () => {
    const schema = buildSchema();
    const statuses = await fuzz(
      'variables',
      variablesCaseArb(schema, ids),
      (c) => rawRequest(port, `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json`, Buffer.from(c.body, 'utf8')),
      (c) => c.body,
    );
    // The generator must reach refusals of input as well as answers.
    expect(statuses.get(400)).toBeGreaterThan(0);
    expect(statuses.get(200)).toBeGreaterThan(0);
  }, 900_000);

  it(`answers ${RUNS} hostile requests (operationName, extensions, methods, content types, repeated headers) with no 5xx and no internal error`, async () => {
    const statuses = await fuzz('transport', transportCaseArb(token), (c) => rawRequest(port, c.head, c.body), (c) => c.label);
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((s) => s >= 400 && s < 500).length).toBeGreaterThan(2);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  }, 900_000);
});
