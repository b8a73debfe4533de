import {
  astFromValue,
  buildSchema as buildSdl,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  print,
  type GraphQLInputType,
} from 'graphql';
import { buildSchema } from './buildSchema';

/** "defaults to 5", "default 5", "(default: 5)", "default is `5`": group 1 is the stated value. */
const STATED_DEFAULT = /\bdefaults?\b(?:\s+(?:to|is))?\s*:?\s*`?([^\s`.;,)]*)/i;

interface Described {
  readonly where: string;
  readonly description: string | null | undefined;
  /** Present for arguments and input fields, the only places GraphQL gives a default value. */
  readonly input?: { readonly type: GraphQLInputType; readonly defaultValue: unknown };
}

function* described(schema: GraphQLSchema): Generator<Described> {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    yield { where: type.name, description: type.description };
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        yield { where: `${type.name}.${field.name}`, description: field.description };
        for (const arg of field.args) yield { where: `${type.name}.${field.name}(${arg.name})`, description: arg.description, input: arg };
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) yield { where: `${type.name}.${field.name}`, description: field.description, input: field };
    }
    if (isEnumType(type)) for (const v of type.getValues()) yield { where: `${type.name}.${v.name}`, description: v.description };
  }
}

/**
 * Every description that states a default, unless it states exactly the GraphQL default value
 * of its own argument or input field: a default applied in code is invisible to introspection
 * and drifts from the text without anything noticing.
 */
function untrueDefaults(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const { where, description, input } of described(schema)) {
    const stated = description ? STATED_DEFAULT.exec(description) : null;
    if (!stated) continue;
    const real = input && input.defaultValue !== undefined ? astFromValue(input.defaultValue, input.type) : null;
    if (!real) problems.push(`${where} states a default ("${stated[0]}") that is not a GraphQL default value`);
    else if (stated[1] !== print(real)) problems.push(`${where} states default ${stated[1]}, but its GraphQL default is ${print(real)}`);
  }
  return problems;
}

describe('defaults stated in schema descriptions', () => {
  it('are all true: the API states its defaults as GraphQL default values only', () => {
    expect(untrueDefaults(buildSchema())).toEqual([]);
  });

  it('are caught when they differ from the default value or exist only in code', () => {
    const schema = buildSdl(`
      type Query {
        "Walks the graph."
        walk("Most hops, 1 to 10 (default 20)." depth: Int = 5): Int
        "Pages, defaults to 50 items."
        page("Page size; defaults to 50." first: Int = 50, "Page size; default 50." size: Int): Int
      }
      input Filter { "Include deleted ones (default: false)." includeDeleted: Boolean = true }
    `);
    expect(untrueDefaults(schema)).toEqual([
      'Query.walk(depth) states default 20, but its GraphQL default is 5',
      'Query.page states a default ("defaults to 50") that is not a GraphQL default value',
      'Query.page(size) states a default ("default 50") that is not a GraphQL default value',
      'Filter.includeDeleted states default false, but its GraphQL default is true',
    ]);
  });
});
