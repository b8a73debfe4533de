import { BadInputError } from '../../domain/errors';
import { parseIdOf } from '../../domain/ids';
import { checkClocks } from '../../domain/lineage';
import { NodeType } from '../../domain/nodeType';
import { type Connection, type PageArgs, toConnection, toPageRequest } from '../../domain/pagination';
import type { Report } from '../../domain/report';
import type { Run } from '../../domain/run';
import { toReport, toRun } from '../../graph/mappers';
import { fieldKey, type LineageFieldKey } from '../../loaders/lineageBatches';
import type { ServiceContext } from '../context';
import type { ClockArgs } from './lineageService';

export interface FeedingRow {
  readonly run: Run;
  readonly report: Report;
  readonly pathLength: number;
}

export interface FeedingFilter {
  readonly experimentId?: string | null;
  readonly reportId?: string | null;
}

/** The flat (run, report, path length) table, ordered by run id, then report id. */
export async function runsFeedingReports(ctx: ServiceContext, filter: FeedingFilter, page: PageArgs): Promise<Connection<FeedingRow>> {
  const experimentId = filter.experimentId ?? null;
  const reportId = filter.reportId ?? null;
  if (experimentId === null && reportId === null) {
    throw new BadInputError('filter', 'Argument "filter" must name an experimentId, a reportId or both; the whole table would be unbounded');
  }
  if (experimentId !== null) parseIdOf(NodeType.EXPERIMENT, experimentId, 'filter.experimentId');
  if (reportId !== null) parseIdOf(NodeType.REPORT, reportId, 'filter.reportId');
  const req = toPageRequest(page, ctx.limits.maxPageSize);
  const found = await ctx.repos.lineage.runsFeedingReports({ experimentId, reportId, depth: ctx.limits.maxLineageDepth }, req, toRun, toReport);
  return toConnection({ items: found.items, totalCount: found.total, offset: req.offset });
}

/**
 * The loader key of a typed lineage field: the parent's id on the field's `asOf` and `validAt`,
 * checked as `lineage` checks them (BAD_USER_INPUT naming the argument for an instant in the future).
 */
export function lineageFieldKey(id: string, clocks: ClockArgs = {}): LineageFieldKey {
  return fieldKey(id, checkClocks(clocks));
}
