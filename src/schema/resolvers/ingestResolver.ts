import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Run } from '../../domain/run';
import { listIngestions } from '../../services/ingest/ingestionQueries';
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
      'Starts ingesting an MLflow store (file store path or `file://`, `sqlite:///`, or an `http(s)://` tracking server) into the graph, off the request thread, and returns its record at once with status `RUNNING`; `ingestion(id:)` follows it. Idempotent and incremental; BAD_USER_INPUT names the folder, table or URL that cannot be read; CONFLICT names the ingestion already running for the store.',
  })
  ingestMlflow(@Arg('uri', { description: 'Store location: path | file:// | sqlite:/// | http(s)://.' }) uri: string, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.ingestRunner.start({
      uri,
      actor: ctx.principal ? `user:${ctx.principal.id}` : `graphql:${ctx.requestId}`,
      auditActor: actorOf(ctx.principal, AUTH.ingest),
    });
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
