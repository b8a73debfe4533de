import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../schema/context';
import { UNAVAILABLE_RETRY_SECONDS, graphqlStatusFor } from './errorStatus';

/**
 * Gives a GraphQL response the HTTP status its errors call for (503 while Neo4j is
 * unreachable), so load balancers and clients that read only the status see the outage;
 * the body still carries `extensions.code`.
 */
export function graphqlStatusPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const codes = (response.body.singleResult.errors ?? []).map((e) => e.extensions?.code);
          const status = graphqlStatusFor(codes);
          if (status) {
            response.http.status = status;
            response.http.headers.set('retry-after', String(UNAVAILABLE_RETRY_SECONDS));
          }
        },
      };
    },
  };
}
