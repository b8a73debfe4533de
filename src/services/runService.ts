import { BadInputError } from '../domain/errors';
import { formatId, parseIdOf } from '../domain/ids';
import type { LoggedModel } from '../domain/model';
import { NodeType } from '../domain/nodeType';
import { type Connection, type PageArgs, toConnection, toPageRequest } from '../domain/pagination';
import { isDeleted, type Run, type RunRelated, type RunRelation, type RunStatus } from '../domain/run';
import { parseRunFilter, parseRunOrder } from '../domain/runSearch/parse';
import { METRIC_PREFIX, PARAM_PREFIX } from '../domain/runProperties';
import { SortDirection } from '../domain/sort';
import type { RunListQuery } from '../graph/repositories/runRepository';
import type { Loaders } from '../loaders/createLoaders';
import type { ServiceContext } from './context';
import { requireNode } from './nodeService';

export interface RunFilter {
  readonly experimentId?: string | null;
  readonly storeId?: string | null;
  readonly statuses?: readonly RunStatus[] | null;
  readonly userId?: string | null;
  readonly name?: string | null;
  readonly search?: string | null;
  readonly startedAfter?: Date | null;
  readonly startedBefore?: Date | null;
  readonly param?: { readonly key: string; readonly value: string } | null;
  readonly metric?: { readonly key: string; readonly min?: number | null; readonly max?: number | null } | null;
  readonly includeDeleted?: boolean | null;
}

export enum RunOrderField {
  START_TIME = 'START_TIME',
  METRIC = 'METRIC',
}

export interface RunOrder {
  readonly field?: RunOrderField | null;
  readonly metricKey?: string | null;
  readonly direction?: SortDirection | null;
  readonly search?: readonly string[] | null;
}

export const DEFAULT_RUN_ORDER: RunOrder = { field: RunOrderField.START_TIME, direction: SortDirection.DESC };

export async function getRun(ctx: ServiceContext, id: string): Promise<Run> {
  return requireNode<Run>(ctx, NodeType.RUN, id);
}

/** All runs, in every store, that carry this bare MLflow run id (several when stores overlap). */
export async function runsByMlflowId(ctx: ServiceContext, runId: string): Promise<Run[]> {
  if (!/^[0-9a-zA-Z_-]{1,64}$/.test(runId)) {
    throw new BadInputError('runId', `Argument "runId" is not an MLflow run id: "${runId.slice(0, 80)}"`);
  }
  return ctx.repos.runs.byMlflowRunId(runId);
}

/** A run's nested children through this request's loader, without the deleted ones unless asked. */
export async function childrenOfRun(ctx: ServiceContext, runId: string, includeDeleted: boolean): Promise<Run[]> {
  const children = await ctx.loaders.childrenOfRun.load(runId);
  return includeDeleted ? children : children.filter((c) => !isDeleted(c));
}

/** The logged models a run produced (its own or listed as its outputs), through this request's loader, without the deleted ones unless asked. */
export async function loggedModelsOfRun(ctx: ServiceContext, runId: string, includeDeleted: boolean): Promise<LoggedModel[]> {
  const models = await ctx.loaders.loggedModelsOfRun.load(runId);
  return includeDeleted ? models : models.filter((m) => !isDeleted(m));
}

/** The run that logged a model, by its MLflow run id in the model's store; null when the graph does not hold it. */
export async function sourceRunOfLoggedModel(ctx: ServiceContext, model: LoggedModel): Promise<Run | null> {
  return model.sourceRunId === null ? null : ctx.loaders.runById.load(formatId(NodeType.RUN, model.storeKey, model.sourceRunId));
}

/**
 * A page of runs. `relations` are the neighbours the caller will ask of every run: they come in
 * the same statement and are handed to this request's loaders, so asking costs no more queries.
 */
export async function listRuns(
  ctx: ServiceContext,
  filter: RunFilter | null | undefined,
  order: RunOrder | null | undefined,
  page: PageArgs,
  relations: ReadonlySet<RunRelation> = new Set(),
): Promise<Connection<Run>> {
  const request = toPageRequest(page, ctx.limits.maxPageSize);
  const query = toRunListQuery(filter ?? {}, order ?? DEFAULT_RUN_ORDER);
  const result = await ctx.repos.runs.list(query, request, relations);
  result.items.forEach((run, i) => primeRelated(ctx.loaders, run.id, result.related[i]));
  return toConnection(result);
}

function primeRelated(loaders: Loaders, runId: string, related: RunRelated): void {
  if (related.experiment !== undefined) loaders.experimentOfRun.prime(runId, related.experiment);
  if (related.inputs !== undefined) loaders.inputsOfRun.prime(runId, [...related.inputs]);
  if (related.modelVersions !== undefined) loaders.modelVersionsOfRun.prime(runId, [...related.modelVersions]);
  if (related.reports !== undefined) loaders.reportsOfRun.prime(runId, [...related.reports]);
  if (related.loggedModels !== undefined) loaders.loggedModelsOfRun.prime(runId, [...related.loggedModels]);
}

export function toRunListQuery(f: RunFilter, order: RunOrder): RunListQuery {
  const experiment = f.experimentId ? parseIdOf(NodeType.EXPERIMENT, f.experimentId, 'filter.experimentId') : null;
  const store = f.storeId ? parseIdOf(NodeType.TRACKING_STORE, f.storeId, 'filter.storeId') : null;
  if (f.statuses && f.statuses.length === 0) {
    throw new BadInputError('filter.statuses', 'Argument "filter.statuses" must not be an empty list; omit it to match every status');
  }
  if (f.startedAfter && f.startedBefore && f.startedAfter >= f.startedBefore) {
    throw new BadInputError('filter.startedAfter', 'Argument "filter.startedAfter" must be before "filter.startedBefore"');
  }
  const metric = f.metric ?? null;
  if (metric && metric.min != null && metric.max != null && metric.min > metric.max) {
    throw new BadInputError('filter.metric', 'Argument "filter.metric.min" must not exceed "filter.metric.max"');
  }
  if (order.search && order.field) {
    throw new BadInputError('orderBy.search', 'Arguments "orderBy.search" and "orderBy.field" exclude each other; give one');
  }
  if (!order.search && !order.field) {
    throw new BadInputError('orderBy.field', 'Argument "orderBy" needs "field" or "search"');
  }
  if (order.field === RunOrderField.METRIC && !order.metricKey) {
    throw new BadInputError('orderBy.metricKey', 'Argument "orderBy.metricKey" is required when ordering by METRIC');
  }
  if (experiment && store && experiment.parts[0] !== store.parts[0]) {
    throw new BadInputError('filter.storeId', 'Arguments "filter.experimentId" and "filter.storeId" name different stores');
  }
  return {
    storeKey: experiment?.parts[0] ?? store?.parts[0] ?? null,
    experimentId: experiment?.parts[1] ?? null,
    includeDeleted: f.includeDeleted ?? false,
    statuses: f.statuses ?? null,
    userId: f.userId ?? null,
    name: f.name ?? null,
    startedAfter: f.startedAfter?.toISOString() ?? null,
    startedBefore: f.startedBefore?.toISOString() ?? null,
    paramProperty: f.param ? PARAM_PREFIX + f.param.key : null,
    paramValue: f.param?.value ?? null,
    metricProperty: metric ? METRIC_PREFIX + metric.key : null,
    metricMin: metric?.min ?? null,
    metricMax: metric?.max ?? null,
    sortProperty: order.field === RunOrderField.METRIC ? METRIC_PREFIX + order.metricKey : null,
    descending: (order.direction ?? SortDirection.DESC) === SortDirection.DESC,
    search: f.search ? parseRunFilter(f.search, 'filter.search') : [],
    mlflowOrder: order.search ? parseRunOrder(order.search, 'orderBy.search') : null,
  };
}
