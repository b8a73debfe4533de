import type {
  ExperimentRecord,
  IngestModelVersionRecord,
  IngestRunRecord,
  LoggedModelMetricRecord,
  LoggedModelRecord,
  RegisteredModelRecord,
  ReportRecord,
  RunDatasetInputRecord,
  StoreRecord,
} from '../../domain/records';
import { storeKeyFor } from '../../domain/trackingStore';
import { EndpointNotOfferedError, MlflowRestClient, type RestOptions } from './restClient';
import type { MlflowSource, RegistryContent, RunBatch, SkippedItem } from './source';
import { SeriesBuilder, datasetRecord, fromSqlValue, latestModelMetrics, latestOf, loggedModelStatusName, modelIdFromSource, parseMetricValue } from './values';

type Json = Record<string, unknown>;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const s = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const n = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
const kv = (list: unknown): Record<string, string> => Object.fromEntries(arr(list).map((t) => [String(t.key), String(t.value ?? '')]));

/** Explicit page sizes: MLflow's defaults differ per endpoint and version. */
const PAGE = { experiments: 1000, runs: 1000, history: 25_000, models: 1000, versions: 10_000, loggedModels: 100 };

/**
 * Reads a running MLflow tracking server over its REST API: experiments (all view types),
 * runs (paged), each metric's full history (paged, explicit `max_results`), the registry and
 * 3.x logged models. A listing an older server does not offer (logged models before 3.0, the
 * registry on a server without one) is read as empty and named in `notOffered`, never a failure.
 */
export class RestStoreSource implements MlflowSource {
  readonly skipped: SkippedItem[] = [];
  readonly notOffered: string[] = [];
  private readonly client: MlflowRestClient;
  private readonly storeKey: string;
  private experimentIds: string[] = [];

  constructor(
    readonly store: StoreRecord,
    base: string,
    options: RestOptions = {},
  ) {
    this.client = new MlflowRestClient(base, options);
    this.storeKey = storeKeyFor(store.uri);
  }

  async experiments(): Promise<ExperimentRecord[]> {
    const out: ExperimentRecord[] = [];
    const pages = this.client.pages('experiments/search', (token) =>
      this.client.get('experiments/search', { max_results: PAGE.experiments, view_type: 'ALL', page_token: token }),
    );
    for await (const page of pages) {
      for (const e of arr(page.experiments)) {
        out.push({
          experimentId: String(e.experiment_id),
          name: String(e.name),
          lifecycleStage: s(e.lifecycle_stage) ?? 'active',
          artifactLocation: s(e.artifact_location),
          createdAt: n(e.creation_time),
          updatedAt: n(e.last_update_time),
          tags: kv(e.tags),
        });
      }
    }
    this.experimentIds = out.map((e) => e.experimentId);
    return out;
  }

  async *runBatches(batchSize: number): AsyncIterable<RunBatch> {
    if (this.experimentIds.length === 0) await this.experiments();
    if (this.experimentIds.length === 0) return;
    const pages = this.client.pages('runs/search', (token) =>
      this.client.post('runs/search', {
        experiment_ids: this.experimentIds,
        run_view_type: 'ALL',
        max_results: Math.min(PAGE.runs, Math.max(1, batchSize)),
        order_by: ['attributes.start_time ASC'],
        ...(token ? { page_token: token } : {}),
      }),
    );
    for await (const page of pages) {
      const runs: IngestRunRecord[] = [];
      for (const r of arr(page.runs)) runs.push(await this.toRun(r));
      if (runs.length > 0) yield { runs };
    }
  }

  private async toRun(r: Json): Promise<IngestRunRecord> {
    const info = (r.info ?? {}) as Json;
    const data = (r.data ?? {}) as Json;
    const runId = String(info.run_id ?? info.run_uuid);
    const tags = kv(data.tags);
    const series = new SeriesBuilder();
    const keys = [...new Set(arr(data.metrics).map((m) => String(m.key)))].sort();
    for (const key of keys) {
      const pages = this.client.pages(`metrics/get-history of run ${runId} key ${key}`, (token) =>
        this.client.get('metrics/get-history', { run_id: runId, metric_key: key, max_results: PAGE.history, page_token: token }),
      );
      for await (const page of pages) {
        for (const m of arr(page.metrics)) {
          const raw = parseMetricValue(m.value as string | number);
          // A server over an SQL store answers ±inf as ±DBL_MAX, as the store keeps it.
          const value = raw === null ? null : fromSqlValue(raw, false);
          if (value === null) {
            this.skipped.push({ kind: 'metric', where: `metrics/get-history?run_id=${runId}&metric_key=${key}`, reason: `unparsable value ${String(m.value)}`, runId });
            continue;
          }
          series.add(key, Number(m.step ?? 0), Number(m.timestamp), value);
        }
      }
    }
    const history = series.build();
    const inputs: RunDatasetInputRecord[] = arr((r.inputs as Json | undefined)?.dataset_inputs).map((di) => {
      const d = (di.dataset ?? {}) as Json;
      const rec = datasetRecord(this.storeKey, {
        name: String(d.name),
        digest: s(d.digest),
        sourceType: s(d.source_type),
        source: s(d.source),
        schema: s(d.schema),
        profile: s(d.profile),
      });
      return { dataset: { namespace: rec.namespace, name: rec.name }, digest: rec.digest, context: kv(di.tags)['mlflow.data.context'] ?? null, datasetRecord: rec };
    });
    const outputs = arr((r.outputs as Json | undefined)?.model_outputs).map((o) => String(o.model_id));
    return {
      runId,
      experimentId: String(info.experiment_id),
      name: tags['mlflow.runName'] ?? s(info.run_name),
      status: s(info.status) ?? 'RUNNING',
      lifecycleStage: s(info.lifecycle_stage) ?? 'active',
      startTime: n(info.start_time),
      endTime: n(info.end_time),
      userId: s(info.user_id) ?? tags['mlflow.user'] ?? null,
      sourceName: tags['mlflow.source.name'] ?? null,
      sourceType: tags['mlflow.source.type'] ?? null,
      gitCommit: tags['mlflow.source.git.commit'] ?? null,
      artifactUri: s(info.artifact_uri),
      params: kv(data.params),
      tags,
      latestMetrics: latestOf(history),
      parentRunId: tags['mlflow.parentRunId'] ?? null,
      inputs,
      metricHistory: history,
      metricsSignature: null,
      deletedTime: null,
      outputModelIds: [...new Set(outputs)].sort(),
      summaryJson: null,
      detectionMethod: null,
    };
  }

  async loggedModels(): Promise<LoggedModelRecord[]> {
    if (this.experimentIds.length === 0) await this.experiments();
    const out: LoggedModelRecord[] = [];
    if (!(await this.offered('logged-models/search', async () => this.loggedModelPages(out)))) return [];
    return out;
  }

  private async loggedModelPages(out: LoggedModelRecord[]): Promise<void> {
    const pages = this.client.pages('logged-models/search', (token) =>
      this.client.post('logged-models/search', { experiment_ids: this.experimentIds, max_results: PAGE.loggedModels, ...(token ? { page_token: token } : {}) }),
    );
    for await (const page of pages) {
      for (const m of arr(page.models)) {
        const info = (m.info ?? {}) as Json;
        const data = (m.data ?? {}) as Json;
        out.push({
          modelId: String(info.model_id),
          experimentId: String(info.experiment_id),
          name: String(info.name),
          sourceRunId: s(info.source_run_id),
          status: loggedModelStatusName(info.status),
          modelType: s(info.model_type),
          artifactLocation: s(info.artifact_uri),
          lifecycleStage: s(info.lifecycle_stage) ?? 'active',
          createdAt: n(info.creation_timestamp_ms),
          updatedAt: n(info.last_updated_timestamp_ms),
          params: kv(data.params),
          tags: kv(info.tags),
          metrics: latestModelMetrics(this.modelMetrics(String(info.model_id), arr(data.metrics))),
        });
      }
    }
  }

  /** A logged model's metric points, each value by the same rule as a run's (±DBL_MAX is ±inf). */
  private modelMetrics(modelId: string, metrics: readonly Json[]): LoggedModelMetricRecord[] {
    return metrics.flatMap((m) => {
      const raw = m.value === undefined || m.value === null ? null : parseMetricValue(m.value as string | number);
      if (raw === null) {
        this.skipped.push({ kind: 'metric', where: `logged-models/search model ${modelId} metric ${String(m.key)}`, reason: `unparsable value ${String(m.value)}` });
        return [];
      }
      return [{ key: String(m.key), value: fromSqlValue(raw, false), step: Number(m.step ?? 0), timestamp: Number(m.timestamp), runId: s(m.run_id), datasetName: s(m.dataset_name), datasetDigest: s(m.dataset_digest) }];
    });
  }

  /** Runs `read`; false (and the endpoint listed as not offered) when the server lacks the endpoint. */
  private async offered(endpoint: string, read: () => Promise<void>): Promise<boolean> {
    try {
      await read();
      return true;
    } catch (err) {
      if (!(err instanceof EndpointNotOfferedError) || err.endpoint !== endpoint) throw err;
      if (!this.notOffered.includes(endpoint)) this.notOffered.push(endpoint);
      return false;
    }
  }

  async registry(): Promise<RegistryContent> {
    const models: RegisteredModelRecord[] = [];
    const aliases = new Map<string, string[]>();
    const versions: IngestModelVersionRecord[] = [];
    if (!(await this.offered('registered-models/search', () => this.modelPages(models, aliases)))) return { models: [], versions: [] };
    if (!(await this.offered('model-versions/search', () => this.versionPages(versions, aliases)))) return { models, versions: [] };
    return { models, versions };
  }

  private async modelPages(models: RegisteredModelRecord[], aliases: Map<string, string[]>): Promise<void> {
    const pages = this.client.pages('registered-models/search', (token) =>
      this.client.get('registered-models/search', { max_results: PAGE.models, page_token: token }),
    );
    for await (const page of pages) {
      for (const m of arr(page.registered_models)) {
        const name = String(m.name);
        models.push({ name, description: s(m.description), createdAt: n(m.creation_timestamp), updatedAt: n(m.last_updated_timestamp), tags: kv(m.tags) });
        // model-versions/search leaves aliases empty on SQL stores; the model lists them.
        for (const a of arr(m.aliases)) {
          const k = `${name}\u0000${String(a.version)}`;
          aliases.set(k, [...(aliases.get(k) ?? []), String(a.alias)]);
        }
      }
    }
  }

  private async versionPages(versions: IngestModelVersionRecord[], aliases: Map<string, string[]>): Promise<void> {
    const vPages = this.client.pages('model-versions/search', (token) =>
      this.client.get('model-versions/search', { max_results: PAGE.versions, page_token: token }),
    );
    for await (const page of vPages) {
      for (const v of arr(page.model_versions)) {
        const source = s(v.source);
        const k = `${String(v.name)}\u0000${String(v.version)}`;
        versions.push({
          name: String(v.name),
          version: Number(v.version),
          stage: s(v.current_stage) ?? 'None',
          status: s(v.status),
          source,
          runId: s(v.run_id),
          aliases: [...new Set([...(aliases.get(k) ?? []), ...(Array.isArray(v.aliases) ? (v.aliases as string[]) : [])])].sort(),
          description: s(v.description),
          createdAt: n(v.creation_timestamp),
          tags: kv(v.tags),
          modelId: s(v.model_id) ?? modelIdFromSource(source),
        });
      }
    }
  }

  async reports(): Promise<ReportRecord[]> {
    return [];
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
