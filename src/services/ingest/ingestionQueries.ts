import { BadInputError, NotFoundError } from '../../domain/errors';
import { parseIdOf } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import type { IngestionRecord } from '../../graph/repositories/ingestRepository';
import type { ServiceContext } from '../context';

/** The most recent ingest records, newest first, optionally of one store. */
export async function listIngestions(ctx: ServiceContext, storeId: string | null | undefined, last: number): Promise<IngestionRecord[]> {
  if (!Number.isInteger(last) || last < 1 || last > ctx.limits.maxPageSize) {
    throw new BadInputError('last', `Argument "last" must be an integer from 1 to ${ctx.limits.maxPageSize}`);
  }
  if (storeId) parseIdOf(NodeType.TRACKING_STORE, storeId, 'storeId');
  return ctx.repos.ingest.list(storeId ?? null, last);
}

/** One ingest record, e.g. to follow an ingestion the API started. */
export async function ingestionById(ctx: ServiceContext, id: string): Promise<IngestionRecord> {
  const record = await ctx.ingest.byId(id);
  if (!record) throw new NotFoundError('Ingestion', id);
  return record;
}
