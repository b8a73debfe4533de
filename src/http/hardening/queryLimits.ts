import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  getNullableType,
  isListType,
} from 'graphql';
import { type ComplexityEstimator, simpleEstimator } from 'graphql-query-complexity';
import { fragmentOnceComplexity } from './fragmentCost';
import { checkVariableDepth } from './variableDepth';

export interface QueryLimits {
  readonly depth: number;
  readonly cost: number;
  readonly aliases: number;
  readonly rootFields: number;
  /** Deepest nesting of objects and arrays in one variable's value. */
  readonly variableDepth: number;
}

/** Lineage fields are costed by depth and limit, read from the arguments that carry them in the schema. */
const DEPTH_ARGS = ['depth', 'maxDepth'];
const WIDTH_ARGS = ['limit', 'first'];
/** Assumed fan-out of a list field with no size argument (e.g. `run.inputs`). */
const LIST_FANOUT = 5;

const num = (args: Record<string, unknown>, names: readonly string[]): number | undefined => {
  for (const n of names) if (typeof args[n] === 'number') return args[n] as number;
  return undefined;
};

/** Cost of one field: its own 1 plus children, multiplied by how many items it may return. */
export function lineageAwareEstimator(defaultDepth: number): ComplexityEstimator {
  return ({ args, childComplexity, field }) => {
    const depth = num(args, DEPTH_ARGS);
    const width = num(args, WIDTH_ARGS);
    const hasDepthArg = field.args.some((a) => DEPTH_ARGS.includes(a.name));
    // A lineage answer holds at most `limit` nodes however deep it goes, but each level is a
    // traversal step: cost = depth × 10 + limit × (selection cost per node, in units of 25).
    if (hasDepthArg) return Math.max(1, depth ?? defaultDepth) * 10 + Math.max(1, width ?? 100) * Math.max(1, Math.ceil(childComplexity / 25));
    if (width !== undefined) return 1 + Math.max(1, width) * childComplexity;
    if (isListType(getNullableType(field.type)) && getNamedType(field.type) !== field.type) return 1 + LIST_FANOUT * childComplexity;
    return undefined;
  };
}

/**
 * Introspection fields answer from the in-memory schema, never from the database, and a
 * client's standard introspection query nests deeper than any data query needs to. Their
 * subtrees are left out of the depth (their aliases and cost still count).
 */
const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

interface Measured {
  readonly depth: number;
  readonly aliases: number;
}

/**
 * Depth and alias count of an operation as if every fragment were written out in place, each
 * fragment measured once: a fragment spread twice would otherwise be walked twice, and a chain
 * of such fragments in time exponential in its length. A fragment that spreads itself (which
 * validation refuses) adds nothing.
 */
export function measure(op: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Measured {
  const byFragment = new Map<string, Measured | 'measuring'>();
  const ofFragment = (name: string): Measured => {
    const known = byFragment.get(name);
    if (known === 'measuring') return { depth: 0, aliases: 0 };
    if (known) return known;
    const f = fragments.get(name);
    if (!f) return { depth: 0, aliases: 0 };
    byFragment.set(name, 'measuring');
    const m = ofSet(f.selectionSet);
    byFragment.set(name, m);
    return m;
  };
  const ofSet = (set: SelectionSetNode): Measured => {
    let depth = 0;
    let aliases = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.alias) aliases++;
        if (!s.selectionSet) continue;
        const below = ofSet(s.selectionSet);
        aliases += below.aliases;
        if (!INTROSPECTION_FIELDS.has(s.name.value)) depth = Math.max(depth, below.depth + 1);
      } else {
        const below = s.kind === Kind.INLINE_FRAGMENT ? ofSet(s.selectionSet) : ofFragment(s.name.value);
        aliases += below.aliases;
        depth = Math.max(depth, below.depth);
      }
    }
    return { depth, aliases };
  };
  return ofSet(op.selectionSet);
}

function tooComplex(message: string, details: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...details, http: { status: 400 } } });
}

/** Refuses an operation over any limit before it runs, naming the limit and the measured value. */
export function checkQueryLimits(schema: GraphQLSchema, document: DocumentNode, op: OperationDefinitionNode, variables: Record<string, unknown>, limits: QueryLimits, defaultDepth: number): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const roots = op.selectionSet.selections.length;
  if (roots > limits.rootFields) throw tooComplex(`The operation selects ${roots} root fields; the limit is ${limits.rootFields}`, { limit: 'rootFields', max: limits.rootFields, actual: roots });
  const { depth, aliases } = measure(op, fragments);
  if (depth > limits.depth) throw tooComplex(`The operation is ${depth} levels deep; the limit is ${limits.depth}`, { limit: 'depth', max: limits.depth, actual: depth });
  if (aliases > limits.aliases) throw tooComplex(`The operation uses ${aliases} aliases; the limit is ${limits.aliases}`, { limit: 'aliases', max: limits.aliases, actual: aliases });
  let cost: number;
  try {
    cost = fragmentOnceComplexity({
      schema,
      query: document,
      operationName: op.name?.value,
      variables,
      estimators: [lineageAwareEstimator(defaultDepth), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (err) {
    // Costing coerces the variables first; a bad variable is the client's error, named as graphql-js names it.
    const message = err instanceof GraphQLError ? err.message : 'The variables do not match the operation';
    throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  }
  if (cost > limits.cost) throw tooComplex(`The operation's estimated cost is ${cost}; the limit is ${limits.cost}. Ask for fewer items or less depth.`, { limit: 'cost', max: limits.cost, actual: cost });
}

/** Outcomes remembered per parsed document (Apollo reuses the object for the same text). */
const MAX_OUTCOMES_PER_DOCUMENT = 64;

export function queryLimitsPlugin(schema: GraphQLSchema, limits: QueryLimits, defaultDepth: number): ApolloServerPlugin {
  // Costing walks the whole operation against the schema on every request; the same text with
  // the same variables always costs the same, so the verdict is kept beside the parsed document.
  const outcomes = new WeakMap<DocumentNode, Map<string, { message: string; extensions: Record<string, unknown> } | null>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          const variables = request.variables ?? {};
          // Before anything below serialises or coerces them, each a recursive walk.
          checkVariableDepth(variables, limits.variableDepth);
          if (!operation) return;
          const key = `${operation.name?.value ?? ''}\u0000${JSON.stringify(variables)}`;
          let known = outcomes.get(document);
          if (!known) outcomes.set(document, (known = new Map()));
          if (!known.has(key)) {
            if (known.size >= MAX_OUTCOMES_PER_DOCUMENT) known.clear();
            try {
              checkQueryLimits(schema, document, operation, variables, limits, defaultDepth);
              known.set(key, null);
            } catch (err) {
              if (!(err instanceof GraphQLError)) throw err;
              known.set(key, { message: err.message, extensions: { ...err.extensions } });
            }
          }
          // A fresh error each time: Apollo may annotate the one it is given.
          const refusal = known.get(key);
          if (refusal) throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions } });
        },
      };
    },
  };
}
