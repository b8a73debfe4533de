import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { ingestionById } from '../../services/ingest/ingestionQueries';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { IngestionType } from '../types/ingestion';

/** One ingest record by id: how a client follows an ingestion `ingestMlflow` started. */
@Resolver()
export class IngestionStatusResolver {
  @Authorized(...AUTH.readLineage)
  @Query(() => IngestionType, { description: 'One ingest record: its status and counts as of its last committed batch. NOT_FOUND for an unknown id.' })
  ingestion(@Arg('id', () => ID, { description: 'Id of the ingest record, as `ingestMlflow` returned it.' }) id: string, @Ctx() ctx: GraphQLContext) {
    return ingestionById(ctx.serviceContext, id);
  }
}
