import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLJSON as BaseJSON, GraphQLJSONObject as BaseJSONObject } from 'graphql-scalars';

/** Deepest nesting of objects and arrays a `JSON` or `JSONObject` argument may hold. */
export const MAX_JSON_DEPTH = 64;

function tooDeep(): GraphQLError {
  return new GraphQLError(`A JSON value nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Depth of a variable's value, walked with a stack: graphql-scalars' own walk recurses. */
function checkValue(value: unknown): void {
  const stack: [unknown, number][] = [[value, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [v, depth] = next;
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) throw tooDeep();
    for (const child of Object.values(v as object)) stack.push([child, depth + 1]);
  }
}

/** Depth of an inline literal, likewise. */
function checkLiteral(node: ValueNode): void {
  const stack: [ValueNode, number][] = [[node, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [n, depth] = next;
    if (n.kind !== Kind.OBJECT && n.kind !== Kind.LIST) continue;
    if (depth > MAX_JSON_DEPTH) throw tooDeep();
    const children = n.kind === Kind.OBJECT ? n.fields.map((f) => f.value) : n.values;
    for (const child of children) stack.push([child, depth + 1]);
  }
}

/** graphql-scalars' scalar, with its name and description, refusing values nested too deep before parsing them. */
function depthLimited(base: GraphQLScalarType): GraphQLScalarType {
  const config = base.toConfig();
  return new GraphQLScalarType({
    ...config,
    parseValue(value) {
      checkValue(value);
      return config.parseValue?.(value);
    },
    parseLiteral(node, variables) {
      checkLiteral(node);
      return config.parseLiteral?.(node, variables);
    },
  });
}

export const GraphQLJSON = depthLimited(BaseJSON);
export const GraphQLJSONObject = depthLimited(BaseJSONObject);
