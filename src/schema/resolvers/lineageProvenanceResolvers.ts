import { GraphQLJSONObject } from '../scalars/json';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Report } from '../../domain/report';
import type { Signal } from '../../domain/signal';
import type { SourceRun } from '../../loaders/lineageBatches';
import { detectionMethodOf, reportProvenance, signalProvenance } from '../../services/lineage/provenanceService';
import type { GraphQLContext } from '../context';
import { LineageClockArgs, ON_CLOCKS } from '../inputs/lineageInputs';
import { DatasetInputType } from '../types/dataset';
import { DetectionMethodType, ProvenanceRunType, ProvenanceType } from '../types/lineageProvenance';
import { ReportType } from '../types/report';
import { SignalType } from '../types/signal';

@Resolver(() => ReportType)
export class ReportProvenanceResolver {
  @FieldResolver(() => ProvenanceType, {
    description: `The Part 11 chain behind the report in one answer; parts that were never recorded are null or empty. ${ON_CLOCKS} The clocks choose the runs and model versions; each one's own details (inputs, detection method) are as now.`,
  })
  provenance(@Root() r: Report, @Args(() => LineageClockArgs) clocks: LineageClockArgs, @Ctx() ctx: GraphQLContext) {
    return reportProvenance(ctx.serviceContext, r.id, clocks);
  }
}

@Resolver(() => SignalType)
export class SignalProvenanceResolver {
  @FieldResolver(() => ProvenanceType, { description: `The Part 11 chain behind the signal: the run that raised it and everything upstream of that run. ${ON_CLOCKS} The clocks choose the runs and model versions; each one's own details (inputs, detection method) are as now.` })
  provenance(@Root() s: Signal, @Args(() => LineageClockArgs) clocks: LineageClockArgs, @Ctx() ctx: GraphQLContext) {
    return signalProvenance(ctx.serviceContext, s.id, clocks);
  }
}

@Resolver(() => ProvenanceRunType)
export class ProvenanceRunResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Git commit of the code the run executed (`mlflow.source.git.commit`); null when not recorded.' })
  codeCommit(@Root() p: SourceRun) {
    return p.run.gitCommit;
  }

  @FieldResolver(() => GraphQLJSONObject, { description: "The run's parameters as logged." })
  params(@Root() p: SourceRun) {
    return p.run.params;
  }

  @FieldResolver(() => [DatasetInputType], { description: 'Dataset snapshots the run read, with the digest of each, ordered by dataset id, then context.' })
  datasets(@Root() p: SourceRun, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.inputsOfRun.load(p.run.id);
  }

  @FieldResolver(() => DetectionMethodType, { nullable: true, description: "The run's detection method and thresholds; null when no methods file was ingested for it." })
  detectionMethod(@Root() p: SourceRun, @Ctx() ctx: GraphQLContext) {
    return detectionMethodOf(ctx.serviceContext, p.run.id);
  }
}
