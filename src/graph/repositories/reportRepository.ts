import type { Dataset } from '../../domain/dataset';
import type { ModelVersion } from '../../domain/model';
import type { Page, PageRequest } from '../../domain/pagination';
import type { Report } from '../../domain/report';
import type { Run } from '../../domain/run';
import type { Signal } from '../../domain/signal';
import { manyByKey, oneByKey } from '../batch';
import { pageParams } from '../convert';
import type { GraphExecutor, Row } from '../executor';
import { toDataset, toModelVersion, toReport, toRun, toSignal } from '../mappers';

export const REPORTS_BY_IDS = `
UNWIND $ids AS key
MATCH (n:Report {id: key})
RETURN key, n{.*} AS node`;

/** Newest first. */
export const REPORTS_PAGE = `
MATCH (rep:Report)
WHERE ($kinds IS NULL OR rep.kind IN $kinds)
  AND ($statuses IS NULL OR rep.status IN $statuses)
  AND ($period IS NULL OR rep.period = $period)
  AND ($titleContains IS NULL OR toLower(rep.title) CONTAINS toLower($titleContains))
WITH rep ORDER BY rep.createdAt DESC, rep.id
WITH collect(rep) AS matched
RETURN size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x{.*}] AS items`;

export const RUNS_OF_REPORTS = `
UNWIND $ids AS key
MATCH (r:Run)-[fe:FEEDS WHERE fe.until IS NULL]->(:Report {id: key})
WITH key, r ORDER BY r.startTime, r.id
RETURN key, r{.*} AS node`;

export const VERSIONS_OF_REPORTS = `
UNWIND $ids AS key
MATCH (v:ModelVersion)-[fe:FEEDS WHERE fe.until IS NULL]->(:Report {id: key})
WITH key, v ORDER BY v.name, v.version
RETURN key, v{.*} AS node`;

export const DATASETS_OF_REPORTS = `
UNWIND $ids AS key
MATCH (d:Dataset)-[fe:FEEDS WHERE fe.until IS NULL]->(:Report {id: key})
WITH key, d ORDER BY d.id
RETURN key, d{.*} AS node`;

export const SIGNALS_OF_REPORTS = `
UNWIND $ids AS key
MATCH (s:Signal)-[fe:FEEDS WHERE fe.until IS NULL]->(:Report {id: key})
WITH key, s ORDER BY s.drug, s.eventTerm, s.id
RETURN key, s{.*} AS node`;

export interface ReportListQuery {
  readonly kinds: readonly string[] | null;
  readonly statuses: readonly string[] | null;
  readonly period: string | null;
  readonly titleContains: string | null;
}

export class ReportRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async byIds(ids: readonly string[]): Promise<(Report | null)[]> {
    return oneByKey(await this.graph.query('report.byIds', REPORTS_BY_IDS, { ids }), ids, toReport);
  }

  async list(q: ReportListQuery, page: PageRequest): Promise<Page<Report>> {
    const [row] = await this.graph.query('report.list', REPORTS_PAGE, { ...q, ...pageParams(page) });
    return { items: (row.items as Row[]).map(toReport), totalCount: row.total as number, offset: page.offset };
  }

  async runsOf(ids: readonly string[]): Promise<Run[][]> {
    return manyByKey(await this.graph.query('report.runs', RUNS_OF_REPORTS, { ids }), ids, toRun);
  }

  async modelVersionsOf(ids: readonly string[]): Promise<ModelVersion[][]> {
    return manyByKey(await this.graph.query('report.modelVersions', VERSIONS_OF_REPORTS, { ids }), ids, toModelVersion);
  }

  async datasetsOf(ids: readonly string[]): Promise<Dataset[][]> {
    return manyByKey(await this.graph.query('report.datasets', DATASETS_OF_REPORTS, { ids }), ids, toDataset);
  }

  async signalsOf(ids: readonly string[]): Promise<Signal[][]> {
    return manyByKey(await this.graph.query('report.signals', SIGNALS_OF_REPORTS, { ids }), ids, toSignal);
  }
}
