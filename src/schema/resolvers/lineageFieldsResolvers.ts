import { Args, Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Dataset } from '../../domain/dataset';
import type { ModelVersion } from '../../domain/model';
import type { Report } from '../../domain/report';
import type { Run } from '../../domain/run';
import { lineageFieldKey, runsFeedingReports } from '../../services/lineage/lineageFieldsService';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { LineageClockArgs, ON_CLOCKS, RunsFeedingReportsFilter } from '../inputs/lineageInputs';
import { PageArgs } from '../inputs/pageArgs';
import { DatasetType } from '../types/dataset';
import { RunFeedingReportConnection, SourceRunType } from '../types/lineageFields';
import { ModelVersionType } from '../types/model';
import { ReportType } from '../types/report';
import { RunType } from '../types/run';
import { SignalType } from '../types/signal';

const TRANSITIVE = 'at any depth up to the configured maximum, along data-flow edges (PARENT_OF, INPUT_TO, PRODUCED, REGISTERED_AS, FEEDS); at most 1,000, the nearest kept';

@Resolver(() => ReportType)
export class ReportLineageResolver {
  @FieldResolver(() => [SourceRunType], { description: `Every run upstream of the report, ${TRANSITIVE}; ordered by path length, then run id. ${ON_CLOCKS}` })
  sourceRuns(@Root() r: Report, @Args(() => LineageClockArgs) clocks: LineageClockArgs, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.sourceRunsOfReport.load(lineageFieldKey(r.id, clocks));
  }
}

@Resolver(() => RunType)
export class RunLineageResolver {
  @FieldResolver(() => [ReportType], { description: `Reports downstream of the run, ${TRANSITIVE}; newest first, then id. ${ON_CLOCKS}` })
  downstreamReports(@Root() r: Run, @Args(() => LineageClockArgs) clocks: LineageClockArgs, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.downstreamReportsOfRun.load(lineageFieldKey(r.id, clocks));
  }
}

@Resolver(() => ModelVersionType)
export class ModelVersionLineageResolver {
  @FieldResolver(() => [ReportType], {
    description: `Reports downstream of the version or of the run that produced it (so every run that used or produced it), ${TRANSITIVE}; newest first, then id. ${ON_CLOCKS}`,
  })
  reports(@Root() v: ModelVersion, @Args(() => LineageClockArgs) clocks: LineageClockArgs, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.transitiveReportsOfVersion.load(lineageFieldKey(v.id, clocks));
  }

  @FieldResolver(() => [SignalType], {
    description: `Signals downstream of the version or of the run that produced it (raised by that run or by runs that used the version), ${TRANSITIVE}; by drug, event term, then id. ${ON_CLOCKS}`,
  })
  signals(@Root() v: ModelVersion, @Args(() => LineageClockArgs) clocks: LineageClockArgs, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.transitiveSignalsOfVersion.load(lineageFieldKey(v.id, clocks));
  }
}

@Resolver(() => DatasetType)
export class DatasetLineageResolver {
  @FieldResolver(() => [ReportType], { description: `Reports downstream of the dataset, ${TRANSITIVE}; newest first, then id. ${ON_CLOCKS}` })
  impactedReports(@Root() d: Dataset, @Args(() => LineageClockArgs) clocks: LineageClockArgs, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.impactedReportsOfDataset.load(lineageFieldKey(d.id, clocks));
  }
}

@Resolver()
export class RunsFeedingReportsResolver {
  @Authorized(...AUTH.readLineage)
  @Query(() => RunFeedingReportConnection, {
    description:
      'A flat, paginated table of (run, report, path length) for compliance scripts: runs of an experiment and the reports they feed, or the runs upstream of one report. Ordered by run id, then report id.',
  })
  runsFeedingReports(
    @Arg('filter', () => RunsFeedingReportsFilter, { description: 'Experiment, report or both; one is required.' }) filter: RunsFeedingReportsFilter,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return runsFeedingReports(ctx.serviceContext, filter, page);
  }
}
