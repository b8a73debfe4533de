import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { TrackingStore } from '../../domain/trackingStore';
import { actorOf } from '../actor';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { StoreWriterType, TrackingStoreType } from '../types/trackingStore';

const STORE_ARG = { description: 'Typed id `store:<storeKey>` of a registered tracking store.' };
const USER_ARG = { description: 'Id of the PIPELINE account.' };

/** Write grants: which PIPELINE accounts may write into a tracking store (docs/security.md, "Who may write to a store"). */
@Resolver(() => TrackingStoreType)
export class StoreWriteResolver {
  @Authorized(...AUTH.manageStores)
  @Mutation(() => TrackingStoreType, {
    description:
      'Grants a PIPELINE account write access to a registered tracking store (audited, STORE_WRITE_GRANTED): it may then ingest the store with `ingestMlflow` and send OpenLineage events that attach runs above the store\'s runs. BAD_USER_INPUT for a malformed id, an empty reason, or an account without the PIPELINE role or deactivated; NOT_FOUND for an unknown account or a store that is not registered; CONFLICT when the store is retired or the account holds the grant already.',
  })
  grantStoreWrite(
    @Arg('storeId', () => ID, STORE_ARG) storeId: string,
    @Arg('userId', () => ID, USER_ARG) userId: string,
    @Arg('reason', { description: 'Why the account may write to the store; kept in the audit trail.' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.serviceContext.storeWrites.grant(actorOf(ctx.principal, AUTH.manageStores), storeId, userId, reason);
  }

  @Authorized(...AUTH.manageStores)
  @Mutation(() => TrackingStoreType, {
    description:
      'Revokes a write grant (audited, STORE_WRITE_REVOKED): the account can no longer ingest the store or attach OpenLineage runs above its runs; links already made stay. Allowed on a retired store. BAD_USER_INPUT and NOT_FOUND as for `grantStoreWrite`; CONFLICT when the account holds no grant on the store.',
  })
  revokeStoreWrite(
    @Arg('storeId', () => ID, STORE_ARG) storeId: string,
    @Arg('userId', () => ID, USER_ARG) userId: string,
    @Arg('reason', { description: 'Why the grant is revoked; kept in the audit trail.' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.serviceContext.storeWrites.revoke(actorOf(ctx.principal, AUTH.manageStores), storeId, userId, reason);
  }

  @Authorized(...AUTH.manageStores)
  @FieldResolver(() => [StoreWriterType], { description: 'The PIPELINE accounts that may write to the store (ADMIN only), ordered by account id.' })
  writers(@Root() store: TrackingStore, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.writersOfStore.load(store.id);
  }
}
