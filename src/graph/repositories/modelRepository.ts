import type { LoggedModel, ModelVersion, RegisteredModel } from '../../domain/model';
import type { Page, PageRequest } from '../../domain/pagination';
import type { Report } from '../../domain/report';
import type { Run } from '../../domain/run';
import { manyByKey, oneByKey } from '../batch';
import { pageParams } from '../convert';
import type { GraphExecutor, Row } from '../executor';
import { toLoggedModel, toModelVersion, toRegisteredModel, toReport, toRun } from '../mappers';

export const MODELS_BY_IDS = `
UNWIND $ids AS key
MATCH (n:RegisteredModel {id: key})
RETURN key, n{.*} AS node`;

export const MODELS_PAGE = `
MATCH (m:RegisteredModel)
WHERE ($nameContains IS NULL OR toLower(m.name) CONTAINS toLower($nameContains))
WITH m ORDER BY m.name, m.id
WITH collect(m) AS matched
RETURN size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x{.*}] AS items`;

export const VERSIONS_BY_IDS = `
UNWIND $ids AS key
MATCH (n:ModelVersion {id: key})
RETURN key, n{.*} AS node`;

/** Newest version first within a model: the order the registry UI shows. */
export const VERSIONS_PAGE = `
MATCH (v:ModelVersion)
WHERE ($modelIds IS NULL OR EXISTS { MATCH (m:RegisteredModel)-[:HAS_VERSION]->(v) WHERE m.id IN $modelIds })
  AND ($name IS NULL OR v.name = $name)
  AND ($stages IS NULL OR v.stage IN $stages)
WITH v ORDER BY v.name, v.version DESC, v.id
WITH collect(v) AS matched
RETURN size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x{.*}] AS items`;

export const LOGGED_MODELS_BY_IDS = `
UNWIND $ids AS key
MATCH (n:LoggedModel {id: key})
RETURN key, n{.*} AS node`;

export const MODEL_OF_VERSIONS = `
UNWIND $ids AS key
MATCH (m:RegisteredModel)-[:HAS_VERSION]->(:ModelVersion {id: key})
RETURN key, m{.*} AS node`;

export const RUN_OF_VERSIONS = `
UNWIND $ids AS key
MATCH (r:Run)-[:PRODUCED]->(:ModelVersion {id: key})
RETURN key, r{.*} AS node`;

export const REPORTS_OF_VERSIONS = `
UNWIND $ids AS key
MATCH (:ModelVersion {id: key})-[fe:FEEDS WHERE fe.until IS NULL]->(rep:Report)
WITH key, rep ORDER BY rep.createdAt DESC, rep.id
RETURN key, rep{.*} AS node`;

export interface VersionListQuery {
  readonly modelIds: readonly string[] | null;
  readonly name: string | null;
  readonly stages: readonly string[] | null;
}

export class ModelRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async modelsByIds(ids: readonly string[]): Promise<(RegisteredModel | null)[]> {
    return oneByKey(await this.graph.query('model.byIds', MODELS_BY_IDS, { ids }), ids, toRegisteredModel);
  }

  async listModels(nameContains: string | null, page: PageRequest): Promise<Page<RegisteredModel>> {
    const [row] = await this.graph.query('model.list', MODELS_PAGE, { nameContains, ...pageParams(page) });
    return { items: (row.items as Row[]).map(toRegisteredModel), totalCount: row.total as number, offset: page.offset };
  }

  async versionsByIds(ids: readonly string[]): Promise<(ModelVersion | null)[]> {
    return oneByKey(await this.graph.query('modelVersion.byIds', VERSIONS_BY_IDS, { ids }), ids, toModelVersion);
  }

  async listVersions(q: VersionListQuery, page: PageRequest): Promise<Page<ModelVersion>> {
    const [row] = await this.graph.query('modelVersion.list', VERSIONS_PAGE, { ...q, ...pageParams(page) });
    return { items: (row.items as Row[]).map(toModelVersion), totalCount: row.total as number, offset: page.offset };
  }

  async loggedModelsByIds(ids: readonly string[]): Promise<(LoggedModel | null)[]> {
    return oneByKey(await this.graph.query('loggedModel.byIds', LOGGED_MODELS_BY_IDS, { ids }), ids, toLoggedModel);
  }

  async modelOf(ids: readonly string[]): Promise<(RegisteredModel | null)[]> {
    return oneByKey(await this.graph.query('modelVersion.model', MODEL_OF_VERSIONS, { ids }), ids, toRegisteredModel);
  }

  async runOf(ids: readonly string[]): Promise<(Run | null)[]> {
    return oneByKey(await this.graph.query('modelVersion.run', RUN_OF_VERSIONS, { ids }), ids, toRun);
  }

  async reportsOf(ids: readonly string[]): Promise<Report[][]> {
    return manyByKey(await this.graph.query('modelVersion.reports', REPORTS_OF_VERSIONS, { ids }), ids, toReport);
  }
}
