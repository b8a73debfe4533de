import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { buildSchema as buildSdl, execute, type ExecutionResult, getOperationAST, GraphQLError, parse } from 'graphql';
import { compileQuery } from 'graphql-jit';
import { jitGateway } from './jitExecutor';

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

async function executorOf(compile?: Parameters<typeof jitGateway>[1]): Promise<GatewayExecutor> {
  const { executor } = await jitGateway(schema, compile).load({ apollo: {} });
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
    const executor = await executorOf((s, d, name) => {
      compiled.push(String(name));
      return compileQuery(s, d, name);
    });
    for (let i = 0; i < 3; i++) await run(executor, document, 'Q', variables);
    await run(executor, document, 'Other', {});
    await run(executor, parse(QUERY), 'Q', variables);
    expect(compiled).toEqual(['Q', 'Other', 'Q']);
  });

  it.each([
    ['throws', () => { throw new Error('unsupported'); }],
    ['returns an error result', () => ({ errors: [new GraphQLError('cannot compile')] })],
  ])('runs an operation the compiler refuses (%s) with graphql-js, with the same answer', async (_how, refuse) => {
    const got = await run(await executorOf(refuse), document, 'Q', variables);
    const expected = await execute({ schema, document, operationName: 'Q', variableValues: variables, contextValue: {} });
    expect(plain(got)).toEqual(plain(expected));
  });

  it('reports bad variables without running a resolver', async () => {
    const got = await run(await executorOf(), document, 'Q', { id: 'report:1', n: 'many' });
    expect(got.data).toBeUndefined();
    expect(got.errors?.[0].message).toMatch(/^Variable "\$n" got invalid value "many"/);
    // Apollo answers BAD_USER_INPUT (and 400) for an error that points at the variable's definition.
    expect(got.errors?.[0].nodes?.map((n) => n.kind)).toEqual(['VariableDefinition']);
  });

  it("fills in an input-object variable's omitted non-null field from its default", async () => {
    const got = await run(await executorOf(), parse('query M($f: RunFilter!) { matching(filter: $f) }'), 'M', { f: { name: 'a' } });
    expect(got).toEqual({ data: { matching: ['a'] } });
  });
});
