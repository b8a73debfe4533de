import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { buildSchema as buildSdl, type DocumentNode, execute, type ExecutionResult, getOperationAST, GraphQLError, type GraphQLSchema, parse } from 'graphql';
import { compileQuery } from 'graphql-jit';
import { type JitOptions, jitGateway, reportFallbacks } from './jitExecutor';
import { Metrics } from './metrics';

const schema = buildSdl(`
  interface Node { id: ID! }
  type Run implements Node { id: ID! name: String tags(prefix: String): [String!]! }
  type Report implements Node { id: ID! title: String! runs: [Run!]! }
  input RunFilter { name: String tags: [String!]! = [] }
  type Query { node(id: ID!): Node broken: Report reports(first: Int = 2): [Report!]! matching(filter: RunFilter!): [String!]! }
`);
const runs = [{ __typename: 'Run', id: 'run:a', name: 'a', tags: ['x.1', 'y.1', 'x.2'] }, { __typename: 'Run', id: 'run:b', name: null, tags: [] }];
const reports = [1, 2, 3].map((i) => ({ __typename: 'Report', id: `report:${i}`, title: `R${i}`, runs }));
const byId = new Map<string, unknown>([...runs, ...reports].map((n) => [n.id, n]));
const Query = schema.getQueryType()!.getFields();
Query.node.resolve = (_p, args: { id: string }) => byId.get(args.id) ?? null;
Query.reports.resolve = async (_p, args: { first: number }) => reports.slice(0, args.first);
Query.broken.resolve = () => Promise.reject(new Error('planted failure'));
Query.matching.resolve = (_p, args: { filter: { name?: string; tags: string[] } }) => [String(args.filter.name), ...args.filter.tags];
(schema.getType('Run') as unknown as { getFields(): Record<string, { resolve?: unknown }> }).getFields().tags.resolve =
  (run: { tags: string[] }, args: { prefix?: string }) => run.tags.filter((t) => !args.prefix || t.startsWith(args.prefix));
(schema.getType('Node') as unknown as { resolveType: (v: { __typename: string }) => string }).resolveType = (v) => v.__typename;

const QUERY = `
  query Q($id: ID!, $n: Int, $p: String) {
    node(id: $id) { id ... on Report { title runs { ...R } } }
    first: reports(first: $n) { id runs { id t: tags(prefix: $p) } }
    broken { title }
  }
  fragment R on Run { name tags }
  query Other { reports { title } }`;

async function executorOf(compile?: JitOptions['compile'], onFallback?: JitOptions['onFallback']): Promise<GatewayExecutor> {
  const { executor } = await jitGateway(schema, { compile, onFallback }).load({ apollo: {} });
  return executor!;
}

function run(executor: GatewayExecutor, document: ReturnType<typeof parse>, operationName: string, variables: Record<string, unknown>) {
  const operation = getOperationAST(document, operationName || undefined);
  return executor({ document, operation, operationName, request: { variables }, context: {} } as unknown as GatewayGraphQLRequestContext);
}

/** Errors compared as what a client sees of them. */
const plain = (r: ExecutionResult) => JSON.parse(JSON.stringify({ data: r.data, errors: r.errors?.map((e) => ({ message: e.message, path: e.path })) }));

describe('jitGateway', () => {
  const document = parse(QUERY);
  const variables = { id: 'report:2', n: 2, p: 'x' };

  it('gives the answer graphql-js gives: fragments, aliases, arguments, abstract types and a failing field', async () => {
    const expected = await execute({ schema, document, operationName: 'Q', variableValues: variables, contextValue: {} });
    const got = await run(await executorOf(), document, 'Q', variables);
    expect(plain(got)).toEqual(plain(expected));
    // Apollo formats errors from their `extensions` and `toJSON()`, as graphql-js builds them.
    const error = got.errors?.[0] as GraphQLError;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions).toEqual({});
    expect(error.originalError?.message).toBe('planted failure');
    expect(error.toJSON()).toEqual({ message: 'planted failure', path: ['broken'], locations: [{ line: 5, column: 5 }] });
    expect((got.data as { first: unknown[] }).first).toHaveLength(2);
  });

  it("keeps a failing resolver's own extensions on the error", async () => {
    Query.broken.resolve = () => Promise.reject(Object.assign(new Error('gone'), { extensions: { code: 'NOT_FOUND' } }));
    try {
      const got = await run(await executorOf(), parse('{ broken { title } }'), '', {});
      expect(got.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND' });
    } finally {
      Query.broken.resolve = () => Promise.reject(new Error('planted failure'));
    }
  });

  it('compiles each operation of a document once', async () => {
    const compiled: string[] = [];
    const executor = await executorOf((s: GraphQLSchema, d: DocumentNode, name?: string) => {
      compiled.push(String(name));
      return compileQuery(s, d, name);
    });
    for (let i = 0; i < 3; i++) await run(executor, document, 'Q', variables);
    await run(executor, document, 'Other', {});
    await run(executor, parse(QUERY), 'Q', variables);
    expect(compiled).toEqual(['Q', 'Other', 'Q']);
  });

  it.each([
    ['throws', () => { throw new Error('unsupported'); }, 'compile_threw', 'unsupported'],
    ['returns an error result', () => ({ errors: [new GraphQLError('cannot compile')] }), 'compile_error', 'cannot compile'],
  ])('runs an operation the compiler refuses (%s) with graphql-js, with the same answer, and reports each fallback', async (_how, refuse, reason, detail) => {
    const fallbacks: unknown[] = [];
    const executor = await executorOf(refuse, (f) => fallbacks.push(f));
    const got = await run(executor, document, 'Q', variables);
    await run(executor, document, 'Q', variables);
    const expected = await execute({ schema, document, operationName: 'Q', variableValues: variables, contextValue: {} });
    expect(plain(got)).toEqual(plain(expected));
    // Every execution on graphql-js is counted, though the operation was compiled (and refused) once.
    expect(fallbacks).toEqual([1, 2].map(() => ({ reason, detail, operationName: 'Q' })));
  });

  it('reports no fallback for a compiled operation', async () => {
    const fallbacks: unknown[] = [];
    await run(await executorOf(undefined, (f) => fallbacks.push(f)), document, 'Q', variables);
    expect(fallbacks).toEqual([]);
  });

  it('counts fallbacks in /metrics by reason and logs each reason at debug level', async () => {
    const metrics = new Metrics();
    const logged: unknown[] = [];
    const onFallback = reportFallbacks(metrics.jitFallbacks, { debug: (obj: unknown, msg: string) => logged.push({ obj, msg }) } as never);
    const executor = await executorOf(() => ({ errors: [new GraphQLError('cannot compile')] }), onFallback);
    await run(executor, document, 'Q', variables);
    await run(executor, document, 'Q', variables);
    await run(executor, parse('query M($f: RunFilter!) { matching(filter: $f) }'), 'M', { f: { name: 'a' } });
    const text = await metrics.registry.metrics();
    expect(text).toContain('pvl_graphql_jit_fallbacks_total{reason="compile_error"} 2');
    expect(text).toContain('pvl_graphql_jit_fallbacks_total{reason="input_object_variables"} 1');
    expect(text).toContain('pvl_graphql_jit_fallbacks_total{reason="compile_threw"} 0');
    expect(logged).toEqual([
      ...[1, 2].map(() => ({ obj: { reason: 'compile_error', detail: 'cannot compile', operationName: 'Q' }, msg: expect.stringMatching(/graphql-js instead of graphql-jit/) })),
      { obj: { reason: 'input_object_variables', detail: null, operationName: 'M' }, msg: expect.any(String) },
    ]);
  });

  it('reports bad variables without running a resolver', async () => {
    const got = await run(await executorOf(), document, 'Q', { id: 'report:1', n: 'many' });
    expect(got.data).toBeUndefined();
    expect(got.errors?.[0].message).toMatch(/^Variable "\$n" got invalid value "many"/);
    // Apollo answers BAD_USER_INPUT (and 400) for an error that points at the variable's definition.
    expect(got.errors?.[0].nodes?.map((n) => n.kind)).toEqual(['VariableDefinition']);
  });

  it("fills in an input-object variable's omitted non-null field from its default, on graphql-js", async () => {
    const fallbacks: unknown[] = [];
    const got = await run(await executorOf(undefined, (f) => fallbacks.push(f)), parse('query M($f: RunFilter!) { matching(filter: $f) }'), 'M', { f: { name: 'a' } });
    expect(got).toEqual({ data: { matching: ['a'] } });
    expect(fallbacks).toEqual([{ reason: 'input_object_variables', detail: null, operationName: 'M' }]);
  });
});
