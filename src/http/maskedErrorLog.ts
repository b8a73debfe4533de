import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { StoreReadError } from '../domain/errors';
import { isMasked } from '../schema/formatError';
import type { GraphQLContext } from '../schema/context';

/**
 * Logs every error the client sees only as INTERNAL_SERVER_ERROR (and, at debug level, what a
 * store reader kept out of its message), with the request's own logger
 * (its request id and trace id), so the detail withheld from the client is kept for operators.
 * Taken from the request context rather than async-local storage, whose promise hooks cost
 * every promise of every request.
 */
export function maskedErrorLogPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (isMasked(error)) contextValue.log.error({ err: original, path: error.path }, 'masked internal error');
            // What a store reader met stays out of the answer; an operator debugging a store reads it here.
            else if (original instanceof StoreReadError && original.logDetail) contextValue.log.debug({ detail: original.logDetail, path: error.path }, original.message);
          }
        },
      };
    },
  };
}
