import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { registerReport, reviseReport, withdrawReport } from '../../services/reports/reportService';
import { actorOf } from '../actor';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { RegisterReportInput, ReviseReportInput } from '../inputs/reportInputs';
import { ReportType } from '../types/report';

/** Registering, revising and withdrawing reports; each is one audited transaction. */
@Resolver()
export class ReportMutationResolver {
  @Authorized(...AUTH.registerReport)
  @Mutation(() => ReportType, {
    description:
      'Registers a report file (its SHA-256) as a new report with version 1, fed by the runs, model versions, datasets and signals it names. NOT_FOUND names a missing source and nothing is written; CONFLICT for a bare run id in several stores (candidates listed) or a file already registered (the report named).',
  })
  registerReport(@Arg('input', () => RegisterReportInput, { description: 'The report file and its sources.' }) input: RegisterReportInput, @Ctx() ctx: GraphQLContext) {
    return registerReport(ctx.serviceContext, actorOf(ctx.principal, AUTH.registerReport), input);
  }

  @Authorized(...AUTH.reviseReport)
  @Mutation(() => ReportType, {
    description: 'Adds a new version (a new file) to a report; earlier versions stay readable and their signatures stay with them. The live FEEDS edges move to the new sources; `lineage(asOf:)` still shows the old ones. A reason is required.',
  })
  reviseReport(
    @Arg('id', () => ID, { description: 'Typed id of the report.' }) id: string,
    @Arg('input', () => ReviseReportInput, { description: 'The new version and why.' }) input: ReviseReportInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return reviseReport(ctx.serviceContext, actorOf(ctx.principal, AUTH.reviseReport), id, input);
  }

  @Authorized(...AUTH.withdrawReport)
  @Mutation(() => ReportType, { description: 'Withdraws a report: a tombstone with a reason (status WITHDRAWN). Nothing is deleted; every version stays readable.' })
  withdrawReport(
    @Arg('id', () => ID, { description: 'Typed id of the report.' }) id: string,
    @Arg('reason', { description: 'Why it is withdrawn (required).' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return withdrawReport(ctx.serviceContext, actorOf(ctx.principal, AUTH.withdrawReport), id, reason);
  }
}
