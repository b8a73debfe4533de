import { type OlJobType, type OlRunFacets, readJobType } from '../../domain/openlineageRunFacets';
import { NodeNotFoundError } from '../../domain/errors';
import { parseIdOf } from '../../domain/ids';
import type { DatasetJob, Job } from '../../domain/job';
import { NodeType } from '../../domain/nodeType';
import type { OlTransition } from '../../domain/openlineageRunState';
import { type Connection, type PageArgs, toConnection, toPageRequest } from '../../domain/pagination';
import type { Run } from '../../domain/run';
import type { ServiceContext } from '../context';

/** Reads of OpenLineage jobs and run state for the GraphQL API. */
export interface JobFilter {
  readonly namespace?: string | null;
  readonly nameContains?: string | null;
}

export async function getJob(ctx: ServiceContext, id: string): Promise<Job> {
  parseIdOf(NodeType.JOB, id);
  const job = await ctx.loaders.jobById.load(id);
  if (!job) throw new NodeNotFoundError(NodeType.JOB, id);
  return job;
}

export async function listJobs(ctx: ServiceContext, f: JobFilter | null | undefined, page: PageArgs): Promise<Connection<Job>> {
  const q = { namespace: f?.namespace ?? null, nameContains: f?.nameContains ?? null };
  return toConnection(await ctx.repos.openlineage.listJobs(q, toPageRequest(page, ctx.limits.maxPageSize)));
}

export function runsOfJob(ctx: ServiceContext, jobId: string): Promise<Run[]> {
  return ctx.loaders.runsOfJob.load(jobId);
}

/** The jobs whose runs read or wrote the dataset, by job id. */
export function jobsOfDataset(ctx: ServiceContext, datasetId: string): Promise<DatasetJob[]> {
  return ctx.loaders.jobsOfDataset.load(datasetId);
}

/** The runs that wrote the dataset, newest start first, then id. */
export function writersOfDataset(ctx: ServiceContext, datasetId: string): Promise<Run[]> {
  return ctx.loaders.writersOfDataset.load(datasetId);
}

export function stateHistoryOfRun(ctx: ServiceContext, runId: string): Promise<OlTransition[]> {
  return ctx.loaders.olTransitionsOfRun.load(runId);
}

export function openLineageFacetsOfRun(ctx: ServiceContext, runId: string): Promise<OlRunFacets | null> {
  return ctx.loaders.olFacetsOfRun.load(runId);
}

export function jobTypeOf(job: Job): OlJobType | null {
  return readJobType(job.facets);
}
