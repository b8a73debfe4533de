import { BadInputError } from '../../domain/errors';
import type { OpenLineageRepository } from '../../graph/repositories/openLineageRepository';

export const DEFAULT_EVENT_LIMIT = 100;
export const MAX_EVENT_LIMIT = 1000;

export interface EventLogQuery {
  readonly before?: string | null;
  readonly after?: string | null;
  readonly limit?: string | null;
  readonly offset?: string | null;
}

function time(value: string | null | undefined, argument: string): Date | null {
  if (value === undefined || value === null || value === '') return null;
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(d.getTime())) {
    throw new BadInputError(argument, `Query parameter "${argument}" must be an ISO-8601 date-time, got "${value.slice(0, 100)}"`);
  }
  return d;
}

function int(value: string | null | undefined, argument: string, def: number, min: number, max: number): number {
  if (value === undefined || value === null || value === '') return def;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new BadInputError(argument, `Query parameter "${argument}" must be an integer from ${min} to ${max}, got "${value.slice(0, 100)}"`);
  }
  return n;
}

/**
 * The raw event log as Marquez serves it at `GET /api/v1/events/lineage`: newest first by
 * eventTime (then event id), `before`/`after` exclusive bounds on eventTime.
 */
export async function listLineageEvents(repo: OpenLineageRepository, q: EventLogQuery): Promise<{ events: readonly unknown[]; totalCount: number }> {
  const before = time(q.before, 'before');
  const after = time(q.after, 'after');
  if (before && after && after >= before) throw new BadInputError('after', 'Query parameter "after" must be earlier than "before"');
  const limit = int(q.limit, 'limit', DEFAULT_EVENT_LIMIT, 1, MAX_EVENT_LIMIT);
  const offset = int(q.offset, 'offset', 0, 0, 10_000_000);
  const page = await repo.listEvents({ before, after }, { offset, limit });
  return { events: page.items, totalCount: page.totalCount };
}
