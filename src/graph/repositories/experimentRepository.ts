import type { Experiment } from '../../domain/experiment';
import type { Page, PageRequest } from '../../domain/pagination';
import type { TrackingStore } from '../../domain/trackingStore';
import { oneByKey } from '../batch';
import { pageParams } from '../convert';
import type { GraphExecutor, Row } from '../executor';
import { toExperiment, toTrackingStore } from '../mappers';

export const EXPERIMENTS_BY_IDS = `
UNWIND $ids AS key
MATCH (n:Experiment {id: key})
RETURN key, n{.*} AS node`;

/** Ordered by name, then id: experiment names are unique per store but not across stores. */
export const EXPERIMENTS_PAGE = `
MATCH (e:Experiment)
WHERE ($name IS NULL OR e.name = $name)
  AND ($nameContains IS NULL OR toLower(e.name) CONTAINS toLower($nameContains))
  AND ($includeDeleted OR e.lifecycleStage <> 'deleted')
WITH e ORDER BY e.name, e.id
WITH collect(e) AS matched
RETURN size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x{.*}] AS items`;

export const STORE_OF_EXPERIMENTS = `
UNWIND $ids AS key
MATCH (s:TrackingStore)-[:HAS_EXPERIMENT]->(:Experiment {id: key})
RETURN key, s{.*} AS node`;

export interface ExperimentListQuery {
  readonly name: string | null;
  readonly nameContains: string | null;
  readonly includeDeleted: boolean;
}

export class ExperimentRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async byIds(ids: readonly string[]): Promise<(Experiment | null)[]> {
    return oneByKey(await this.graph.query('experiment.byIds', EXPERIMENTS_BY_IDS, { ids }), ids, toExperiment);
  }

  async list(q: ExperimentListQuery, page: PageRequest): Promise<Page<Experiment>> {
    const [row] = await this.graph.query('experiment.list', EXPERIMENTS_PAGE, { ...q, ...pageParams(page) });
    return { items: (row.items as Row[]).map(toExperiment), totalCount: row.total as number, offset: page.offset };
  }

  async storeOf(ids: readonly string[]): Promise<(TrackingStore | null)[]> {
    return oneByKey(await this.graph.query('experiment.store', STORE_OF_EXPERIMENTS, { ids }), ids, toTrackingStore);
  }
}
