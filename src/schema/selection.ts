import type { GraphQLResolveInfo } from 'graphql';
import { type ResolveTree, parseResolveInfo } from 'graphql-parse-resolve-info';

/**
 * The fields a query selects on the nodes of a connection field (`edges { node { … } }`),
 * through aliases, fragments and inline fragments. Resolvers use it to fetch, in the page's
 * own statement, the neighbours the client is about to ask for.
 */
export function selectedNodeFields(info: GraphQLResolveInfo, connection: string, edge: string, node: string): Set<string> {
  const tree = parseResolveInfo(info) as ResolveTree | null;
  const names = new Set<string>();
  for (const edges of Object.values(tree?.fieldsByTypeName[connection] ?? {})) {
    if (edges.name !== 'edges') continue;
    for (const nodeField of Object.values(edges.fieldsByTypeName[edge] ?? {})) {
      if (nodeField.name !== 'node') continue;
      for (const field of Object.values(nodeField.fieldsByTypeName[node] ?? {})) names.add(field.name);
    }
  }
  return names;
}
