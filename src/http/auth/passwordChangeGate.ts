import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { GraphQLError, Kind } from 'graphql';
import { PasswordChangeRequiredError } from '../../domain/identity/errors';
import type { GraphQLContext } from '../../schema/context';
import { principalOf } from './authenticate';

/** What a holder of a temporary password may still do: replace it, see who they are, sign out. */
export const WHILE_PASSWORD_TEMPORARY: ReadonlySet<string> = new Set(['changePassword', 'me', 'logout', '__typename']);

const refusal = (operation?: string) => new PasswordChangeRequiredError(operation);

/**
 * A principal whose password an administrator set may run only operations whose root fields are
 * all in `WHILE_PASSWORD_TEMPORARY`; anything else is FORBIDDEN with reason
 * PASSWORD_CHANGE_REQUIRED (HTTP 403) before it runs.
 */
export function passwordChangeGate(allowed: ReadonlySet<string> = WHILE_PASSWORD_TEMPORARY): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (!contextValue.principal?.passwordChangeRequired) return;
          const blocked = operation?.selectionSet.selections.find((s) => s.kind !== Kind.FIELD || !allowed.has(s.name.value));
          if (operation && !blocked) return;
          const name = blocked?.kind === Kind.FIELD ? blocked.name.value : undefined;
          const err = refusal(name);
          throw new GraphQLError(err.message, { originalError: err, extensions: { code: err.code, http: { status: 403 } } });
        },
      };
    },
  };
}

/** The same rule for routes outside GraphQL (OpenLineage): none of them is allowed. */
export const requireSettledPassword: RequestHandler = (_req, res, next) => {
  if (!principalOf(res)?.passwordChangeRequired) return next();
  const err = refusal();
  res.status(403).json({ errors: [{ message: err.message, extensions: { code: err.code, ...err.details } }] });
};

/** `authenticate` followed by `requireSettledPassword`, as one handler for routers that take one. */
export const withSettledPassword =
  (authenticate: RequestHandler): RequestHandler =>
  (req, res, next) =>
    authenticate(req, res, (err?: unknown) => (err ? next(err) : requireSettledPassword(req, res, next)));
