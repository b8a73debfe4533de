import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Run } from '../../domain/run';
import { childrenOfRun } from '../../services/runService';
import type { GraphQLContext } from '../context';
import { INCLUDE_DELETED_ARG } from '../inputs/runInputs';
import { DatasetInputType } from '../types/dataset';
import { ExperimentType } from '../types/experiment';
import { ModelVersionType } from '../types/model';
import { ReportType } from '../types/report';
import { RunType } from '../types/run';

/** Direct neighbours of a run, each through this request's DataLoaders. */
@Resolver(() => RunType)
export class RunFieldsResolver {
  @FieldResolver(() => ExperimentType, { nullable: true, description: 'The experiment the run belongs to.' })
  experiment(@Root() run: Run, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.experimentOfRun.load(run.id);
  }

  @FieldResolver(() => [DatasetInputType], { description: 'Datasets the run read, ordered by dataset id, then context.' })
  inputs(@Root() run: Run, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.inputsOfRun.load(run.id);
  }

  @FieldResolver(() => [ModelVersionType], { description: 'Model versions the run produced, ordered by model name, then version.' })
  modelVersions(@Root() run: Run, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.modelVersionsOfRun.load(run.id);
  }

  @FieldResolver(() => [ReportType], { description: 'Reports generated directly from this run, newest first.' })
  reports(@Root() run: Run, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.reportsOfRun.load(run.id);
  }

  @FieldResolver(() => RunType, { nullable: true, description: 'Parent run (`mlflow.parentRunId`), if this is a nested run.' })
  parent(@Root() run: Run, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.parentOfRun.load(run.id);
  }

  @FieldResolver(() => [RunType], { description: 'Nested child runs, oldest first. Children deleted in MLflow are left out unless `includeDeleted`.' })
  children(
    @Root() run: Run,
    @Arg('includeDeleted', () => Boolean, INCLUDE_DELETED_ARG) includeDeleted: boolean,
    @Ctx() ctx: GraphQLContext,
  ) {
    return childrenOfRun(ctx.serviceContext, run.id, includeDeleted ?? false);
  }
}
