import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';

/**
 * Refuses a request whose `operationName` names no operation of its document (or that names
 * none when the document holds several) with a 400, before the executor is asked to run an
 * operation that is not there. Apollo leaves that case to the executor, and only graphql-js's
 * own `execute` answers it as a client error.
 */
export function operationResolutionPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation) return;
          const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [`"${d.name.value}"`] : []));
          const message =
            typeof request.operationName === 'string'
              ? `The document has no operation named "${request.operationName}"${names.length > 0 ? `; it holds ${names.join(', ')}` : ''}`
              : 'The document holds several operations: name the one to run in operationName';
          throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
        },
      };
    },
  };
}
