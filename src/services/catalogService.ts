import type { Dataset } from '../domain/dataset';
import { BadInputError } from '../domain/errors';
import type { Experiment } from '../domain/experiment';
import { parseIdOf } from '../domain/ids';
import type { ModelStage, ModelVersion, RegisteredModel } from '../domain/model';
import { NodeType } from '../domain/nodeType';
import { type Connection, type PageArgs, toConnection, toPageRequest } from '../domain/pagination';
import type { Report, ReportKind, ReportStatus } from '../domain/report';
import type { Run } from '../domain/run';
import type { Signal, SignalStatus } from '../domain/signal';
import type { ServiceContext } from './context';

/**
 * Lists and lookups for the catalogue entities other than runs. Each function validates its
 * arguments, then hands a plain query to the repository.
 */
export interface ExperimentFilter {
  readonly name?: string | null;
  readonly nameContains?: string | null;
  readonly includeDeleted?: boolean | null;
}

export async function listExperiments(ctx: ServiceContext, f: ExperimentFilter | null | undefined, page: PageArgs): Promise<Connection<Experiment>> {
  const q = { name: f?.name ?? null, nameContains: f?.nameContains ?? null, includeDeleted: f?.includeDeleted ?? false };
  return toConnection(await ctx.repos.experiments.list(q, toPageRequest(page, ctx.limits.maxPageSize)));
}

export interface DatasetFilter {
  readonly nameContains?: string | null;
  readonly digest?: string | null;
  readonly period?: string | null;
}

export async function listDatasets(ctx: ServiceContext, f: DatasetFilter | null | undefined, page: PageArgs): Promise<Connection<Dataset>> {
  const q = { nameContains: f?.nameContains ?? null, digest: f?.digest ?? null, period: f?.period ?? null };
  return toConnection(await ctx.repos.datasets.list(q, toPageRequest(page, ctx.limits.maxPageSize)));
}

/** Runs that read a dataset, newest first. */
export async function runsOfDataset(ctx: ServiceContext, datasetId: string, page: PageArgs, includeDeleted: boolean): Promise<Connection<Run>> {
  const request = toPageRequest(page, ctx.limits.maxPageSize);
  const [result] = await ctx.repos.runs.ofDatasets([datasetId], request, includeDeleted);
  return toConnection(result);
}

export async function listRegisteredModels(ctx: ServiceContext, nameContains: string | null | undefined, page: PageArgs): Promise<Connection<RegisteredModel>> {
  return toConnection(await ctx.repos.models.listModels(nameContains ?? null, toPageRequest(page, ctx.limits.maxPageSize)));
}

export interface ModelVersionFilter {
  readonly modelId?: string | null;
  readonly modelName?: string | null;
  readonly stages?: readonly ModelStage[] | null;
}

export async function listModelVersions(ctx: ServiceContext, f: ModelVersionFilter | null | undefined, page: PageArgs): Promise<Connection<ModelVersion>> {
  if (f?.modelId) parseIdOf(NodeType.REGISTERED_MODEL, f.modelId, 'filter.modelId');
  nonEmpty(f?.stages, 'filter.stages');
  const q = { modelIds: f?.modelId ? [f.modelId] : null, name: f?.modelName ?? null, stages: f?.stages ?? null };
  return toConnection(await ctx.repos.models.listVersions(q, toPageRequest(page, ctx.limits.maxPageSize)));
}

export interface ReportFilter {
  readonly kinds?: readonly ReportKind[] | null;
  readonly statuses?: readonly ReportStatus[] | null;
  readonly period?: string | null;
  readonly titleContains?: string | null;
}

export async function listReports(ctx: ServiceContext, f: ReportFilter | null | undefined, page: PageArgs): Promise<Connection<Report>> {
  nonEmpty(f?.kinds, 'filter.kinds');
  nonEmpty(f?.statuses, 'filter.statuses');
  const q = { kinds: f?.kinds ?? null, statuses: f?.statuses ?? null, period: f?.period ?? null, titleContains: f?.titleContains ?? null };
  return toConnection(await ctx.repos.reports.list(q, toPageRequest(page, ctx.limits.maxPageSize)));
}

export interface SignalFilter {
  readonly statuses?: readonly SignalStatus[] | null;
  readonly drug?: string | null;
  readonly eventTerm?: string | null;
}

export async function listSignals(ctx: ServiceContext, f: SignalFilter | null | undefined, page: PageArgs): Promise<Connection<Signal>> {
  nonEmpty(f?.statuses, 'filter.statuses');
  const q = { statuses: f?.statuses ?? null, drug: f?.drug ?? null, eventTerm: f?.eventTerm ?? null };
  return toConnection(await ctx.repos.signals.list(q, toPageRequest(page, ctx.limits.maxPageSize)));
}

function nonEmpty(list: readonly unknown[] | null | undefined, argument: string): void {
  if (list && list.length === 0) {
    throw new BadInputError(argument, `Argument "${argument}" must not be an empty list; omit it to match everything`);
  }
}
