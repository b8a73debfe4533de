import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import type { Dataset } from '../../domain/dataset';
import type { Experiment } from '../../domain/experiment';
import type { ModelVersion, RegisteredModel } from '../../domain/model';
import { NodeType } from '../../domain/nodeType';
import type { Report } from '../../domain/report';
import { RunRelation } from '../../domain/run';
import type { Signal } from '../../domain/signal';
import * as catalog from '../../services/catalogService';
import { findNode, requireNode } from '../../services/nodeService';
import * as runs from '../../services/runService';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { DatasetFilter, ExperimentFilter, ModelVersionFilter, ReportFilter, SignalFilter } from '../inputs/catalogInputs';
import { PageArgs } from '../inputs/pageArgs';
import { selectedNodeFields } from '../selection';
import { RUN_ORDER_ARG, RunFilter, RunOrder } from '../inputs/runInputs';
import {
  DatasetConnection,
  ExperimentConnection,
  ModelVersionConnection,
  RegisteredModelConnection,
  ReportConnection,
  RunConnection,
  SignalConnection,
} from '../types/nodeConnections';
import { DatasetType } from '../types/dataset';
import { ExperimentType } from '../types/experiment';
import { ModelVersionType, RegisteredModelType } from '../types/model';
import { NodeInterface } from '../types/node';
import { ReportType } from '../types/report';
import { RunType } from '../types/run';
import { SignalType } from '../types/signal';
import { TrackingStoreType } from '../types/trackingStore';

const idArg = (what: string) => ({ description: `Typed id of the ${what}.` });

/** Root lookups and lists. Each field hands straight to a service. */
@Resolver()
export class QueryResolver {
  @Authorized(...AUTH.readLineage)
  @Query(() => NodeInterface, { description: 'Any record by its typed id. NOT_FOUND when well-formed but absent; BAD_USER_INPUT when malformed.' })
  async node(@Arg('id', () => ID, { description: 'Typed id, e.g. `run:<storeKey>:<runId>`.' }) id: string, @Ctx() ctx: GraphQLContext) {
    return (await findNode(ctx.serviceContext, id)).entity;
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => [TrackingStoreType], { description: 'Every tracking store pv-lineage reads, ordered by URI.' })
  trackingStores(@Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.repos.stores.all();
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => ExperimentType, { description: 'One experiment.' })
  experiment(@Arg('id', () => ID, idArg('experiment')) id: string, @Ctx() ctx: GraphQLContext) {
    return requireNode<Experiment>(ctx.serviceContext, NodeType.EXPERIMENT, id);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => ExperimentConnection, { description: 'Experiments across all stores, ordered by name, then id.' })
  experiments(
    @Arg('filter', () => ExperimentFilter, { nullable: true, description: 'Conditions to match.' }) filter: ExperimentFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return catalog.listExperiments(ctx.serviceContext, filter, page);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => RunType, { description: 'One run by typed id.' })
  run(@Arg('id', () => ID, idArg('run')) id: string, @Ctx() ctx: GraphQLContext) {
    return runs.getRun(ctx.serviceContext, id);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => [RunType], {
    description:
      'Runs with this bare MLflow run id, in every store, ordered by id. More than one entry means the id is ambiguous: the same run was seen through several stores.',
  })
  runsByMlflowId(@Arg('runId', { description: "MLflow's 32-hex run id." }) runId: string, @Ctx() ctx: GraphQLContext) {
    return runs.runsByMlflowId(ctx.serviceContext, runId);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => RunConnection, { description: 'Runs across all stores in `orderBy` order, ties broken by id. Deleted runs are left out unless asked for.' })
  runs(
    @Arg('filter', () => RunFilter, { nullable: true, description: 'Conditions to match.' }) filter: RunFilter | null,
    @Arg('orderBy', () => RunOrder, RUN_ORDER_ARG) orderBy: RunOrder | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const selected = selectedNodeFields(info, 'RunConnection', 'RunEdge', 'Run');
    const relations = new Set(Object.values(RunRelation).filter((r) => selected.has(r)));
    return runs.listRuns(ctx.serviceContext, filter, orderBy, page, relations);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => DatasetType, { description: 'One dataset.' })
  dataset(@Arg('id', () => ID, idArg('dataset')) id: string, @Ctx() ctx: GraphQLContext) {
    return requireNode<Dataset>(ctx.serviceContext, NodeType.DATASET, id);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => DatasetConnection, { description: 'Datasets, ordered by namespace, name, then id.' })
  datasets(
    @Arg('filter', () => DatasetFilter, { nullable: true, description: 'Conditions to match.' }) filter: DatasetFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return catalog.listDatasets(ctx.serviceContext, filter, page);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => RegisteredModelType, { description: 'One registered model.' })
  registeredModel(@Arg('id', () => ID, idArg('registered model')) id: string, @Ctx() ctx: GraphQLContext) {
    return requireNode<RegisteredModel>(ctx.serviceContext, NodeType.REGISTERED_MODEL, id);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => RegisteredModelConnection, { description: 'Registered models, ordered by name, then id.' })
  registeredModels(
    @Arg('nameContains', () => String, { nullable: true, description: 'Case-insensitive substring of the name.' }) nameContains: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return catalog.listRegisteredModels(ctx.serviceContext, nameContains, page);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => ModelVersionType, { description: 'One model version.' })
  modelVersion(@Arg('id', () => ID, idArg('model version')) id: string, @Ctx() ctx: GraphQLContext) {
    return requireNode<ModelVersion>(ctx.serviceContext, NodeType.MODEL_VERSION, id);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => ModelVersionConnection, { description: 'Model versions, ordered by model name, then newest version first.' })
  modelVersions(
    @Arg('filter', () => ModelVersionFilter, { nullable: true, description: 'Conditions to match.' }) filter: ModelVersionFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return catalog.listModelVersions(ctx.serviceContext, filter, page);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => ReportType, { description: 'One report.' })
  report(@Arg('id', () => ID, idArg('report')) id: string, @Ctx() ctx: GraphQLContext) {
    return requireNode<Report>(ctx.serviceContext, NodeType.REPORT, id);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => ReportConnection, { description: 'Reports, newest first, then by id.' })
  reports(
    @Arg('filter', () => ReportFilter, { nullable: true, description: 'Conditions to match.' }) filter: ReportFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return catalog.listReports(ctx.serviceContext, filter, page);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => SignalType, { description: 'One signal.' })
  signal(@Arg('id', () => ID, idArg('signal')) id: string, @Ctx() ctx: GraphQLContext) {
    return requireNode<Signal>(ctx.serviceContext, NodeType.SIGNAL, id);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => SignalConnection, { description: 'Signals, ordered by drug, event term, then id.' })
  signals(
    @Arg('filter', () => SignalFilter, { nullable: true, description: 'Conditions to match.' }) filter: SignalFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return catalog.listSignals(ctx.serviceContext, filter, page);
  }
}
