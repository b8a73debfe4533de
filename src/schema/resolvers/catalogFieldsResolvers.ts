import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Dataset } from '../../domain/dataset';
import type { Experiment } from '../../domain/experiment';
import type { ModelVersion, RegisteredModel } from '../../domain/model';
import { listModelVersions, runsOfDataset } from '../../services/catalogService';
import { listRuns } from '../../services/runService';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/pageArgs';
import { INCLUDE_DELETED_ARG, RUN_ORDER_ARG, RunFilter, RunOrder } from '../inputs/runInputs';
import { ModelVersionConnection, RunConnection } from '../types/nodeConnections';
import { DatasetType } from '../types/dataset';
import { ExperimentType } from '../types/experiment';
import { ModelVersionType, RegisteredModelType } from '../types/model';
import { ReportType } from '../types/report';
import { RunType } from '../types/run';
import { TrackingStoreType } from '../types/trackingStore';

@Resolver(() => ExperimentType)
export class ExperimentFieldsResolver {
  @FieldResolver(() => TrackingStoreType, { nullable: true, description: 'The tracking store holding the experiment.' })
  store(@Root() e: Experiment, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.storeOfExperiment.load(e.id);
  }

  @FieldResolver(() => RunConnection, { description: 'Runs of this experiment; same filter and order as `Query.runs`.' })
  runs(
    @Root() e: Experiment,
    @Arg('filter', () => RunFilter, { nullable: true, description: 'Further conditions; `experimentId` is set to this experiment.' }) filter: RunFilter | null,
    @Arg('orderBy', () => RunOrder, RUN_ORDER_ARG) orderBy: RunOrder | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return listRuns(ctx.serviceContext, { ...filter, experimentId: e.id, storeId: null }, orderBy, page);
  }
}

@Resolver(() => DatasetType)
export class DatasetFieldsResolver {
  @FieldResolver(() => RunConnection, { description: 'Runs that read this dataset, newest start first, then id. Runs deleted in MLflow are left out unless `includeDeleted`.' })
  runs(
    @Root() d: Dataset,
    @Arg('includeDeleted', () => Boolean, INCLUDE_DELETED_ARG) includeDeleted: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return runsOfDataset(ctx.serviceContext, d.id, page, includeDeleted ?? false);
  }
}

@Resolver(() => RegisteredModelType)
export class RegisteredModelFieldsResolver {
  @FieldResolver(() => ModelVersionConnection, { description: 'Versions of this model, newest first.' })
  versions(@Root() m: RegisteredModel, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: GraphQLContext) {
    return listModelVersions(ctx.serviceContext, { modelId: m.id }, page);
  }
}

@Resolver(() => ModelVersionType)
export class ModelVersionFieldsResolver {
  @FieldResolver(() => RegisteredModelType, { nullable: true, description: 'The registered model this version belongs to.' })
  model(@Root() v: ModelVersion, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.modelOfVersion.load(v.id);
  }

  @FieldResolver(() => RunType, { nullable: true, description: 'The run that produced this version, when it is in the graph.' })
  run(@Root() v: ModelVersion, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.runOfVersion.load(v.id);
  }

  @FieldResolver(() => [ReportType], { description: 'Reports generated directly from this version, newest first.' })
  directReports(@Root() v: ModelVersion, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.reportsOfVersion.load(v.id);
  }
}
