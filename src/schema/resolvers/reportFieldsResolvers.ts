import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Report } from '../../domain/report';
import type { Signal } from '../../domain/signal';
import type { GraphQLContext } from '../context';
import { DatasetType } from '../types/dataset';
import { ModelVersionType } from '../types/model';
import { ReportType } from '../types/report';
import { RunType } from '../types/run';
import { SignalType } from '../types/signal';

@Resolver(() => ReportType)
export class ReportFieldsResolver {
  @FieldResolver(() => [RunType], { description: 'The runs the report was generated from, oldest start first, then id.' })
  runs(@Root() r: Report, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.runsOfReport.load(r.id);
  }

  @FieldResolver(() => [ModelVersionType], { description: 'Model versions the report names, by model name, then version.' })
  modelVersions(@Root() r: Report, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.modelVersionsOfReport.load(r.id);
  }

  @FieldResolver(() => [DatasetType], { description: 'Datasets the report names directly, by id.' })
  datasets(@Root() r: Report, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.datasetsOfReport.load(r.id);
  }

  @FieldResolver(() => [SignalType], { description: 'Signals the report covers, by drug, event term, then id.' })
  signals(@Root() r: Report, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.signalsOfReport.load(r.id);
  }
}

@Resolver(() => SignalType)
export class SignalFieldsResolver {
  @FieldResolver(() => RunType, { nullable: true, description: 'The run whose detection method raised the signal.' })
  run(@Root() s: Signal, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.runOfSignal.load(s.id);
  }

  @FieldResolver(() => [ReportType], { description: 'Reports that cover the signal, newest first.' })
  reports(@Root() s: Signal, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.reportsOfSignal.load(s.id);
  }
}
