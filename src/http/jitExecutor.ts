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
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';

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
type Compile = (schema: GraphQLSchema, document: DocumentNode, operationName?: string) => CompiledQuery | GatewayExecutionResult;

/** Why an operation runs on graphql-js: a closed set, so it can label a metric. */
export const FALLBACK_REASONS = ['input_object_variables', 'compile_error', 'compile_threw'] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

/** An operation graphql-js runs instead, and why (with the compiler's message, when it gave one). */
interface Fallback {
  readonly reason: FallbackReason;
  readonly detail: string | null;
}

type Compiled = CompiledQuery | Fallback;

export interface JitOptions {
  readonly compile?: Compile;
  /** Called on every execution that falls back to graphql-js. */
  readonly onFallback?: (fallback: Fallback & { readonly operationName: string | null }) => void;
}

/** Counts each fallback by reason and logs it, with the compiler's message, at debug level. */
export function reportFallbacks(counter: Pick<Counter<'reason'>, 'inc'>, log: Pick<Logger, 'debug'>): NonNullable<JitOptions['onFallback']> {
  return ({ reason, detail, operationName }) => {
    counter.inc({ reason });
    log.debug({ reason, detail, operationName }, 'operation executed by graphql-js instead of graphql-jit');
  };
}

/** The compiled operation, or why graphql-js has to run it. */
function compileOrFallback(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null, compile: Compile): Compiled {
  if (hasInputObjectVariables(schema, operation)) return { reason: 'input_object_variables', detail: null };
  // An operation the compiler refuses (an error result or a throw) is still a valid one,
  // which Apollo has validated: graphql-js runs it, and answers any error its own way.
  try {
    const result = compile(schema, document, operationName ?? undefined);
    if (isCompiledQuery(result)) return result;
    return { reason: 'compile_error', detail: result.errors?.map((e) => e.message).join('; ') ?? null };
  } catch (err) {
    return { reason: 'compile_threw', detail: (err as Error).message ?? String(err) };
  }
}

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

export function jitGateway(schema: GraphQLSchema, options: JitOptions = {}): GatewayInterface {
  const compile = options.compile ?? compileQuery;
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
      compiled = compileOrFallback(schema, document, operation, operationName, compile);
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
          if ('reason' in compiled) {
            options.onFallback?.({ ...compiled, operationName });
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
