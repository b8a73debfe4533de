import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { UnauthenticatedError } from '../../domain/identity/errors';
import { worklistFor } from '../../services/worklist/worklistService';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { WorklistType } from '../types/worklist';

const holds = (roles: readonly string[], rule: readonly string[]) => rule.some((r) => roles.includes(r));

/** The landing page's one request: the signed-in account's work by role. */
@Resolver()
export class WorklistResolver {
  @Authorized(...AUTH.self)
  @Query(() => WorklistType, {
    description:
      'The signed-in account’s work by role: what it must sign, its signatures a revision left behind, signals per GVP IX stage with their age, the latest ingestions, and the audit log’s latest checkpoint. UNAUTHENTICATED without credentials and for the anonymous demo reader, who has no account.',
  })
  worklist(@Ctx() ctx: GraphQLContext) {
    const principal = ctx.principal!;
    if (principal.method === 'ANONYMOUS') throw new UnauthenticatedError('The worklist belongs to a signed-in account: sign in to see yours');
    const roles = principal.roles;
    return worklistFor(ctx.serviceContext, principal, {
      signals: holds(roles, AUTH.readLineage),
      ingestions: holds(roles, AUTH.readLineage),
      auditCheckpoint: holds(roles, AUTH.readFullAuditTrail),
    });
  }
}
