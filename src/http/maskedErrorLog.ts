import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { isMasked } from '../schema/formatError';
import type { GraphQLContext } from '../schema/context';

/**
 * Logs every error the client sees only as INTERNAL_SERVER_ERROR, with the request's own logger
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
            if (isMasked(error)) contextValue.log.error({ err: unwrapResolverError(error), path: error.path }, 'masked internal error');
          }
        },
      };
    },
  };
}
