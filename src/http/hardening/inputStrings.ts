import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { BadInputError } from '../../domain/errors';
import { type InputLimitKind, assertWithinLimit } from '../../domain/inputLimits';
import { isWellFormed } from '../../domain/wellFormed';

/**
 * Arguments and input fields of free text or secrets: their length is bounded by the body
 * limit and the services' own rules, and they are never indexed.
 */
const FREE_TEXT = new Set(['reason', 'rationale', 'decision', 'password', 'currentPassword', 'newPassword', 'idToken', 'against']);

/** Input fields that hold lists of typed ids rather than names. */
const ID_LISTS = new Set(['generatedFromRuns', 'modelVersions', 'datasets', 'signals', 'detectedByRun']);

/** Which limit of INPUT_LIMITS a string argument or input field is held to, by its name and type. */
export function limitKindOf(field: string, typeName: string): InputLimitKind | null {
  if (FREE_TEXT.has(field)) return null;
  if (/uri$/i.test(field)) return 'uri';
  if (typeName === 'ID' || /(^id|Id|Ids)$/.test(field) || ID_LISTS.has(field) || field === 'after') return 'id';
  return 'name';
}

/** A request error with the domain error inside, so formatError answers it with the domain error's details. */
function refusal(error: BadInputError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, http: { status: 400 } } });
}

function checkString(value: string, argument: string, kind: InputLimitKind | null): void {
  if (!isWellFormed(value)) throw refusal(new BadInputError(argument, `${argument} holds a lone surrogate: it is not well-formed UTF-16 text`));
  try {
    if (kind) assertWithinLimit(argument, kind, value);
  } catch (err) {
    throw err instanceof BadInputError ? refusal(err) : err;
  }
}

/** Every string in `value`, keys included, for a lone surrogate; without recursion. */
function scanUntyped(value: unknown, argument: string): void {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') checkString(v, argument, null);
    else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        checkString(k, argument, null);
        stack.push(child);
      }
    }
  }
}

/** A variable's value walked along its declared type, naming each string by the input field that holds it. */
function checkVariable(value: unknown, type: GraphQLInputType, argument: string): void {
  const stack: [unknown, GraphQLInputType, string, string][] = [[value, type, argument, argument.split('.').pop() as string]];
  while (stack.length > 0) {
    const [v, t, path, field] = stack.pop() as [unknown, GraphQLInputType, string, string];
    const nullable = getNullableType(t);
    if (isListType(nullable)) {
      // A single value where a list is expected is coerced to a list of one.
      for (const item of Array.isArray(v) ? v : [v]) stack.push([item, nullable.ofType, path, field]);
    } else if (isInputObjectType(nullable) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const fields = nullable.getFields();
      for (const [k, child] of Object.entries(v)) {
        const f = Object.hasOwn(fields, k) ? fields[k] : undefined;
        if (f) stack.push([child, f.type, `${path}.${k}`, k]);
        else scanUntyped([k, child], `${path}.${k}`);
      }
    } else if (isScalarType(nullable) && typeof v === 'string' && (nullable.name === 'String' || nullable.name === 'ID')) {
      checkString(v, path, limitKindOf(field, nullable.name));
    } else {
      scanUntyped(v, path);
    }
  }
}

/**
 * Refuses, as BAD_USER_INPUT naming the argument, a string anywhere in the variables or in the
 * operation's literals that holds a lone surrogate, and a name, namespace, URI or id over its
 * limit in INPUT_LIMITS. Checked once here, before any resolver, rather than in every service:
 * a lone surrogate breaks URI encoding and the driver, and an over-long value the index.
 */
export function checkInputStrings(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>): void {
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  const usedAt = new Map<string, string>();
  const definitions = document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION);
  for (const definition of definitions) {
    visit(
      definition,
      visitWithTypeInfo(typeInfo, {
        Argument: { enter: (n) => void path.push(n.name.value), leave: () => void path.pop() },
        ObjectField: { enter: (n) => void path.push(n.name.value), leave: () => void path.pop() },
        Variable(n) {
          if (path.length > 0 && !usedAt.has(n.name.value)) usedAt.set(n.name.value, path.join('.'));
        },
        StringValue(n) {
          const named = typeInfo.getInputType() ? getNullableType(typeInfo.getInputType()) : null;
          const typeName = named && isScalarType(named) ? named.name : '';
          const field = path[path.length - 1] ?? '';
          checkString(n.value, path.join('.'), typeName === 'String' || typeName === 'ID' ? limitKindOf(field, typeName) : null);
        },
      }),
    );
  }
  const declared = new Set<string>();
  for (const def of operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    declared.add(name);
    if (!Object.hasOwn(variables, name)) continue;
    const type = typeFromAST(schema, def.type) as GraphQLInputType | undefined;
    const argument = usedAt.get(name) ?? `$${name}`;
    if (type) checkVariable(variables[name], type, argument);
    else scanUntyped(variables[name], argument);
  }
  for (const [name, value] of Object.entries(variables)) if (!declared.has(name)) scanUntyped([name, value], `$${name}`);
}

/** The Apollo plugin that runs `checkInputStrings` on every operation. */
export function inputStringsPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (operation) checkInputStrings(schema, document, operation, request.variables ?? {});
        },
      };
    },
  };
}
