import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../domain/errors';

/** Codes a client may see as they are: GraphQL's own request errors and our domain codes. */
const PASS_THROUGH = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST', 'UNAUTHENTICATED', 'QUERY_TOO_COMPLEX']);

const passesThrough = (code: unknown): code is string => typeof code === 'string' && PASS_THROUGH.has(code);

/** A refused operation says which limit it broke and by how much, so a client can shrink it (docs/errors.md). */
function limitDetails(code: string, extensions: GraphQLFormattedError['extensions']): Record<string, unknown> {
  if (code !== 'QUERY_TOO_COMPLEX' || !extensions) return {};
  const { limit, max, actual } = extensions;
  return { limit, max, actual };
}

/** The domain error behind a resolver's error, or behind a GraphQLError a plugin raised for one (it carries the HTTP status). */
function domainErrorOf(error: unknown): DomainError | null {
  const unwrapped = unwrapResolverError(error);
  if (unwrapped instanceof DomainError) return unwrapped;
  return unwrapped instanceof GraphQLError && unwrapped.originalError instanceof DomainError ? unwrapped.originalError : null;
}

/** Whether `formatError` hides this error's detail from the client (so the log must keep it). */
export function isMasked(error: unknown): boolean {
  if (domainErrorOf(error)) return false;
  return !passesThrough((error as { extensions?: { code?: unknown } } | null)?.extensions?.code);
}

/**
 * The one way errors leave the API. Domain errors keep their message and code; GraphQL's own
 * request errors pass; everything else becomes INTERNAL_SERVER_ERROR with no detail. The
 * original is logged with the request's id by the plugin in src/http/maskedErrorLog.ts.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = domainErrorOf(error);
  if (original) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.code, ...original.details },
    };
  }
  const code = formatted.extensions?.code;
  if (passesThrough(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code, ...limitDetails(code, formatted.extensions) } };
  }
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
