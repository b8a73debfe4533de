import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Run } from '../../domain/run';
import type { LoggedModel } from '../../domain/model';
import { childrenOfRun, loggedModelsOfRun, sourceRunOfLoggedModel } from '../../services/runService';
import type { GraphQLContext } from '../context';
import { INCLUDE_DELETED_ARG, INCLUDE_DELETED_MODELS_ARG } from '../inputs/runInputs';
import { DatasetInputType } from '../types/dataset';
import { ExperimentType } from '../types/experiment';
import { LoggedModelType, ModelVersionType } from '../types/model';
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

  @FieldResolver(() => [LoggedModelType], {
    description:
      'MLflow 3.x logged models the run produced (its `source_run_id`, or listed in its outputs), ordered by creation time, then model id. Models deleted in MLflow are left out unless `includeDeleted`.',
  })
  loggedModels(
    @Root() run: Run,
    @Arg('includeDeleted', () => Boolean, INCLUDE_DELETED_MODELS_ARG) includeDeleted: boolean,
    @Ctx() ctx: GraphQLContext,
  ) {
    return loggedModelsOfRun(ctx.serviceContext, run.id, includeDeleted ?? false);
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

/** The logged model's run, through this request's run loader. */
@Resolver(() => LoggedModelType)
export class LoggedModelFieldsResolver {
  @FieldResolver(() => RunType, { nullable: true, description: 'The run that logged the model (`sourceRunId`); null when it has none or the graph does not hold it.' })
  sourceRun(@Root() m: LoggedModel, @Ctx() ctx: GraphQLContext) {
    return sourceRunOfLoggedModel(ctx.serviceContext, m);
  }
}
