import type { LoggedModelRecord } from '../../domain/records';
import { type SqlRow, type SqliteSchema, keyValuesByOwner, sqlNum, sqlStr } from './sqliteSchema';
import { loggedModelStatusName } from './values';

/** MLflow 3.x logged models with their params and tags; stores older than 3.x have none. */
export function readSqliteLoggedModels(schema: SqliteSchema): LoggedModelRecord[] {
  if (!schema.hasTable('logged_models')) return [];
  const kv = (table: string, prefix: string) => {
    if (!schema.hasTable(table)) return new Map<string, Record<string, string>>();
    // Some revisions name the columns param_key/tag_key, others plain key/value.
    const [k, v] = schema.cols(table).has(`${prefix}_key`) ? [`${prefix}_key`, `${prefix}_value`] : ['key', 'value'];
    return keyValuesByOwner(schema.db.prepare(`SELECT model_id, "${k}", "${v}" FROM ${table}`).raw().all() as unknown[][]);
  };
  const params = kv('logged_model_params', 'param');
  const tags = kv('logged_model_tags', 'tag');
  const t = 'logged_models';
  return (
    schema.db
      .prepare(
        `SELECT model_id, CAST(experiment_id AS TEXT) AS experiment_id, name, ${schema.col(t, 'artifact_location')}, ${schema.col(t, 'creation_timestamp_ms')},
                ${schema.col(t, 'last_updated_timestamp_ms')}, ${schema.col(t, 'status')}, ${schema.col(t, 'lifecycle_stage')}, ${schema.col(t, 'model_type')},
                ${schema.col(t, 'source_run_id')} FROM logged_models ORDER BY model_id`,
      )
      .all() as SqlRow[]
  ).map((r) => ({
    modelId: String(r.model_id),
    experimentId: String(r.experiment_id),
    name: String(r.name),
    sourceRunId: sqlStr(r.source_run_id),
    status: loggedModelStatusName(r.status),
    modelType: sqlStr(r.model_type),
    artifactLocation: sqlStr(r.artifact_location),
    lifecycleStage: sqlStr(r.lifecycle_stage) ?? 'active',
    createdAt: sqlNum(r.creation_timestamp_ms),
    updatedAt: sqlNum(r.last_updated_timestamp_ms),
    params: params.get(String(r.model_id)) ?? {},
    tags: tags.get(String(r.model_id)) ?? {},
  }));
}
