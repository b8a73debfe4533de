import { type GraphQLError, type GraphQLFieldConfigMap, GraphQLInt, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { checkQueryLimits, measure, type QueryLimits } from './queryLimits';

const Node: GraphQLObjectType = new GraphQLObjectType({ name: 'N', fields: (): GraphQLFieldConfigMap<unknown, unknown> => ({ id: { type: GraphQLString }, children: { type: new GraphQLList(Node) } }) });
const Graph = new GraphQLObjectType({ name: 'G', fields: { nodes: { type: new GraphQLList(Node) } } });
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      lineage: { type: Graph, args: { depth: { type: GraphQLInt }, limit: { type: GraphQLInt } } },
      lineagePath: { type: Graph, args: { maxDepth: { type: GraphQLInt } } },
      items: { type: new GraphQLList(Node), args: { first: { type: GraphQLInt } } },
      one: { type: Node },
    },
  }),
});
const LIMITS: QueryLimits = { depth: 6, cost: 1000, aliases: 3, rootFields: 3, variableDepth: 8 };

function costOf(query: string, limits: Partial<QueryLimits> = {}): number | string {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  try {
    checkQueryLimits(schema, doc, op, {}, { ...LIMITS, cost: 0, ...limits }, 20);
    return 'accepted';
  } catch (err) {
    const ext = (err as GraphQLError).extensions as { limit: string; actual: number };
    return ext.limit === 'cost' ? ext.actual : ext.limit;
  }
}

describe('query limits', () => {
  it('costs lineage fields by depth and by limit', () => {
    const at = (depth: number, limit: number) => costOf(`{ lineage(depth: ${depth}, limit: ${limit}) { nodes { id } } }`, { depth: 50 }) as number;
    expect(at(10, 100)).toBeGreaterThan(at(2, 100));
    expect(at(2, 1000)).toBeGreaterThan(at(2, 100));
    expect(at(10, 1000) - at(2, 1000)).toBe(at(10, 100) - at(2, 100));
    // The depth default (the server's maximum) applies when the argument is left out.
    expect(costOf('{ lineage(limit: 100) { nodes { id } } }', { depth: 50 })).toBe(at(20, 100));
    expect(costOf('{ lineagePath(maxDepth: 8) { nodes { id } } }', { depth: 50 })).toBeLessThan(costOf('{ lineagePath(maxDepth: 16) { nodes { id } } }', { depth: 50 }) as number);
  });

  it('multiplies children by `first`, and refuses over the cost limit', () => {
    const small = costOf('{ items(first: 2) { id } }') as number;
    const big = costOf('{ items(first: 200) { id } }') as number;
    expect(big - 1).toBe(((small - 1) / 2) * 200);
    expect(costOf('{ items(first: 2) { id } }', { cost: 10_000 })).toBe('accepted');
  });

  it('refuses too deep, too many aliases and too many root fields, naming the limit', () => {
    expect(costOf('{ one { children { children { children { children { children { children { id } } } } } } } }', { cost: 1e9 })).toBe('depth');
    expect(costOf('{ a: one { id } b: one { id } c: one { id } d: one { id } }', { cost: 1e9, rootFields: 10 })).toBe('aliases');
    expect(costOf('{ one { id } items(first: 1) { id } lineage { nodes { id } } x: one { id } }', { cost: 1e9, aliases: 10 })).toBe('rootFields');
    // Fragments count toward depth.
    expect(costOf('{ one { ...F } } fragment F on N { children { children { children { children { children { children { id } } } } } } }', { cost: 1e9 })).toBe('depth');
  });

  /** `G0 { <leaf> }`, then each `Gi { ...G(i-1) ...G(i-1) }`: written out, 2^levels leaves. */
  const ladder = (levels: number, leaf: string) => {
    const fragments = [`fragment G0 on N { ${leaf} }`];
    for (let i = 1; i <= levels; i++) fragments.push(`fragment G${i} on N { ...G${i - 1} ...G${i - 1} }`);
    return `{ one { ...G${levels} } } ${fragments.join(' ')}`;
  };

  it('measures each fragment once, so a ladder of fragments spread twice costs what it would written out', () => {
    // Each leaf costs 1 and `one` adds its own 1: the figure graphql-query-complexity gives, reached without the walk.
    expect(costOf(ladder(30, 'id'), { depth: 50 })).toBe(2 ** 30 + 1);
    expect(costOf(ladder(30, 'id'), { depth: 50, cost: 2 ** 31 })).toBe('accepted');
    const doc = parse(ladder(30, 'a: id children { id }'));
    const fragments = new Map(doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
    expect(measure(doc.definitions[0] as OperationDefinitionNode, fragments)).toEqual({ depth: 2, aliases: 2 ** 30 });
    expect(costOf(ladder(30, 'a: id'), { cost: 1e12 })).toBe('aliases');
  });

  it('adds nothing for a fragment that spreads itself', () => {
    const doc = parse('{ one { ...A } } fragment A on N { children { ...A } }');
    const fragments = new Map(doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
    expect(measure(doc.definitions[0] as OperationDefinitionNode, fragments)).toEqual({ depth: 2, aliases: 0 });
  });
});
