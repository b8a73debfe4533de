import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Dataset } from '../../domain/dataset';
import type { Job } from '../../domain/job';
import type { Run } from '../../domain/run';
import * as jobs from '../../services/openlineage/jobService';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { JobFilter } from '../inputs/jobInputs';
import { PageArgs } from '../inputs/pageArgs';
import { DatasetType } from '../types/dataset';
import { DatasetJobType, JobConnection, JobType, OpenLineageJobTypeType, OpenLineageRunFacetsType, RunStateTransitionType } from '../types/job';
import { RunType } from '../types/run';

/** OpenLineage jobs at the root. */
@Resolver()
export class JobQueryResolver {
  @Authorized(...AUTH.readLineage)
  @Query(() => JobType, { description: 'One OpenLineage job. BAD_USER_INPUT for a malformed or non-job id, NOT_FOUND when absent.' })
  job(@Arg('id', () => ID, { description: 'Typed id of the job (`job:<namespace>:<name>`).' }) id: string, @Ctx() ctx: GraphQLContext) {
    return jobs.getJob(ctx.serviceContext, id);
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => JobConnection, { description: 'OpenLineage jobs, ordered by namespace, name, then id.' })
  jobs(
    @Arg('filter', () => JobFilter, { nullable: true, description: 'Conditions to match.' }) filter: JobFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return jobs.listJobs(ctx.serviceContext, filter, page);
  }
}

@Resolver(() => JobType)
export class JobFieldsResolver {
  @FieldResolver(() => [RunType], { description: 'Runs of the job, newest start first (runs not yet started last), then by id.' })
  runs(@Root() job: Job, @Ctx() ctx: GraphQLContext) {
    return jobs.runsOfJob(ctx.serviceContext, job.id);
  }

  @FieldResolver(() => OpenLineageJobTypeType, { nullable: true, description: 'The `jobType` facet of the job\'s newest facets; null when it was not sent.' })
  jobType(@Root() job: Job) {
    return jobs.jobTypeOf(job);
  }
}

/** Who reads and writes a dataset: the runs that wrote it and the OpenLineage jobs on either side. */
@Resolver(() => DatasetType)
export class DatasetJobsResolver {
  @FieldResolver(() => [DatasetJobType], { description: 'OpenLineage jobs whose runs read or wrote this dataset, each once with both roles, ordered by job id.' })
  jobs(@Root() d: Dataset, @Ctx() ctx: GraphQLContext) {
    return jobs.jobsOfDataset(ctx.serviceContext, d.id);
  }

  @FieldResolver(() => [RunType], { description: 'Runs that wrote this dataset (OpenLineage outputs, runs that produced it), newest start first (runs not yet started last), then id. Runs deleted in MLflow are left out.' })
  writers(@Root() d: Dataset, @Ctx() ctx: GraphQLContext) {
    return jobs.writersOfDataset(ctx.serviceContext, d.id);
  }
}

/** OpenLineage state on runs; empty for runs that came from MLflow. */
@Resolver(() => RunType)
export class RunStateHistoryResolver {
  @FieldResolver(() => [RunStateTransitionType], {
    description: 'OpenLineage state transitions of the run, by event time (ties: START, RUNNING, then terminal states, then event id). Empty for MLflow runs.',
  })
  stateHistory(@Root() run: Run, @Ctx() ctx: GraphQLContext) {
    return jobs.stateHistoryOfRun(ctx.serviceContext, run.id);
  }

  @FieldResolver(() => OpenLineageRunFacetsType, {
    nullable: true,
    description: 'The OpenLineage run facets kept for queries (tags, error message, nominal time, processing engine); null for runs no OpenLineage event described, such as MLflow runs.',
  })
  openLineage(@Root() run: Run, @Ctx() ctx: GraphQLContext) {
    return jobs.openLineageFacetsOfRun(ctx.serviceContext, run.id);
  }
}
