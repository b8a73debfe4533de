import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Dataset, DatasetInput } from '../../domain/dataset';
import { newestVersionOf } from '../../services/datasetVersions';
import type { GraphQLContext } from '../context';
import { DatasetInputType, DatasetType } from '../types/dataset';
import { DatasetVersionType } from '../types/datasetVersion';

@Resolver(() => DatasetType)
export class DatasetVersionsResolver {
  @FieldResolver(() => [DatasetVersionType], { description: 'Every snapshot of this dataset any source reported, oldest recorded first, then id.' })
  versions(@Root() d: Dataset, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.versionsOfDataset.load(d.id);
  }
}

@Resolver(() => DatasetInputType)
export class DatasetInputVersionResolver {
  @FieldResolver(() => DatasetVersionType, { nullable: true, description: 'The exact snapshot this run read: the MLflow digest, or the snapshot named by the `version` facet of the earliest OpenLineage event of this run that gave one; null when its source named none.' })
  version(@Root() i: DatasetInput, @Ctx() ctx: GraphQLContext) {
    return i.versionId === null ? null : ctx.serviceContext.loaders.datasetVersionById.load(i.versionId);
  }

  @FieldResolver(() => DatasetVersionType, {
    nullable: true,
    description: "The dataset's newest snapshot (latest recorded, from any source) when it is not the one this run read; null when the run read the newest, or has no version. \"Changed since\" in exports compares these two.",
  })
  async newerVersion(@Root() i: DatasetInput, @Ctx() ctx: GraphQLContext) {
    return newestVersionOf(ctx.serviceContext, i);
  }
}
