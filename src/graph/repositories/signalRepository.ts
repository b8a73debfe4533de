import type { Page, PageRequest } from '../../domain/pagination';
import type { Report } from '../../domain/report';
import type { Run } from '../../domain/run';
import type { Signal, SignalStatus } from '../../domain/signal';
import { manyByKey, oneByKey } from '../batch';
import { pageParams, toNeoInt } from '../convert';
import type { GraphExecutor, Row } from '../executor';
import { toReport, toRun, toSignal } from '../mappers';

export const SIGNALS_BY_IDS = `
UNWIND $ids AS key
MATCH (n:Signal {id: key})
RETURN key, n{.*} AS node`;

export const SIGNALS_PAGE = `
MATCH (s:Signal)
WHERE ($statuses IS NULL OR s.status IN $statuses)
  AND ($drug IS NULL OR toLower(s.drug) = toLower($drug))
  AND ($eventTerm IS NULL OR toLower(s.eventTerm) = toLower($eventTerm))
WITH s ORDER BY s.drug, s.eventTerm, s.id
WITH collect(s) AS matched
RETURN size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x{.*}] AS items`;

export const RUN_OF_SIGNALS = `
UNWIND $ids AS key
MATCH (r:Run)-[:PRODUCED]->(:Signal {id: key})
RETURN key, r{.*} AS node`;

export const REPORTS_OF_SIGNALS = `
UNWIND $ids AS key
MATCH (:Signal {id: key})-[fe:FEEDS WHERE fe.until IS NULL]->(rep:Report)
WITH key, rep ORDER BY rep.createdAt DESC, rep.id
RETURN key, rep{.*} AS node`;

/**
 * Signals per lifecycle stage: how many, and the `$perStage` longest in it (since their last
 * transition, or their detection), longest first, then id.
 */
export const SIGNALS_BY_STAGE = `
MATCH (s:Signal)
WITH s, coalesce(s.statusChangedAt, s.detectedAt) AS since
ORDER BY since, s.id
WITH s.status AS status, collect(s{.*, inStageSince: since}) AS signals
RETURN status, size(signals) AS count, signals[0..$perStage] AS oldest`;

/** One lifecycle stage with its signal count and the signals longest in it. */
export interface SignalStageRow {
  readonly status: SignalStatus;
  readonly count: number;
  readonly oldest: readonly { readonly signal: Signal; readonly inStageSince: string | null }[];
}

export interface SignalListQuery {
  readonly statuses: readonly string[] | null;
  readonly drug: string | null;
  readonly eventTerm: string | null;
}

export class SignalRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async byIds(ids: readonly string[]): Promise<(Signal | null)[]> {
    return oneByKey(await this.graph.query('signal.byIds', SIGNALS_BY_IDS, { ids }), ids, toSignal);
  }

  async list(q: SignalListQuery, page: PageRequest): Promise<Page<Signal>> {
    const [row] = await this.graph.query('signal.list', SIGNALS_PAGE, { ...q, ...pageParams(page) });
    return { items: (row.items as Row[]).map(toSignal), totalCount: row.total as number, offset: page.offset };
  }

  /** Stages that hold signals, in no particular order (the service orders them by the lifecycle). */
  async byStage(perStage: number): Promise<SignalStageRow[]> {
    const rows = await this.graph.query('signal.byStage', SIGNALS_BY_STAGE, { perStage: toNeoInt(perStage) });
    return rows.map((r) => ({
      status: r.status as SignalStatus,
      count: r.count as number,
      oldest: (r.oldest as Row[]).map((p) => ({ signal: toSignal(p), inStageSince: p.inStageSince == null ? null : String(p.inStageSince) })),
    }));
  }

  async runOf(ids: readonly string[]): Promise<(Run | null)[]> {
    return oneByKey(await this.graph.query('signal.run', RUN_OF_SIGNALS, { ids }), ids, toRun);
  }

  async reportsOf(ids: readonly string[]): Promise<Report[][]> {
    return manyByKey(await this.graph.query('signal.reports', REPORTS_OF_SIGNALS, { ids }), ids, toReport);
  }
}
