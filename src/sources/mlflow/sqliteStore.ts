import type {
  ExperimentRecord,
  IngestRunRecord,
  LoggedModelRecord,
  MetricSeriesRecord,
  ReportRecord,
  RunDatasetInputRecord,
  StoreRecord,
} from '../../domain/records';
import { storeKeyFor } from '../../domain/trackingStore';
import type { MlflowSource, RegistryContent, RunBatch, SkippedItem } from './source';
import { readSqliteLoggedModels } from './sqliteLoggedModels';
import { HistoryReader } from './historyReader';
import { type MetricsSignature, readMetricHistories, readMetricSignatures } from './sqliteMetrics';
import { readSqliteRegistry } from './sqliteRegistry';
import { type SqlRow, SqliteSchema, keyValuesByOwner, sqlNum, sqlStr } from './sqliteSchema';
import { datasetRecord, latestOf, sourceTypeName } from './values';

/**
 * Reads an MLflow SQL store from SQLite, opened read-only, with tables and columns detected per
 * schema revision (`sqliteSchema.ts`). Runs are paged by run id, so memory stays bounded by the
 * batch size; metrics, logged models and the registry have their own readers.
 */
/**
 * From this many metric points on, histories are read by a worker thread (historyReader.ts), so
 * the scan overlaps the writes; below it, starting a thread costs more than it saves.
 */
export const HISTORY_WORKER_FROM_POINTS = 1_000_000;

export interface SqliteSourceOptions {
  /** Metric points (an upper bound: the table's largest rowid) from which a worker reads histories. */
  readonly historyWorkerFromPoints?: number;
}

export class SqliteStoreSource implements MlflowSource {
  readonly skipped: SkippedItem[] = [];
  private readonly schema: SqliteSchema;
  private readonly storeKey: string;
  private readonly histories: HistoryReader | null;

  constructor(
    readonly store: StoreRecord,
    file: string,
    options: SqliteSourceOptions = {},
  ) {
    this.schema = SqliteSchema.open(file);
    this.storeKey = storeKeyFor(store.uri);
    const points = Number((this.db.prepare('SELECT coalesce(max(rowid), 0) AS n FROM metrics').get() as SqlRow).n);
    this.histories = points >= (options.historyWorkerFromPoints ?? HISTORY_WORKER_FROM_POINTS) ? new HistoryReader(file) : null;
  }

  private loadHistories(ids: readonly string[]): Promise<Map<string, MetricSeriesRecord[]>> {
    return this.histories ? this.histories.load(ids) : Promise.resolve(readMetricHistories(this.schema, ids));
  }

  private get db() {
    return this.schema.db;
  }

  async experiments(): Promise<ExperimentRecord[]> {
    const col = (c: string) => this.schema.col('experiments', c);
    const rows = this.db
      .prepare(
        `SELECT CAST(experiment_id AS TEXT) AS id, name, ${col('artifact_location')}, ${col('lifecycle_stage')},
                ${col('creation_time')}, ${col('last_update_time')} FROM experiments ORDER BY experiment_id`,
      )
      .all() as SqlRow[];
    const tags = this.schema.hasTable('experiment_tags')
      ? keyValuesByOwner(this.db.prepare('SELECT CAST(experiment_id AS TEXT) AS id, key, value FROM experiment_tags').raw().all() as unknown[][])
      : new Map<string, Record<string, string>>();
    return rows.map((r) => ({
      experimentId: String(r.id),
      name: String(r.name),
      lifecycleStage: sqlStr(r.lifecycle_stage) ?? 'active',
      artifactLocation: sqlStr(r.artifact_location),
      createdAt: sqlNum(r.creation_time),
      updatedAt: sqlNum(r.last_update_time),
      tags: tags.get(String(r.id)) ?? {},
    }));
  }

  async runCount(): Promise<number> {
    return Number((this.db.prepare('SELECT count(*) AS c FROM runs').get() as SqlRow).c);
  }

  async *runBatches(batchSize: number): AsyncIterable<RunBatch> {
    const col = (c: string) => this.schema.col('runs', c);
    const page = this.db.prepare(
      `SELECT run_uuid, CAST(experiment_id AS TEXT) AS experiment_id, ${col('name')}, ${col('status')},
              ${col('lifecycle_stage')}, ${col('start_time')}, ${col('end_time')}, ${col('user_id')},
              ${col('source_name')}, ${col('source_type')}, ${col('source_version')},
              ${col('artifact_uri')}, ${col('deleted_time')}
       FROM runs WHERE run_uuid > ? ORDER BY run_uuid LIMIT ?`,
    );
    let after = '';
    for (;;) {
      const rows = page.all(after, batchSize) as SqlRow[];
      if (rows.length === 0) return;
      after = String(rows[rows.length - 1].run_uuid);
      // Older stores lack latest_metrics, so there is no cheap signature and histories come inline.
      if (this.schema.hasTable('latest_metrics')) {
        yield { runs: this.assemble(rows, true), loadHistories: (ids) => this.loadHistories(ids) };
      } else yield { runs: this.assemble(rows, false) };
    }
  }

  private assemble(rows: SqlRow[], deferHistories: boolean): IngestRunRecord[] {
    const ids = rows.map((r) => String(r.run_uuid));
    const marks = ids.map(() => '?').join(',');
    const keyed = (sql: string) => keyValuesByOwner(this.db.prepare(sql).raw().all(...ids) as unknown[][]);
    const params = keyed(`SELECT run_uuid, key, value FROM params WHERE run_uuid IN (${marks})`);
    const tags = keyed(`SELECT run_uuid, key, value FROM tags WHERE run_uuid IN (${marks})`);
    const histories = deferHistories ? new Map<string, MetricSeriesRecord[]>() : readMetricHistories(this.schema, ids);
    const signatures = deferHistories ? readMetricSignatures(this.schema, ids, marks) : new Map<string, MetricsSignature>();
    const inputs = this.inputsOf(ids, marks);
    const outputs = this.outputsOf(ids, marks);
    return rows.map((r) => {
      const id = String(r.run_uuid);
      const tg = tags.get(id) ?? {};
      const history = histories.get(id) ?? [];
      const sig = signatures.get(id);
      return {
        runId: id,
        experimentId: String(r.experiment_id),
        name: tg['mlflow.runName'] ?? sqlStr(r.name),
        status: sqlStr(r.status) ?? 'RUNNING',
        lifecycleStage: sqlStr(r.lifecycle_stage) ?? 'active',
        startTime: sqlNum(r.start_time),
        endTime: sqlNum(r.end_time),
        userId: sqlStr(r.user_id) ?? tg['mlflow.user'] ?? null,
        sourceName: tg['mlflow.source.name'] ?? sqlStr(r.source_name),
        sourceType: tg['mlflow.source.type'] ?? sourceTypeName(r.source_type),
        gitCommit: tg['mlflow.source.git.commit'] ?? sqlStr(r.source_version),
        artifactUri: sqlStr(r.artifact_uri),
        params: params.get(id) ?? {},
        tags: tg,
        latestMetrics: deferHistories ? (sig?.latest ?? []) : latestOf(history),
        parentRunId: tg['mlflow.parentRunId'] ?? null,
        inputs: inputs.get(id) ?? [],
        metricHistory: history,
        metricsSignature: deferHistories ? (sig?.signature ?? '') : null,
        deletedTime: sqlNum(r.deleted_time),
        outputModelIds: outputs.get(id) ?? [],
        summaryJson: null,
        detectionMethod: null,
      };
    });
  }

  private inputsOf(ids: string[], marks: string): Map<string, RunDatasetInputRecord[]> {
    const out = new Map<string, RunDatasetInputRecord[]>();
    if (!this.schema.hasTable('inputs') || !this.schema.hasTable('datasets')) return out;
    const ctx = this.schema.hasTable('input_tags')
      ? `(SELECT value FROM input_tags t WHERE t.input_uuid = i.input_uuid AND t.name = 'mlflow.data.context')`
      : 'NULL';
    const prof = this.schema.cols('datasets').has('dataset_profile') ? 'd.dataset_profile' : 'NULL';
    const rows = this.db
      .prepare(
        `SELECT i.destination_id AS run, d.name, d.digest, d.dataset_source_type AS st, d.dataset_source AS src, d.dataset_schema AS sch, ${prof} AS prof, ${ctx} AS ctx
         FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id
         WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND i.destination_id IN (${marks})
         ORDER BY i.destination_id, d.name, d.digest`,
      )
      .all(...ids) as SqlRow[];
    for (const r of rows) {
      const rec = datasetRecord(this.storeKey, { name: String(r.name), digest: sqlStr(r.digest), sourceType: sqlStr(r.st), source: sqlStr(r.src), schema: sqlStr(r.sch), profile: sqlStr(r.prof) });
      const list = out.get(String(r.run)) ?? [];
      list.push({ dataset: { namespace: rec.namespace, name: rec.name }, digest: rec.digest, context: sqlStr(r.ctx), datasetRecord: rec });
      out.set(String(r.run), list);
    }
    return out;
  }

  /** Logged models a run produced: MLflow 3.x records them as RUN_OUTPUT rows of `inputs`. */
  private outputsOf(ids: string[], marks: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    if (!this.schema.hasTable('inputs')) return out;
    const rows = this.db
      .prepare(`SELECT source_id AS run, destination_id AS model FROM inputs WHERE source_type = 'RUN_OUTPUT' AND source_id IN (${marks}) ORDER BY destination_id`)
      .all(...ids) as SqlRow[];
    for (const r of rows) out.set(String(r.run), [...(out.get(String(r.run)) ?? []), String(r.model)]);
    return out;
  }

  async loggedModels(): Promise<LoggedModelRecord[]> {
    return readSqliteLoggedModels(this.schema);
  }

  async registry(): Promise<RegistryContent> {
    return readSqliteRegistry(this.schema);
  }

  async reports(): Promise<ReportRecord[]> {
    return [];
  }

  async close(): Promise<void> {
    await this.histories?.close();
    this.schema.close();
  }
}
