import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { dutyConflicts } from '../../services/identity/dutyConflicts';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { DutyConflictType } from '../types/dutyConflict';

/** Accounts left over from before the separation-of-duties rule, for the ADMIN who fixes them. */
@Resolver()
export class DutyConflictResolver {
  @Authorized(...AUTH.manageIdentity)
  @Query(() => [DutyConflictType], {
    description: 'Accounts holding ADMIN beside a role that signs or reviews (rule ADMIN_NEVER_SIGNS), ordered by id. Such grants are refused; these accounts predate the rule, cannot sign, and are listed until their roles are split.',
  })
  dutyConflicts(@Arg('includeInactive', { defaultValue: true, description: 'Include deactivated accounts.' }) includeInactive: boolean, @Ctx() ctx: GraphQLContext) {
    return dutyConflicts(ctx.identity, includeInactive);
  }
}
