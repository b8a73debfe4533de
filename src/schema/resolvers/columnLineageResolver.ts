import { GraphQLDateTime } from 'graphql-scalars';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { DEFAULT_COLUMN_LINEAGE_DEPTH } from '../../domain/columnLineage';
import type { Dataset } from '../../domain/dataset';
import type { DatasetField } from '../../domain/datasetField';
import { LineageDirection, checkAsOf } from '../../domain/lineage';
import { columnLineage } from '../../services/lineage/columnLineageService';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { ColumnLineageGraphType } from '../types/columnLineage';
import { DatasetType } from '../types/dataset';
import { DatasetFieldType } from '../types/datasetField';

/** Column-level lineage: the query, a dataset's fields and a field's dataset. */
@Resolver()
export class ColumnLineageQueryResolver {
  @Authorized(...AUTH.readLineage)
  @Query(() => ColumnLineageGraphType, {
    description:
      'Column-level lineage around a field, or around every field of a dataset, in one bounded query. BAD_USER_INPUT for a malformed id, an id that is neither a datasetField nor a dataset id, a depth outside 1..the configured maximum or an `asOf` in the future; NOT_FOUND for an absent field or dataset.',
  })
  columnLineage(
    @Arg('id', () => ID, { description: 'A `datasetField:<namespace>:<name>:<field>` id, or a `dataset:<namespace>:<name>` id meaning all of its fields.' }) id: string,
    @Arg('direction', () => LineageDirection, { defaultValue: LineageDirection.UPSTREAM, description: 'Which way to walk: UPSTREAM to the input fields, DOWNSTREAM to the outputs.' })
    direction: LineageDirection,
    @Arg('depth', () => Int, { defaultValue: DEFAULT_COLUMN_LINEAGE_DEPTH, description: 'Most field hops from a root, 1 to the configured maximum.' }) depth: number,
    @Arg('asOf', () => GraphQLDateTime, { nullable: true, description: 'Answer as the graph stood at this instant (not in the future). Omit for now.' }) asOf: Date | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const c = ctx.serviceContext;
    return columnLineage({ fields: c.repos.datasetFields, maxDepth: c.limits.maxLineageDepth }, id, { direction, depth, asOf });
  }
}

@Resolver(() => DatasetType)
export class DatasetColumnsResolver {
  @FieldResolver(() => [DatasetFieldType], {
    description:
      "The dataset's schema fields, from its OpenLineage schema facet or MLflow dataset schema, in schema order (nested fields after their parent), then name. BAD_USER_INPUT for an `asOf` in the future.",
  })
  fields(
    @Root() d: Dataset,
    @Arg('asOf', () => GraphQLDateTime, { nullable: true, description: 'The schema as it stood at this instant (not in the future). Omit for now.' }) asOf: Date | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const at = checkAsOf(asOf);
    return ctx.serviceContext.loaders.fieldsOfDataset.load(`${d.id}\u0000${at ? at.toISOString() : ''}`);
  }
}

@Resolver(() => DatasetFieldType)
export class DatasetFieldDatasetResolver {
  @FieldResolver(() => DatasetType, { nullable: true, description: 'The dataset the field belongs to.' })
  dataset(@Root() f: DatasetField, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.datasetById.load(f.datasetId);
  }
}
