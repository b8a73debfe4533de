import type { Dataset } from '../../domain/dataset';
import type { Run } from '../../domain/run';
import type { Page, PageRequest } from '../../domain/pagination';
import { manyByKey, oneByKey } from '../batch';
import { pageParams } from '../convert';
import type { GraphExecutor, Row } from '../executor';
import { toDataset, toRun } from '../mappers';

export const DATASETS_BY_IDS = `
UNWIND $ids AS key
MATCH (n:Dataset {id: key})
RETURN key, n{.*} AS node`;

export const DATASETS_PAGE = `
MATCH (d:Dataset)
WHERE ($nameContains IS NULL OR toLower(d.name) CONTAINS toLower($nameContains))
  AND ($digest IS NULL OR d.digest = $digest)
  AND ($period IS NULL OR d.period = $period)
WITH d ORDER BY d.namespace, d.name, d.id
WITH collect(d) AS matched
RETURN size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x{.*}] AS items`;

/**
 * Runs that wrote each dataset (a live PRODUCED edge: an OpenLineage output, an MLflow run's
 * output), newest start first (runs without one last), then id; runs deleted in MLflow left out.
 */
export const WRITERS_OF_DATASETS = `
UNWIND $ids AS key
MATCH (:Dataset {id: key})<-[p:PRODUCED WHERE p.until IS NULL]-(r:Run)
WHERE coalesce(r.lifecycleStage, 'active') <> 'deleted'
WITH key, r ORDER BY r.startTime IS NULL, r.startTime DESC, r.id
RETURN key, r{.*} AS node`;

export interface DatasetListQuery {
  readonly nameContains: string | null;
  readonly digest: string | null;
  readonly period: string | null;
}

export class DatasetRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async byIds(ids: readonly string[]): Promise<(Dataset | null)[]> {
    return oneByKey(await this.graph.query('dataset.byIds', DATASETS_BY_IDS, { ids }), ids, toDataset);
  }

  /** For DataLoader: the runs that wrote each dataset (WRITERS_OF_DATASETS). */
  async writersOf(ids: readonly string[]): Promise<Run[][]> {
    return manyByKey(await this.graph.query('dataset.writers', WRITERS_OF_DATASETS, { ids }), ids, toRun);
  }

  async list(q: DatasetListQuery, page: PageRequest): Promise<Page<Dataset>> {
    const [row] = await this.graph.query('dataset.list', DATASETS_PAGE, { ...q, ...pageParams(page) });
    return { items: (row.items as Row[]).map(toDataset), totalCount: row.total as number, offset: page.offset };
  }
}
