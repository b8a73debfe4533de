import { BadInputError } from '../../domain/errors';
import { parseIdOf } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import { type Connection, type PageArgs, toConnection, toPageRequest } from '../../domain/pagination';
import type { Report } from '../../domain/report';
import type { Run } from '../../domain/run';
import { toReport, toRun } from '../../graph/mappers';
import type { ServiceContext } from '../context';

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
