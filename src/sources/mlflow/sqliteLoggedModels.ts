import type { LoggedModelMetricRecord, LoggedModelRecord } from '../../domain/records';
import { type SqlRow, type SqliteSchema, keyValuesByOwner, sqlNum, sqlStr } from './sqliteSchema';
import { fromSqliteValue, latestModelMetrics, loggedModelStatusName } from './values';

/**
 * Every logged-model metric point by model. MLflow's SQL stores keep no `is_nan` here: they
 * write NaN as 0 and ±inf as ±DBL_MAX, and MlflowClient returns those, so the value is read as
 * stored (the `sqlite` rule; a NULL, which MLflow never writes, is read as NaN).
 */
function metricsByModel(schema: SqliteSchema): Map<string, LoggedModelMetricRecord[]> {
  const out = new Map<string, LoggedModelMetricRecord[]>();
  const t = 'logged_model_metrics';
  if (!schema.hasTable(t)) return out;
  const rows = schema.db
    .prepare(
      `SELECT model_id, metric_name, metric_timestamp_ms, metric_step, metric_value, ${schema.col(t, 'run_id')}, ${schema.col(t, 'dataset_name')},
              ${schema.col(t, 'dataset_digest')} FROM ${t}`,
    )
    .all() as SqlRow[];
  for (const r of rows) {
    const id = String(r.model_id);
    const list = out.get(id) ?? [];
    if (list.length === 0) out.set(id, list);
    list.push({
      key: String(r.metric_name),
      value: r.metric_value === null ? NaN : fromSqliteValue(Number(r.metric_value), false),
      step: Number(r.metric_step),
      timestamp: Number(r.metric_timestamp_ms),
      runId: sqlStr(r.run_id),
      datasetName: sqlStr(r.dataset_name),
      datasetDigest: sqlStr(r.dataset_digest),
    });
  }
  return out;
}

/** MLflow 3.x logged models with their params, tags and latest metrics; stores older than 3.x have none. */
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
  const metrics = metricsByModel(schema);
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
    metrics: latestModelMetrics(metrics.get(String(r.model_id)) ?? []),
  }));
}
