import type { Dataset, DatasetInput } from '../../domain/dataset';
import type { Experiment } from '../../domain/experiment';
import type { ModelVersion } from '../../domain/model';
import type { Page, PageRequest } from '../../domain/pagination';
import type { Report } from '../../domain/report';
import type { Run } from '../../domain/run';
import { manyByKey, oneByKey } from '../batch';
import { pageParams, toNeoDateTime } from '../convert';
import type { GraphExecutor, Row } from '../executor';
import { toDataset, toExperiment, toModelVersion, toReport, toRun } from '../mappers';

export const RUNS_BY_IDS = `
UNWIND $ids AS key
MATCH (n:Run {id: key})
RETURN key, n{.*} AS node`;

/**
 * One statement returns the page and the total, so a connection costs one round trip.
 * (Measured on 10k runs: one sort-and-collect beats a separate count plus a top-k page,
 * because both would scan every run; the cost is the scan and the map projection.)
 * Sorting: `$sortProperty` names a latest-metric property, or is null for start time; `$sign`
 * flips the direction, so a single query text serves every order. Missing and NaN sort keys go
 * last whatever the direction, and the id breaks ties, which keeps pages stable.
 */
export const RUNS_PAGE = `
MATCH (r:Run)
WHERE ($storeKey IS NULL OR r.storeKey = $storeKey)
  AND ($experimentId IS NULL OR r.experimentId = $experimentId)
  AND ($includeDeleted OR r.lifecycleStage <> 'deleted')
  AND ($statuses IS NULL OR r.status IN $statuses)
  AND ($userId IS NULL OR r.userId = $userId)
  AND ($startedAfter IS NULL OR r.startTime >= $startedAfter)
  AND ($startedBefore IS NULL OR r.startTime < $startedBefore)
  AND ($paramProperty IS NULL OR r[$paramProperty] = $paramValue)
  AND ($metricProperty IS NULL OR (
        r[$metricProperty] IS NOT NULL AND NOT isNaN(r[$metricProperty])
        AND ($metricMin IS NULL OR r[$metricProperty] >= $metricMin)
        AND ($metricMax IS NULL OR r[$metricProperty] <= $metricMax)))
WITH r, CASE WHEN $sortProperty IS NULL THEN r.startTime.epochMillis ELSE r[$sortProperty] END AS raw
WITH r, CASE WHEN raw IS NULL OR isNaN(raw) THEN null ELSE raw * $sign END AS k
ORDER BY k IS NULL, k, r.id
WITH collect(r) AS matched
RETURN size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x{.*}] AS items`;

export const RUNS_OF_DATASETS_PAGE = `
UNWIND $ids AS key
MATCH (:Dataset {id: key})-[i:INPUT_TO WHERE i.until IS NULL]->(r:Run)
WITH key, r ORDER BY r.startTime DESC, r.id
WITH key, collect(DISTINCT r) AS matched
RETURN key, size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x{.*}] AS items`;

export const EXPERIMENT_OF_RUNS = `
UNWIND $ids AS key
MATCH (e:Experiment)-[:HAS_RUN]->(:Run {id: key})
RETURN key, e{.*} AS node`;

export const INPUTS_OF_RUNS = `
UNWIND $ids AS key
MATCH (d:Dataset)-[i:INPUT_TO WHERE i.until IS NULL]->(:Run {id: key})
WITH key, d, i ORDER BY d.id, i.context
RETURN key, {dataset: d{.*}, context: i.context, digest: i.digest} AS node`;

export const MODEL_VERSIONS_OF_RUNS = `
UNWIND $ids AS key
MATCH (:Run {id: key})-[:PRODUCED]->(v:ModelVersion)
WITH key, v ORDER BY v.name, v.version
RETURN key, v{.*} AS node`;

export const REPORTS_OF_RUNS = `
UNWIND $ids AS key
MATCH (:Run {id: key})-[fe:FEEDS WHERE fe.until IS NULL]->(rep:Report)
WITH key, rep ORDER BY rep.createdAt DESC, rep.id
RETURN key, rep{.*} AS node`;

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

  async list(q: RunListQuery, page: PageRequest): Promise<Page<Run>> {
    const [row] = await this.graph.query('run.list', RUNS_PAGE, {
      ...q,
      startedAfter: q.startedAfter === null ? null : toNeoDateTime(q.startedAfter),
      startedBefore: q.startedBefore === null ? null : toNeoDateTime(q.startedBefore),
      sign: q.descending ? -1 : 1,
      ...pageParams(page),
    });
    return { items: (row.items as Row[]).map(toRun), totalCount: row.total as number, offset: page.offset };
  }

  async ofDatasets(ids: readonly string[], page: PageRequest): Promise<Page<Run>[]> {
    const rows = await this.graph.query('run.ofDatasets', RUNS_OF_DATASETS_PAGE, {
      ids,
      ...pageParams(page),
    });
    const byKey = new Map(rows.map((r) => [String(r.key), r]));
    return ids.map((id) => {
      const r = byKey.get(id);
      return { items: r ? (r.items as Row[]).map(toRun) : [], totalCount: r ? (r.total as number) : 0, offset: page.offset };
    });
  }

  async experimentOf(ids: readonly string[]): Promise<(Experiment | null)[]> {
    return oneByKey(await this.graph.query('run.experiment', EXPERIMENT_OF_RUNS, { ids }), ids, toExperiment);
  }

  async inputsOf(ids: readonly string[]): Promise<DatasetInput[][]> {
    const rows = await this.graph.query('run.inputs', INPUTS_OF_RUNS, { ids });
    return manyByKey(rows, ids, (n) => ({
      dataset: toDataset(n.dataset as Row) as Dataset,
      context: (n.context as string | null) ?? null,
      digest: (n.digest as string | null) ?? null,
    }));
  }

  async modelVersionsOf(ids: readonly string[]): Promise<ModelVersion[][]> {
    return manyByKey(await this.graph.query('run.modelVersions', MODEL_VERSIONS_OF_RUNS, { ids }), ids, toModelVersion);
  }

  async reportsOf(ids: readonly string[]): Promise<Report[][]> {
    return manyByKey(await this.graph.query('run.reports', REPORTS_OF_RUNS, { ids }), ids, toReport);
  }

  async childrenOf(ids: readonly string[]): Promise<Run[][]> {
    return manyByKey(await this.graph.query('run.children', CHILDREN_OF_RUNS, { ids }), ids, toRun);
  }

  async parentOf(ids: readonly string[]): Promise<(Run | null)[]> {
    return oneByKey(await this.graph.query('run.parent', PARENT_OF_RUNS, { ids }), ids, toRun);
  }
}
