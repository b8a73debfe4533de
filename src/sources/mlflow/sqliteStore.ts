import fs from 'node:fs';
import Database from 'better-sqlite3';
import { BadInputError } from '../../domain/errors';
import type {
  ExperimentRecord,
  IngestModelVersionRecord,
  IngestRunRecord,
  LatestMetricRecord,
  LoggedModelRecord,
  MetricSeriesRecord,
  RegisteredModelRecord,
  ReportRecord,
  RunDatasetInputRecord,
  StoreRecord,
} from '../../domain/records';
import { storeKeyFor } from '../../domain/trackingStore';
import type { MlflowSource, RegistryContent, RunBatch, SkippedItem } from './source';
import { SeriesBuilder, datasetRecord, fromSqlValue, latestOf, loggedModelStatusName, modelIdFromSource, sourceTypeName } from './values';

type SqlRow = Record<string, unknown>;

/** A series whose steps repeat is re-sorted by (step, timestamp, value); others are already in order. */
function sortIfTied(s: MetricSeriesRecord): MetricSeriesRecord {
  let tied = false;
  for (let i = 1; i < s.steps.length && !tied; i++) tied = s.steps[i] === s.steps[i - 1];
  if (!tied) return s;
  const b = new SeriesBuilder();
  s.steps.forEach((step, i) => b.add(s.key, step, s.timestamps[i], s.values[i]));
  return b.build()[0];
}

const s = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Reads an MLflow SQL store from SQLite, opened read-only. MLflow's schema changed many times
 * (2019 stores have no latest_metrics, datasets or registry tables; 3.x adds logged models and
 * workspace columns), so tables and columns are detected with PRAGMA rather than assumed from
 * one alembic revision. Runs are paged by run id, so memory stays bounded by the batch size.
 */
export class SqliteStoreSource implements MlflowSource {
  readonly skipped: SkippedItem[] = [];
  private readonly db: Database.Database;
  private readonly tables: Set<string>;
  private readonly columns = new Map<string, Set<string>>();
  private readonly storeKey: string;

  constructor(
    readonly store: StoreRecord,
    file: string,
  ) {
    if (!fs.existsSync(file)) throw new BadInputError('uri', `SQLite file "${file}" does not exist`);
    try {
      this.db = new Database(file, { readonly: true, fileMustExist: true });
      this.tables = new Set((this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as SqlRow[]).map((r) => String(r.name)));
    } catch (err) {
      throw new BadInputError('uri', `"${file}" is not a readable SQLite database (${(err as Error).message})`);
    }
    for (const required of ['experiments', 'runs', 'params', 'tags', 'metrics']) {
      if (!this.tables.has(required)) {
        this.db.close();
        const found = [...this.tables].sort().slice(0, 10).join(', ') || 'no tables';
        throw new BadInputError('uri', `"${file}" is not an MLflow store: table "${required}" is missing (found: ${found})`);
      }
    }
    this.storeKey = storeKeyFor(store.uri);
  }

  private cols(table: string): Set<string> {
    let c = this.columns.get(table);
    if (!c) {
      c = new Set(this.tables.has(table) ? (this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as SqlRow[]).map((r) => String(r.name)) : []);
      this.columns.set(table, c);
    }
    return c;
  }

  /** A column expression, or NULL when this schema revision lacks the column. */
  private col(table: string, column: string, alias = column): string {
    return this.cols(table).has(column) ? `"${column}" AS "${alias}"` : `NULL AS "${alias}"`;
  }

  async experiments(): Promise<ExperimentRecord[]> {
    const t = 'experiments';
    const rows = this.db
      .prepare(
        `SELECT CAST(experiment_id AS TEXT) AS id, name, ${this.col(t, 'artifact_location')}, ${this.col(t, 'lifecycle_stage')},
                ${this.col(t, 'creation_time')}, ${this.col(t, 'last_update_time')} FROM experiments ORDER BY experiment_id`,
      )
      .all() as SqlRow[];
    const tags = new Map<string, Record<string, string>>();
    if (this.tables.has('experiment_tags')) {
      for (const r of this.db.prepare('SELECT CAST(experiment_id AS TEXT) AS id, key, value FROM experiment_tags').all() as SqlRow[]) {
        const m = tags.get(String(r.id)) ?? {};
        m[String(r.key)] = String(r.value ?? '');
        tags.set(String(r.id), m);
      }
    }
    return rows.map((r) => ({
      experimentId: String(r.id),
      name: String(r.name),
      lifecycleStage: s(r.lifecycle_stage) ?? 'active',
      artifactLocation: s(r.artifact_location),
      createdAt: n(r.creation_time),
      updatedAt: n(r.last_update_time),
      tags: tags.get(String(r.id)) ?? {},
    }));
  }

  async runCount(): Promise<number> {
    return Number((this.db.prepare('SELECT count(*) AS c FROM runs').get() as SqlRow).c);
  }

  async *runBatches(batchSize: number): AsyncIterable<RunBatch> {
    const t = 'runs';
    const page = this.db.prepare(
      `SELECT run_uuid, CAST(experiment_id AS TEXT) AS experiment_id, ${this.col(t, 'name')}, ${this.col(t, 'status')},
              ${this.col(t, 'lifecycle_stage')}, ${this.col(t, 'start_time')}, ${this.col(t, 'end_time')}, ${this.col(t, 'user_id')},
              ${this.col(t, 'source_name')}, ${this.col(t, 'source_type')}, ${this.col(t, 'source_version')},
              ${this.col(t, 'artifact_uri')}, ${this.col(t, 'deleted_time')}
       FROM runs WHERE run_uuid > ? ORDER BY run_uuid LIMIT ?`,
    );
    let after = '';
    for (;;) {
      const rows = page.all(after, batchSize) as SqlRow[];
      if (rows.length === 0) return;
      after = String(rows[rows.length - 1].run_uuid);
      if (this.tables.has('latest_metrics')) {
        yield { runs: this.assemble(rows, true), loadHistories: (ids) => this.histories(ids) };
      } else yield { runs: this.assemble(rows, false) };
    }
  }

  /**
   * Full metric histories of some runs, one series per key. The (run_uuid, key, step) index
   * delivers points in step order without a sort; only a series with repeated steps is then
   * sorted by (step, timestamp, value) in JS, like every other reader.
   */
  private histories(ids: readonly string[]): Map<string, MetricSeriesRecord[]> {
    const out = new Map<string, MetricSeriesRecord[]>();
    if (ids.length === 0) return out;
    const m = 'metrics';
    const step = this.cols(m).has('step') ? 'step' : '0';
    const isNan = this.cols(m).has('is_nan') ? 'is_nan' : '0';
    const sql = `SELECT run_uuid, key, value, timestamp, ${step}, ${isNan} FROM metrics WHERE run_uuid IN (${ids.map(() => '?').join(',')})
       ORDER BY run_uuid, key${step === 'step' ? ', step' : ''}`;
    let runId = '';
    let key = '';
    let cur: { key: string; steps: number[]; timestamps: number[]; values: number[] } | null = null;
    for (const r of this.db.prepare(sql).raw().iterate(...ids) as IterableIterator<unknown[]>) {
      if (r[0] !== runId || r[1] !== key || cur === null) {
        runId = r[0] as string;
        key = r[1] as string;
        cur = { key, steps: [], timestamps: [], values: [] };
        let list = out.get(runId);
        if (!list) out.set(runId, (list = []));
        list.push(cur);
      }
      cur.steps.push(Number(r[4]));
      cur.timestamps.push(Number(r[3]));
      cur.values.push(fromSqlValue(r[2] as number, r[5] === 1 || r[5] === '1'));
    }
    for (const list of out.values()) list.forEach((series, i) => (list[i] = sortIfTied(series)));
    return out;
  }

  /**
   * Per run: latest metrics from `latest_metrics` (MLflow maintains it on every log call) and a
   * signature of the history (per-key point count and max step, from a covering index), so an
   * unchanged run costs no scan of its points.
   */
  private signatures(ids: string[], marks: string): Map<string, { latest: LatestMetricRecord[]; signature: string }> {
    const out = new Map<string, { latest: LatestMetricRecord[]; parts: string[] }>();
    const entry = (id: string) => {
      let e = out.get(id);
      if (!e) out.set(id, (e = { latest: [], parts: [] }));
      return e;
    };
    const step = this.cols('metrics').has('step') ? 'max(step)' : '0';
    for (const r of this.db.prepare(`SELECT run_uuid, key, count(*), ${step} FROM metrics WHERE run_uuid IN (${marks}) GROUP BY run_uuid, key ORDER BY run_uuid, key`).raw().iterate(...ids) as IterableIterator<unknown[]>) {
      entry(r[0] as string).parts.push(`${String(r[1])}:${String(r[2])}:${String(r[3])}`);
    }
    const l = 'latest_metrics';
    const lstep = this.cols(l).has('step') ? 'step' : '0';
    const lnan = this.cols(l).has('is_nan') ? 'is_nan' : '0';
    for (const r of this.db.prepare(`SELECT run_uuid, key, value, timestamp, ${lstep}, ${lnan} FROM latest_metrics WHERE run_uuid IN (${marks}) ORDER BY run_uuid, key`).raw().iterate(...ids) as IterableIterator<unknown[]>) {
      const value = fromSqlValue(Number(r[2]), Number(r[5]) === 1);
      const rec = { key: String(r[1]), value, step: Number(r[4]), timestamp: Number(r[3]) };
      entry(r[0] as string).latest.push(rec);
      entry(r[0] as string).parts.push(`${rec.key}=${rec.step}/${rec.timestamp}/${String(value)}`);
    }
    return new Map([...out].map(([id, e]) => [id, { latest: e.latest, signature: e.parts.join('|') }]));
  }

  private assemble(rows: SqlRow[], deferHistories: boolean): IngestRunRecord[] {
    const ids = rows.map((r) => String(r.run_uuid));
    const marks = ids.map(() => '?').join(',');
    const keyed = (sql: string) => {
      const out = new Map<string, Record<string, string>>();
      for (const r of this.db.prepare(sql).raw().all(...ids) as unknown[][]) {
        const m = out.get(String(r[0])) ?? {};
        m[String(r[1])] = String(r[2] ?? '');
        out.set(String(r[0]), m);
      }
      return out;
    };
    const params = keyed(`SELECT run_uuid, key, value FROM params WHERE run_uuid IN (${marks})`);
    const tags = keyed(`SELECT run_uuid, key, value FROM tags WHERE run_uuid IN (${marks})`);
    const histories = deferHistories ? new Map<string, MetricSeriesRecord[]>() : this.histories(ids);
    const signatures = deferHistories ? this.signatures(ids, marks) : new Map<string, { latest: LatestMetricRecord[]; signature: string }>();
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
        name: tg['mlflow.runName'] ?? s(r.name),
        status: s(r.status) ?? 'RUNNING',
        lifecycleStage: s(r.lifecycle_stage) ?? 'active',
        startTime: n(r.start_time),
        endTime: n(r.end_time),
        userId: s(r.user_id) ?? tg['mlflow.user'] ?? null,
        sourceName: tg['mlflow.source.name'] ?? s(r.source_name),
        sourceType: tg['mlflow.source.type'] ?? sourceTypeName(r.source_type),
        gitCommit: tg['mlflow.source.git.commit'] ?? s(r.source_version),
        artifactUri: s(r.artifact_uri),
        params: params.get(id) ?? {},
        tags: tg,
        latestMetrics: deferHistories ? (sig?.latest ?? []) : latestOf(history),
        parentRunId: tg['mlflow.parentRunId'] ?? null,
        inputs: inputs.get(id) ?? [],
        metricHistory: history,
        metricsSignature: deferHistories ? (sig?.signature ?? '') : null,
        deletedTime: n(r.deleted_time),
        outputModelIds: outputs.get(id) ?? [],
        summaryJson: null,
        detectionMethod: null,
      };
    });
  }

  private inputsOf(ids: string[], marks: string): Map<string, RunDatasetInputRecord[]> {
    const out = new Map<string, RunDatasetInputRecord[]>();
    if (!this.tables.has('inputs') || !this.tables.has('datasets')) return out;
    const ctx = this.tables.has('input_tags')
      ? `(SELECT value FROM input_tags t WHERE t.input_uuid = i.input_uuid AND t.name = 'mlflow.data.context')`
      : 'NULL';
    const rows = this.db
      .prepare(
        `SELECT i.destination_id AS run, d.name, d.digest, d.dataset_source_type AS st, d.dataset_source AS src, d.dataset_schema AS sch, ${ctx} AS ctx
         FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id
         WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND i.destination_id IN (${marks})
         ORDER BY i.destination_id, d.name, d.digest`,
      )
      .all(...ids) as SqlRow[];
    for (const r of rows) {
      const rec = datasetRecord(this.storeKey, { name: String(r.name), digest: s(r.digest), sourceType: s(r.st), source: s(r.src), schema: s(r.sch) });
      const list = out.get(String(r.run)) ?? [];
      list.push({ dataset: { namespace: rec.namespace, name: rec.name }, digest: rec.digest, context: s(r.ctx), datasetRecord: rec });
      out.set(String(r.run), list);
    }
    return out;
  }

  private outputsOf(ids: string[], marks: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    if (!this.tables.has('inputs')) return out;
    const rows = this.db
      .prepare(`SELECT source_id AS run, destination_id AS model FROM inputs WHERE source_type = 'RUN_OUTPUT' AND source_id IN (${marks}) ORDER BY destination_id`)
      .all(...ids) as SqlRow[];
    for (const r of rows) out.set(String(r.run), [...(out.get(String(r.run)) ?? []), String(r.model)]);
    return out;
  }

  async loggedModels(): Promise<LoggedModelRecord[]> {
    if (!this.tables.has('logged_models')) return [];
    const kv = (table: string, prefix: string) => {
      const out = new Map<string, Record<string, string>>();
      if (!this.tables.has(table)) return out;
      const [k, v] = this.cols(table).has(`${prefix}_key`) ? [`${prefix}_key`, `${prefix}_value`] : ['key', 'value'];
      for (const r of this.db.prepare(`SELECT model_id, "${k}", "${v}" FROM ${table}`).raw().all() as unknown[][]) {
        const m = out.get(String(r[0])) ?? {};
        m[String(r[1])] = String(r[2] ?? '');
        out.set(String(r[0]), m);
      }
      return out;
    };
    const params = kv('logged_model_params', 'param');
    const tags = kv('logged_model_tags', 'tag');
    const t = 'logged_models';
    return (
      this.db
        .prepare(
          `SELECT model_id, CAST(experiment_id AS TEXT) AS experiment_id, name, ${this.col(t, 'artifact_location')}, ${this.col(t, 'creation_timestamp_ms')},
                  ${this.col(t, 'last_updated_timestamp_ms')}, ${this.col(t, 'status')}, ${this.col(t, 'lifecycle_stage')}, ${this.col(t, 'model_type')},
                  ${this.col(t, 'source_run_id')} FROM logged_models ORDER BY model_id`,
        )
        .all() as SqlRow[]
    ).map((r) => ({
      modelId: String(r.model_id),
      experimentId: String(r.experiment_id),
      name: String(r.name),
      sourceRunId: s(r.source_run_id),
      status: loggedModelStatusName(r.status),
      modelType: s(r.model_type),
      artifactLocation: s(r.artifact_location),
      lifecycleStage: s(r.lifecycle_stage) ?? 'active',
      createdAt: n(r.creation_timestamp_ms),
      updatedAt: n(r.last_updated_timestamp_ms),
      params: params.get(String(r.model_id)) ?? {},
      tags: tags.get(String(r.model_id)) ?? {},
    }));
  }

  async registry(): Promise<RegistryContent> {
    if (!this.tables.has('registered_models') || !this.tables.has('model_versions')) return { models: [], versions: [] };
    const nameTags = (table: string, keyCols: string) => {
      const out = new Map<string, Record<string, string>>();
      if (!this.tables.has(table)) return out;
      for (const r of this.db.prepare(`SELECT ${keyCols} AS k, key, value FROM ${table}`).raw().all() as unknown[][]) {
        const m = out.get(String(r[0])) ?? {};
        m[String(r[1])] = String(r[2] ?? '');
        out.set(String(r[0]), m);
      }
      return out;
    };
    const modelTags = nameTags('registered_model_tags', 'name');
    const versionTags = nameTags('model_version_tags', "name || char(0) || version");
    const aliases = new Map<string, string[]>();
    if (this.tables.has('registered_model_aliases')) {
      for (const r of this.db.prepare("SELECT name || char(0) || version AS k, alias FROM registered_model_aliases ORDER BY alias").all() as SqlRow[]) {
        aliases.set(String(r.k), [...(aliases.get(String(r.k)) ?? []), String(r.alias)]);
      }
    }
    const rm = 'registered_models';
    const models: RegisteredModelRecord[] = (
      this.db.prepare(`SELECT name, ${this.col(rm, 'description')}, ${this.col(rm, 'creation_time')}, ${this.col(rm, 'last_updated_time')} FROM registered_models ORDER BY name`).all() as SqlRow[]
    ).map((r) => ({
      name: String(r.name),
      description: s(r.description),
      createdAt: n(r.creation_time),
      updatedAt: n(r.last_updated_time),
      tags: modelTags.get(String(r.name)) ?? {},
    }));
    const mv = 'model_versions';
    const versions: IngestModelVersionRecord[] = (
      this.db
        .prepare(
          `SELECT name, version, ${this.col(mv, 'current_stage')}, ${this.col(mv, 'status')}, ${this.col(mv, 'source')}, ${this.col(mv, 'run_id')},
                  ${this.col(mv, 'description')}, ${this.col(mv, 'creation_time')} FROM model_versions ORDER BY name, version`,
        )
        .all() as SqlRow[]
    ).map((r) => {
      const k = `${String(r.name)}\u0000${String(r.version)}`;
      return {
        name: String(r.name),
        version: Number(r.version),
        stage: s(r.current_stage) ?? 'None',
        status: s(r.status),
        source: s(r.source),
        runId: s(r.run_id),
        aliases: (aliases.get(k) ?? []).sort(),
        description: s(r.description),
        createdAt: n(r.creation_time),
        tags: versionTags.get(k) ?? {},
        modelId: modelIdFromSource(s(r.source)),
      };
    });
    return { models, versions };
  }

  async reports(): Promise<ReportRecord[]> {
    return [];
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
