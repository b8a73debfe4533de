import type { Dataset } from '../../domain/dataset';
import type { Page, PageRequest } from '../../domain/pagination';
import { oneByKey } from '../batch';
import { pageParams } from '../convert';
import type { GraphExecutor, Row } from '../executor';
import { toDataset } from '../mappers';

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

  async list(q: DatasetListQuery, page: PageRequest): Promise<Page<Dataset>> {
    const [row] = await this.graph.query('dataset.list', DATASETS_PAGE, { ...q, ...pageParams(page) });
    return { items: (row.items as Row[]).map(toDataset), totalCount: row.total as number, offset: page.offset };
  }
}
