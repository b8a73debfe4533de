import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { GraphQLError, Kind, type OperationDefinitionNode, parse } from 'graphql';
import type { GraphQLContext } from '../../schema/context';
import { principalOf, unauthenticated } from './authenticate';

/**
 * Requests without credentials may only name public root fields (login, changePassword). The
 * field-level auth checker would refuse the rest too; this turns the refusal into an HTTP 401
 * before anything runs.
 */
export function anonymousGate(publicFields: ReadonlySet<string>): ApolloServerPlugin<GraphQLContext> {
  const allowed = (op: OperationDefinitionNode) =>
    op.operation === 'mutation' &&
    op.selectionSet.selections.every((s) => s.kind === Kind.FIELD && (publicFields.has(s.name.value) || s.name.value === '__typename'));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (contextValue.principal || (operation && allowed(operation))) return;
          throw new GraphQLError('Authentication required: send "Authorization: Bearer <token>", or sign in with the login mutation', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new Map([['www-authenticate', 'Bearer realm="pv-lineage"']]) } },
          });
        },
      };
    },
  };
}

/**
 * The same rule at the HTTP layer, so an anonymous request is refused with 401 before Apollo
 * parses or validates it (validation messages would otherwise describe the schema).
 */
export function anonymousHttpGate(publicFields: ReadonlySet<string>, maxTokens: number): RequestHandler {
  const allowed = (op: OperationDefinitionNode) =>
    op.operation === 'mutation' &&
    op.selectionSet.selections.every((s) => s.kind === Kind.FIELD && (publicFields.has(s.name.value) || s.name.value === '__typename'));
  return (req, res, next) => {
    if (principalOf(res)) return next();
    const body = (req.method === 'GET' ? req.query : req.body) as { query?: unknown; operationName?: unknown } | undefined;
    let ok = false;
    if (body && !Array.isArray(body) && typeof body.query === 'string') {
      try {
        const ops = parse(body.query, { maxTokens }).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
        const op = typeof body.operationName === 'string' ? ops.find((o) => o.name?.value === body.operationName) : ops.length === 1 ? ops[0] : undefined;
        ok = op !== undefined && allowed(op) && req.method === 'POST';
      } catch {
        ok = false;
      }
    }
    if (ok) return next();
    unauthenticated(res, 'Authentication required: send "Authorization: Bearer <token>", or sign in with the login mutation');
  };
}
