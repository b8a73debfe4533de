import type { DatasetInput } from '../../domain/dataset';
import type { Experiment } from '../../domain/experiment';
import type { LoggedModel, ModelVersion } from '../../domain/model';
import type { Page, PageRequest } from '../../domain/pagination';
import type { Report } from '../../domain/report';
import { type Run, type RunRelated, RunRelation } from '../../domain/run';
import type { RunSearchCondition, RunSortTerm } from '../../domain/runSearch/ast';
import { manyByKey, oneByKey, relatedByKey } from '../batch';
import { pageParams, toNeoDateTime, toNeoInt } from '../convert';
import type { GraphExecutor, Row } from '../executor';
import { toRun } from '../mappers';
import { compileRunOrder, compileRunSearch } from './runSearchCypher';
import { neighboursFromBatch, neighboursFromPage, neighboursOfRunsCypher, pageNeighboursCypher } from './runNeighbours';

export const RUNS_BY_IDS = `
UNWIND $ids AS key
MATCH (n:Run {id: key})
RETURN key, n{.*} AS node`;

/** Every filter but an MLflow search string, on `r`; a search string's conditions are ANDed on. */
const FILTERED_MATCH = `
MATCH (r:Run)
WHERE ($storeKey IS NULL OR r.storeKey = $storeKey)
  AND ($experimentId IS NULL OR r.experimentId = $experimentId)
  AND ($includeDeleted OR r.lifecycleStage <> 'deleted')
  AND ($statuses IS NULL OR r.status IN $statuses)
  AND ($userId IS NULL OR r.userId = $userId)
  AND ($name IS NULL OR r.name = $name)
  AND ($startedAfter IS NULL OR r.startTime >= $startedAfter)
  AND ($startedBefore IS NULL OR r.startTime < $startedBefore)
  AND ($paramProperty IS NULL OR r[$paramProperty] = $paramValue)
  AND ($metricProperty IS NULL OR (
        r[$metricProperty] IS NOT NULL AND NOT isNaN(r[$metricProperty])
        AND ($metricMin IS NULL OR r[$metricProperty] >= $metricMin)
        AND ($metricMax IS NULL OR r[$metricProperty] <= $metricMax)))`;

/**
 * `RunOrder.field` order: `$sortProperty` names a latest-metric property, or is null for start
 * time; `$sign` flips the direction, so one text serves every order. Missing and NaN sort keys
 * go last whatever the direction, and the id breaks ties, which keeps pages stable.
 */
const FIELD_ORDER = `
WITH r, CASE WHEN $sortProperty IS NULL THEN r.startTime.epochMillis ELSE r[$sortProperty] END AS raw
WITH r, CASE WHEN raw IS NULL OR isNaN(raw) THEN null ELSE raw * $sign END AS k
ORDER BY k IS NULL, k, r.id`;

/** Every matching run is sorted, then sliced. */
const SLICE = `
WITH collect(r) AS matched
WITH size(matched) AS total, matched[$offset..$end] AS page`;

const FILTERED_PAGE = FILTERED_MATCH + FIELD_ORDER + SLICE;

/**
 * A page under an MLflow filter string and/or order-by list: the compiled conditions are
 * ANDed onto the filters, and MLflow's order (or the field order) sorts before the slice.
 */
export function searchPageHead(conditions: readonly string[], mlflowOrderBy: string | null): string {
  const where = conditions.map((c) => `\n  AND ${c}`).join('');
  return FILTERED_MATCH + where + (mlflowOrderBy === null ? FIELD_ORDER : `\nWITH r ${mlflowOrderBy}`) + SLICE;
}

/**
 * The default list (every live run, or every run, by start time) without touching every run:
 * the total is the label count (kept by Neo4j, free) less the deleted runs (an index count), and
 * the page walks the start-time index in order (PROFILE: NodeIndexScan → PartialTop, about
 * `$end` rows read, where sorting everything read every run). Runs without a start time come
 * last, by id, and are looked for only when the timed ones run out before the page does.
 */
const byStartTime = (direction: 'ASC' | 'DESC') => `
CALL () { MATCH (r:Run) RETURN count(r) AS runs }
CALL () { MATCH (r:Run) WHERE NOT $includeDeleted AND r.lifecycleStage = 'deleted' RETURN count(r) AS deleted }
CALL () {
  MATCH (r:Run) WHERE r.startTime IS NOT NULL AND ($includeDeleted OR r.lifecycleStage <> 'deleted')
  WITH r ORDER BY r.startTime ${direction}, r.id LIMIT $end
  RETURN collect(r) AS timed
}
CALL (timed) {
  UNWIND CASE WHEN size(timed) < $end THEN [true] ELSE [] END AS missing
  MATCH (r:Run) WHERE r.startTime IS NULL AND ($includeDeleted OR r.lifecycleStage <> 'deleted')
  WITH r ORDER BY r.id
  RETURN collect(r) AS untimed
}
WITH runs - deleted AS total, (timed + untimed)[$offset..$end] AS page`;

/** Which page statement answers a list query: a sort over the matches, or a walk of an index. */
export enum RunPageShape {
  FILTERED = 'FILTERED',
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
}

const PAGE_HEAD: Readonly<Record<RunPageShape, string>> = {
  [RunPageShape.FILTERED]: FILTERED_PAGE,
  [RunPageShape.NEWEST_FIRST]: byStartTime('DESC'),
  [RunPageShape.OLDEST_FIRST]: byStartTime('ASC'),
};

/**
 * One statement for a page, its total and the neighbours the request selected, so a page of
 * runs with its relations costs one round trip instead of one per relation. The neighbours are
 * chosen from a closed enum (they select fixed fragments), and runs keep the page's order.
 */
export function runsPageCypher(shape: RunPageShape, relations: ReadonlySet<RunRelation>): string {
  return PAGE_HEAD[shape] + pageNeighboursCypher(relations);
}

/** The page statement for a query with an MLflow filter string or order-by list, and its extra parameters. */
function searchPageCypher(q: RunListQuery, relations: ReadonlySet<RunRelation>): { cypher: string; params: Record<string, unknown> } {
  const search = compileRunSearch(q.search);
  const order = q.mlflowOrder === null ? null : compileRunOrder(q.mlflowOrder);
  return {
    cypher: searchPageHead(search.conditions, order?.orderBy ?? null) + pageNeighboursCypher(relations),
    params: { ...search.params, ...order?.params },
  };
}

export const RUNS_OF_DATASETS_PAGE = `
UNWIND $ids AS key
MATCH (:Dataset {id: key})-[i:INPUT_TO WHERE i.until IS NULL]->(r:Run)
WHERE $includeDeleted OR r.lifecycleStage <> 'deleted'
WITH key, r ORDER BY r.startTime DESC, r.id
WITH key, collect(DISTINCT r) AS matched
RETURN key, size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x{.*}] AS items`;

export const EXPERIMENT_OF_RUNS = neighboursOfRunsCypher(RunRelation.EXPERIMENT);
export const INPUTS_OF_RUNS = neighboursOfRunsCypher(RunRelation.INPUTS);
export const MODEL_VERSIONS_OF_RUNS = neighboursOfRunsCypher(RunRelation.MODEL_VERSIONS);
export const REPORTS_OF_RUNS = neighboursOfRunsCypher(RunRelation.REPORTS);
export const LOGGED_MODELS_OF_RUNS = neighboursOfRunsCypher(RunRelation.LOGGED_MODELS);

export const CHILDREN_OF_RUNS = `
UNWIND $ids AS key
MATCH (:Run {id: key})-[:PARENT_OF]->(c:Run)
WITH key, c ORDER BY c.startTime, c.id
RETURN key, c{.*} AS node`;

export const PARENT_OF_RUNS = `
UNWIND $ids AS key
MATCH (p:Run)-[:PARENT_OF]->(:Run {id: key})
RETURN key, p{.*} AS node`;

export const RUNS_BY_MLFLOW_ID = `
MATCH (r:Run {runId: $runId})
RETURN r{.*} AS node ORDER BY r.id`;

export interface RunListQuery {
  readonly storeKey: string | null;
  readonly experimentId: string | null;
  readonly includeDeleted: boolean;
  readonly statuses: readonly string[] | null;
  readonly userId: string | null;
  /** Exact run name. */
  readonly name: string | null;
  readonly startedAfter: string | null;
  readonly startedBefore: string | null;
  readonly paramProperty: string | null;
  readonly paramValue: string | null;
  readonly metricProperty: string | null;
  readonly metricMin: number | null;
  readonly metricMax: number | null;
  /** A latest-metric property, or null to sort by start time. */
  readonly sortProperty: string | null;
  readonly descending: boolean;
  /** Conditions of an MLflow filter string, ANDed onto the rest; empty for none. */
  readonly search: readonly RunSearchCondition[];
  /** An MLflow order-by list, which replaces `sortProperty`/`descending`; null for none. */
  readonly mlflowOrder: readonly RunSortTerm[] | null;
}

/** The default list (no filter but deletion, ordered by start time) can walk the start-time index. */
function pageShapeOf(q: RunListQuery): RunPageShape {
  const filtered = q.storeKey !== null || q.experimentId !== null || q.statuses !== null || q.userId !== null || q.name !== null
    || q.startedAfter !== null || q.startedBefore !== null || q.paramProperty !== null || q.metricProperty !== null
    || q.sortProperty !== null;
  if (filtered) return RunPageShape.FILTERED;
  return q.descending ? RunPageShape.NEWEST_FIRST : RunPageShape.OLDEST_FIRST;
}

export class RunRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async byIds(ids: readonly string[]): Promise<(Run | null)[]> {
    const rows = await this.graph.query('run.byIds', RUNS_BY_IDS, { ids });
    return oneByKey(rows, ids, toRun);
  }

  async byMlflowRunId(runId: string): Promise<Run[]> {
    const rows = await this.graph.query('run.byMlflowRunId', RUNS_BY_MLFLOW_ID, { runId });
    return rows.map((r) => toRun(r.node as Row));
  }

  /** A page of runs, each with the neighbours in `relations` (none by default). */
  async list(q: RunListQuery, page: PageRequest, relations: ReadonlySet<RunRelation> = new Set()): Promise<Page<Run> & { related: RunRelated[] }> {
    const searched = q.search.length > 0 || q.mlflowOrder !== null ? searchPageCypher(q, relations) : null;
    const { search: _search, mlflowOrder: _order, ...plain } = q;
    const [row] = await this.graph.query(searched ? 'run.search' : 'run.list', searched?.cypher ?? runsPageCypher(pageShapeOf(q), relations), {
      ...plain,
      ...searched?.params,
      startedAfter: q.startedAfter === null ? null : toNeoDateTime(q.startedAfter),
      startedBefore: q.startedBefore === null ? null : toNeoDateTime(q.startedBefore),
      sign: q.descending ? -1 : 1,
      offset: toNeoInt(page.offset),
      end: toNeoInt(page.offset + page.limit),
    });
    return {
      items: (row.items as Row[]).map((item) => toRun(item.run as Row)),
      totalCount: row.total as number,
      offset: page.offset,
      related: neighboursFromPage(row, relations),
    };
  }

  async ofDatasets(ids: readonly string[], page: PageRequest, includeDeleted: boolean): Promise<Page<Run>[]> {
    const rows = await this.graph.query('run.ofDatasets', RUNS_OF_DATASETS_PAGE, {
      ids,
      includeDeleted,
      ...pageParams(page),
    });
    const byKey = new Map(rows.map((r) => [String(r.key), r]));
    return ids.map((id) => {
      const r = byKey.get(id);
      return { items: r ? (r.items as Row[]).map(toRun) : [], totalCount: r ? (r.total as number) : 0, offset: page.offset };
    });
  }

  async experimentOf(ids: readonly string[]): Promise<(Experiment | null)[]> {
    return this.relatedOf('run.experiment', EXPERIMENT_OF_RUNS, ids, RunRelation.EXPERIMENT, null);
  }

  async inputsOf(ids: readonly string[]): Promise<DatasetInput[][]> {
    return this.relatedOf('run.inputs', INPUTS_OF_RUNS, ids, RunRelation.INPUTS, []);
  }

  async modelVersionsOf(ids: readonly string[]): Promise<ModelVersion[][]> {
    return this.relatedOf('run.modelVersions', MODEL_VERSIONS_OF_RUNS, ids, RunRelation.MODEL_VERSIONS, []);
  }

  async reportsOf(ids: readonly string[]): Promise<Report[][]> {
    return this.relatedOf('run.reports', REPORTS_OF_RUNS, ids, RunRelation.REPORTS, []);
  }

  async loggedModelsOf(ids: readonly string[]): Promise<LoggedModel[][]> {
    return this.relatedOf('run.loggedModels', LOGGED_MODELS_OF_RUNS, ids, RunRelation.LOGGED_MODELS, []);
  }

  private async relatedOf<T>(operation: string, cypher: string, ids: readonly string[], relation: RunRelation, missing: T): Promise<T[]> {
    const rows = await this.graph.query(operation, cypher, { ids });
    return relatedByKey(rows, ids, (related) => neighboursFromBatch(relation, related) as T, missing);
  }

  async childrenOf(ids: readonly string[]): Promise<Run[][]> {
    return manyByKey(await this.graph.query('run.children', CHILDREN_OF_RUNS, { ids }), ids, toRun);
  }

  async parentOf(ids: readonly string[]): Promise<(Run | null)[]> {
    return oneByKey(await this.graph.query('run.parent', PARENT_OF_RUNS, { ids }), ids, toRun);
  }
}
