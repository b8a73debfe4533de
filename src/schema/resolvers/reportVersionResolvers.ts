import type DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import type { Report } from '../../domain/report';
import type { ReportVersion } from '../../domain/reportVersion';
import { reportVersion } from '../../services/reports/reportService';
import type { GraphQLContext } from '../context';
import { DatasetType } from '../types/dataset';
import { ModelVersionType } from '../types/model';
import { ReportType } from '../types/report';
import { ReportVersionType, ReportWithdrawalType } from '../types/reportVersion';
import { RunType } from '../types/run';
import { SignalType } from '../types/signal';
import { SignatureType } from '../types/signature';

/** The records behind a version's ids that still exist, in the version's (sorted) id order. */
async function loadAll<T>(loader: DataLoader<string, T | null>, ids: readonly string[]): Promise<T[]> {
  const found = await loader.loadMany([...ids]);
  return found.filter((x): x is T => x !== null && !(x instanceof Error));
}

/** A report's versions, their signatures and its withdrawal. */
@Resolver(() => ReportType)
export class ReportVersioningResolver {
  @FieldResolver(() => [ReportVersionType], { description: 'Every version, oldest first. Empty for a report imported from MLflow side files and never registered.' })
  versions(@Root() r: Report, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.reportVersionsOfReport.load(r.id);
  }

  @FieldResolver(() => ReportVersionType, { nullable: true, description: 'One version by number; null when there is no such version.' })
  version(@Root() r: Report, @Arg('number', () => Int, { description: 'Version number, from 1.' }) n: number, @Ctx() ctx: GraphQLContext) {
    return reportVersion(ctx.serviceContext, r.id, n);
  }

  @FieldResolver(() => ReportVersionType, { nullable: true, description: 'The latest version (the one the report mirrors and the only one that can be signed).' })
  async latestVersion(@Root() r: Report, @Ctx() ctx: GraphQLContext) {
    const versions = await ctx.serviceContext.loaders.reportVersionsOfReport.load(r.id);
    return versions.length > 0 ? versions[versions.length - 1] : null;
  }

  @FieldResolver(() => [SignatureType], { description: 'Every signature on any version, oldest first (each names its version).' })
  signatures(@Root() r: Report, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.signaturesOfReport.load(r.id);
  }

  @FieldResolver(() => ReportWithdrawalType, { nullable: true, description: 'Who withdrew the report, when and why; null unless it is WITHDRAWN.' })
  withdrawal(@Root() r: Report, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.withdrawalOfReport.load(r.id);
  }
}

@Resolver(() => ReportVersionType)
export class ReportVersionFieldsResolver {
  @FieldResolver(() => [ID], { description: 'Typed ids of the model versions this version names, sorted.' })
  modelVersionIds(@Root() v: ReportVersion) {
    return v.modelVersions;
  }

  @FieldResolver(() => [ID], { description: 'Typed ids of the datasets this version names, sorted.' })
  datasetIds(@Root() v: ReportVersion) {
    return v.datasets;
  }

  @FieldResolver(() => [ID], { description: 'Typed ids of the signals this version covers, sorted.' })
  signalIds(@Root() v: ReportVersion) {
    return v.signals;
  }

  @FieldResolver(() => [RunType], { description: 'The runs this version was generated from, in id order.' })
  runs(@Root() v: ReportVersion, @Ctx() ctx: GraphQLContext) {
    return loadAll(ctx.serviceContext.loaders.runById, v.generatedFromRuns);
  }

  @FieldResolver(() => [ModelVersionType], { description: 'The model versions this version names, in id order.' })
  modelVersions(@Root() v: ReportVersion, @Ctx() ctx: GraphQLContext) {
    return loadAll(ctx.serviceContext.loaders.modelVersionById, v.modelVersions);
  }

  @FieldResolver(() => [DatasetType], { description: 'The datasets this version names, in id order.' })
  datasets(@Root() v: ReportVersion, @Ctx() ctx: GraphQLContext) {
    return loadAll(ctx.serviceContext.loaders.datasetById, v.datasets);
  }

  @FieldResolver(() => [SignalType], { description: 'The signals this version covers, in id order.' })
  signals(@Root() v: ReportVersion, @Ctx() ctx: GraphQLContext) {
    return loadAll(ctx.serviceContext.loaders.signalById, v.signals);
  }

  @FieldResolver(() => [SignatureType], { description: 'Signatures on exactly this version, oldest first. Empty after a revision until someone signs the new version.' })
  async signatures(@Root() v: ReportVersion, @Ctx() ctx: GraphQLContext) {
    return (await ctx.serviceContext.loaders.signaturesOfReport.load(v.reportId)).filter((s) => s.version === v.version);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'The version this one supersedes; null for version 1.' })
  supersedes(@Root() v: ReportVersion) {
    return v.version > 1 ? v.version - 1 : null;
  }
}
