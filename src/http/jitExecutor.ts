import type { GatewayExecutionResult, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  execute,
  type ExecutionResult,
  getNamedType,
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  isInputObjectType,
  type OperationDefinitionNode,
  typeFromAST,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * Executes operations with graphql-jit, which compiles each operation once into a plain function
 * and so skips the per-field work graphql-js repeats on every request (argument coercion, a
 * promise check and a path object per field). A page of 100 runs with its relations resolves
 * about 2,500 fields, where that work was most of the GraphQL layer's cost (docs/benchmarks.md).
 *
 * Apollo Server 5 has no executor option; its gateway interface is the seam it keeps for one.
 * Parsing, validation, plugins, `formatError` and the HTTP status all stay Apollo's: only
 * execution moves here.
 *
 * Variables are coerced by graphql-js first, so a bad variable gets graphql-js's error (which
 * Apollo answers as BAD_USER_INPUT with status 400). graphql-jit rejects a missing input-object
 * field that is non-null with a default, which graphql-js fills in, so operations with
 * input-object variables (mutations' `input`) run on graphql-js; the reads run compiled.
 */
type Compiled = CompiledQuery | 'graphql-js';
type Compile = (schema: GraphQLSchema, document: DocumentNode, operationName?: string) => CompiledQuery | GatewayExecutionResult;

/**
 * graphql-jit's errors only look like graphql-js's: they have no `extensions` object, which
 * Apollo's error formatting reads, so every failed field would come out as an unformatted
 * internal error. Each is rebuilt as a real GraphQLError with the same message, place and cause.
 */
function withGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e) => {
    const rebuilt = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: e.extensions ?? undefined });
    // graphql-js derives locations from AST nodes, which the compiled error no longer has.
    (rebuilt as { locations?: GraphQLError['locations'] }).locations = e.locations;
    return rebuilt;
  });
  return { ...result, errors };
}

function hasInputObjectVariables(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  return (operation.variableDefinitions ?? []).some((v) => {
    const type = typeFromAST(schema, v.type);
    return type !== undefined && isInputObjectType(getNamedType(type));
  });
}

export function jitGateway(schema: GraphQLSchema, compile: Compile = compileQuery): GatewayInterface {
  // Keyed by the parsed document, which Apollo's document store hands back for a repeated
  // query, so a compiled operation lives as long as its document does and no longer.
  const compiledByDocument = new WeakMap<DocumentNode, Map<string | null, Compiled>>();
  const compiledFor = (document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null): Compiled => {
    let byName = compiledByDocument.get(document);
    if (!byName) {
      byName = new Map();
      compiledByDocument.set(document, byName);
    }
    let compiled = byName.get(operationName);
    if (compiled === undefined) {
      // An operation the compiler refuses (an error result or a throw) is still a valid one,
      // which Apollo has validated: graphql-js runs it, and answers any error its own way.
      compiled = 'graphql-js';
      if (!hasInputObjectVariables(schema, operation)) {
        try {
          const result = compile(schema, document, operationName ?? undefined);
          if (isCompiledQuery(result)) compiled = result;
        } catch {
          // graphql-js below.
        }
      }
      byName.set(operationName, compiled);
    }
    return compiled;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return {
        executor: async ({ document, operation, operationName, request, context }) => {
          const compiled = compiledFor(document, operation, operationName);
          if (compiled === 'graphql-js') {
            return execute({ schema, document, operationName, variableValues: request.variables, contextValue: context });
          }
          // graphql-js's coercion for its error (execute above does its own).
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (coerced.errors) return { errors: coerced.errors };
          return withGraphQLErrors(await compiled.query(undefined, context, request.variables));
        },
      };
    },
    async stop() {},
  };
}
