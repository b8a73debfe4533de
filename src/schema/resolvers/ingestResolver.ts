import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Run } from '../../domain/run';
import { listIngestions } from '../../services/ingest/ingestionQueries';
import { ingestibleStore } from '../../services/stores/ingestTarget';
import { metricHistory } from '../../services/ingest/metricHistory';
import { actorOf } from '../actor';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { IngestionType } from '../types/ingestion';
import { MetricType } from '../types/metric';
import { RunType } from '../types/run';

/** MLflow ingestion: the mutation, the ingest records, and a run's metric history. */
@Resolver()
export class IngestResolver {
  @Authorized(...AUTH.ingest)
  @Mutation(() => IngestionType, {
    description:
      'Starts ingesting a registered MLflow tracking store (see `registerTrackingStore`) into the graph, off the request thread, and returns its record at once with status `RUNNING`; `ingestion(id:)` follows it. Idempotent and incremental. NOT_FOUND for an id that is not a registered store, CONFLICT for a retired one or one with an ingestion already running (naming it), FORBIDDEN for a location sent as `uri`, a store the calling account holds no write grant on (`grantStoreWrite`) or one the allow-lists no longer admit; BAD_USER_INPUT names the folder, table or URL that cannot be read.',
  })
  async ingestMlflow(
    @Arg('storeId', () => ID, { nullable: true, description: 'Typed id `store:<storeKey>` of a registered, not retired, tracking store.' }) storeId: string | null,
    @Arg('uri', () => String, { nullable: true, deprecationReason: 'Stores are registered by an ADMIN and ingested by `storeId`; a location sent here is refused with FORBIDDEN.', description: 'Refused: the API reads only registered stores.' }) uri: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const auditActor = actorOf(ctx.principal, AUTH.ingest);
    const { input } = await ingestibleStore(ctx.serviceContext.stores, ctx.serviceContext.storeWrites, auditActor.id, storeId, uri);
    return ctx.serviceContext.ingestRunner.start({ uri: input, actor: `user:${auditActor.id}`, auditActor });
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => [IngestionType], { description: 'The most recent ingest records, newest first (by start time, then id).' })
  ingestions(
    @Arg('storeId', () => ID, { nullable: true, description: 'Only ingests of this tracking store (typed id).' }) storeId: string | null,
    @Arg('last', () => Int, { defaultValue: 20, description: 'How many records, 1 to the maximum page size.' }) last: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return listIngestions(ctx.serviceContext, storeId, last);
  }
}

@Resolver(() => RunType)
export class RunMetricHistoryResolver {
  @FieldResolver(() => [MetricType], {
    description: 'Every logged point of one metric, ordered by step, then timestamp, then value; NaN and ±infinity are kept (`special`). Empty for an unknown key.',
  })
  metricHistory(@Root() run: Run, @Arg('key', { description: 'Metric name, e.g. `AUC_test`.' }) key: string, @Ctx() ctx: GraphQLContext) {
    return metricHistory(ctx.serviceContext, run.id, key);
  }
}
