import type { AuthCheckerFn } from 'type-graphql';
import { getMetadataStorage } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from '../domain/identity/errors';
import { PUBLIC } from './authRules';
import type { GraphQLContext } from './context';

/**
 * The one place roles are compared. A field is allowed when the caller holds one of the roles
 * its rule lists; no role implies another, so ADMIN passes only rules that name ADMIN.
 */
export const authChecker: AuthCheckerFn<GraphQLContext, string> = ({ context, info }, roles) => {
  if (roles.includes(PUBLIC)) return true;
  const principal = context.principal;
  if (!principal) throw new UnauthenticatedError();
  if (roles.length > 0 && principal.roles.some((r) => roles.includes(r))) return true;
  throw new ForbiddenError(`${info.parentType.name}.${info.fieldName}`, roles);
};

/** Root fields whose rule is PUBLIC, read from type-graphql's metadata (the anonymous gate uses them). */
export function publicRootFields(): Set<string> {
  const storage = getMetadataStorage();
  const names = new Set<string>();
  for (const f of storage.authorizedFields) {
    if (!f.roles.includes(PUBLIC)) continue;
    const root = [...storage.queries, ...storage.mutations].find((q) => q.target === f.target && q.methodName === f.fieldName);
    if (root) names.add(root.schemaName);
  }
  return names;
}
