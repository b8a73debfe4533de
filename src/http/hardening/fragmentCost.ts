import { type DocumentNode, type GraphQLError, type GraphQLSchema, Kind, TypeInfo, ValidationContext, visit, visitWithTypeInfo } from 'graphql';
import { type ComplexityEstimator, createComplexityRule } from 'graphql-query-complexity';

/**
 * `getComplexity` of graphql-query-complexity, in time linear in the document's size.
 *
 * The library walks a fragment again at every spread, so a chain of fragments each spreading
 * the one before twice costs time exponential in its length. A fragment's cost depends only on
 * the fragment and the request's variables (validation has refused cycles, and its type
 * condition fixes the type it is costed against), so each is costed once per request. The
 * library's walker recurses through its own `nodeComplexity` method; wrapping that method on
 * the one visitor keeps the library's estimators, @skip/@include, abstract types and variable
 * coercion as they are.
 */
export function fragmentOnceComplexity(options: { schema: GraphQLSchema; query: DocumentNode; operationName?: string; variables: Record<string, unknown>; estimators: ComplexityEstimator[] }): number {
  const typeInfo = new TypeInfo(options.schema);
  const errors: GraphQLError[] = [];
  const context = new ValidationContext(options.schema, options.query, typeInfo, (e) => errors.push(e));
  const visitor = createComplexityRule({ maximumComplexity: Infinity, estimators: options.estimators, variables: options.variables, operationName: options.operationName })(context);
  const walk = visitor.nodeComplexity.bind(visitor);
  const byFragment = new Map<string, number>();
  visitor.nodeComplexity = (node, typeDef, activeFragments) => {
    if (node.kind !== Kind.FRAGMENT_DEFINITION) return walk(node, typeDef, activeFragments);
    let cost = byFragment.get(node.name.value);
    if (cost === undefined) byFragment.set(node.name.value, (cost = walk(node, typeDef, activeFragments)));
    return cost;
  };
  visit(options.query, visitWithTypeInfo(typeInfo, visitor));
  const first = errors[0];
  if (first) throw first;
  return visitor.complexity;
}
