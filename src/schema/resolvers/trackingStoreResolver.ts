import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf } from '../actor';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { RegisterTrackingStoreInput } from '../inputs/storeInputs';
import { TrackingStoreType } from '../types/trackingStore';

/** Registering, listing and retiring the tracking stores a PIPELINE may ingest by id. */
@Resolver()
export class TrackingStoreResolver {
  @Authorized(...AUTH.manageStores)
  @Query(() => [TrackingStoreType], { description: 'The registered tracking stores, for the administrators who manage them and their writers, ordered by URI (readers use `trackingStores`).' })
  registeredTrackingStores(@Arg('includeRetired', { defaultValue: false, description: 'Include retired stores.' }) includeRetired: boolean, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.stores.list(includeRetired);
  }

  @Authorized(...AUTH.manageStores)
  @Mutation(() => TrackingStoreType, {
    description:
      'Registers an MLflow tracking store for ingestion through the API (audited). FORBIDDEN when its folder is outside PVL_INGEST_ROOTS or its origin is not in PVL_INGEST_ORIGINS; BAD_USER_INPUT for a malformed URI or a store that is not there; CONFLICT when it is registered already.',
  })
  registerTrackingStore(@Arg('input', { description: 'The store, a label and the reason.' }) input: RegisterTrackingStoreInput, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.stores.register(actorOf(ctx.principal, AUTH.manageStores), input);
  }

  @Authorized(...AUTH.manageStores)
  @Mutation(() => TrackingStoreType, { description: 'Retires a registered tracking store (audited): the API no longer ingests it; what was ingested stays.' })
  retireTrackingStore(
    @Arg('id', () => ID, { description: 'Typed id `store:<storeKey>`.' }) id: string,
    @Arg('reason', { description: 'Why it is retired; kept in the audit trail.' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.serviceContext.stores.retire(actorOf(ctx.principal, AUTH.manageStores), id, reason);
  }
}
