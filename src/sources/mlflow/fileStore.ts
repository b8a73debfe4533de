import path from 'node:path';
import { BadInputError } from '../../domain/errors';
import type {
  DatasetRecord,
  ExperimentRecord,
  IngestRunRecord,
  LoggedModelMetricRecord,
  LoggedModelRecord,
  ReportRecord,
  RunDatasetInputRecord,
  StoreRecord,
} from '../../domain/records';
import { storeKeyFor } from '../../domain/trackingStore';
import { readRegistry } from './fileStoreRegistry';
import { describeError, num, readYaml, str } from './fsUtil';
import { type SideFiles, readSideFiles, reportFromMetadata } from './sideFiles';
import type { MlflowSource, RegistryContent, RunBatch, SkippedItem } from './source';
import { StoreTree, isPlainFolder } from './storeTree';
import { SeriesBuilder, datasetRecord, latestModelMetrics, latestOf, loggedModelStatusName, parseMetricValue, runStatusName, sourceTypeName } from './values';

const NOT_RUN_DIRS = new Set(['datasets', 'models', 'tags', 'traces', 'evaluation_datasets']);

interface ExperimentDir {
  readonly id: string;
  readonly dir: string;
}

/**
 * Reads an MLflow file store (`mlruns/`) written by any MLflow from 1.x to 3.x: experiments
 * (with `.trash`), runs, params/tags/metrics as files, dataset inputs, 3.x logged models and
 * outputs, and the `models/` registry. Side files next to `mlruns/` attach to runs by id.
 */
export class FileStoreSource implements MlflowSource {
  readonly skipped: SkippedItem[] = [];
  private readonly storeKey: string;
  private experimentDirs: ExperimentDir[] | null = null;
  private readonly side: SideFiles;
  private readonly tree: StoreTree;

  constructor(
    readonly store: StoreRecord,
    private readonly root: string,
  ) {
    if (!isPlainFolder(root)) throw new BadInputError('uri', `MLflow file store folder "${root}" does not exist or is not a folder`);
    this.storeKey = storeKeyFor(store.uri);
    this.tree = new StoreTree(root, (where, reason) => this.skipped.push({ kind: 'file', where, reason }));
    this.side = readSideFiles(path.dirname(root), this.skipped);
  }

  async experiments(): Promise<ExperimentRecord[]> {
    const out: ExperimentRecord[] = [];
    const dirs: ExperimentDir[] = [];
    const candidates = [
      ...this.tree.listDirs(this.root).filter((d) => d !== 'models' && d !== '.trash').map((d) => path.join(this.root, d)),
      ...this.tree.listDirs(path.join(this.root, '.trash')).map((d) => path.join(this.root, '.trash', d)),
    ];
    for (const dir of candidates) {
      const metaFile = path.join(dir, 'meta.yaml');
      if (!this.tree.exists(metaFile)) {
        this.skipped.push({ kind: 'experiment', where: dir, reason: 'folder has no meta.yaml' });
        continue;
      }
      try {
        const meta = readYaml(this.tree, metaFile);
        const id = str(meta.experiment_id) ?? path.basename(dir);
        const tags = { ...stringMap(meta.tags), ...this.tree.readKeyFiles(path.join(dir, 'tags')) };
        out.push({
          experimentId: id,
          name: str(meta.name) ?? id,
          // A folder in .trash is deleted whatever its meta.yaml says: mlflow 1.x moves a deleted
          // experiment there with `lifecycle_stage: active` and its client reports it deleted.
          lifecycleStage: dir.includes(`${path.sep}.trash${path.sep}`) ? 'deleted' : (str(meta.lifecycle_stage) ?? 'active'),
          artifactLocation: str(meta.artifact_location),
          createdAt: num(meta.creation_time),
          updatedAt: num(meta.last_update_time),
          tags,
        });
        dirs.push({ id, dir });
      } catch (err) {
        this.skipped.push({ kind: 'experiment', ...describeError(err, metaFile) });
      }
    }
    this.experimentDirs = dirs;
    return out;
  }

  async *runBatches(batchSize: number): AsyncIterable<RunBatch> {
    if (!this.experimentDirs) await this.experiments();
    let batch: IngestRunRecord[] = [];
    for (const exp of this.experimentDirs as ExperimentDir[]) {
      const datasets = new Map<string, DatasetRecord | null>();
      for (const name of this.tree.listDirs(exp.dir)) {
        if (NOT_RUN_DIRS.has(name)) continue;
        const run = this.readRun(exp, name, datasets);
        if (!run) continue;
        batch.push(run);
        if (batch.length >= batchSize) {
          yield { runs: batch };
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield { runs: batch };
  }

  async loggedModels(): Promise<LoggedModelRecord[]> {
    if (!this.experimentDirs) await this.experiments();
    const out: LoggedModelRecord[] = [];
    for (const exp of this.experimentDirs as ExperimentDir[]) {
      for (const name of this.tree.listDirs(path.join(exp.dir, 'models'))) {
        const dir = path.join(exp.dir, 'models', name);
        const metaFile = path.join(dir, 'meta.yaml');
        try {
          const meta = readYaml(this.tree, metaFile);
          out.push({
            modelId: str(meta.model_id) ?? name,
            experimentId: str(meta.experiment_id) ?? exp.id,
            name: str(meta.name) ?? name,
            sourceRunId: str(meta.source_run_id),
            status: loggedModelStatusName(meta.status),
            modelType: str(meta.model_type),
            artifactLocation: str(meta.artifact_location),
            lifecycleStage: str(meta.lifecycle_stage) ?? 'active',
            createdAt: num(meta.creation_timestamp),
            updatedAt: num(meta.last_updated_timestamp),
            params: this.tree.readKeyFiles(path.join(dir, 'params')),
            tags: this.tree.readKeyFiles(path.join(dir, 'tags')),
            metrics: this.readModelMetrics(path.join(dir, 'metrics')),
          });
        } catch (err) {
          this.skipped.push({ kind: 'model', ...describeError(err, metaFile) });
        }
      }
    }
    return out;
  }

  /** A logged model's metric files: lines `ts value step run_id [dataset_name dataset_digest]`; bad lines are skipped by file and line. */
  private readModelMetrics(dir: string): LoggedModelMetricRecord[] {
    const points: LoggedModelMetricRecord[] = [];
    for (const { key, file } of this.tree.listKeyFiles(dir)) {
      let text: string;
      try {
        text = this.tree.readText(file);
      } catch (err) {
        this.skipped.push({ kind: 'metric', ...describeError(err, file) });
        continue;
      }
      text.split('\n').forEach((raw, i) => {
        const f = raw.trim().split(/\s+/);
        if (f.length === 1 && f[0] === '') return;
        const ts = Number(f[0]);
        const value = f.length >= 2 ? parseMetricValue(f[1]) : null;
        const step = Number(f[2]);
        if ((f.length !== 4 && f.length !== 6) || !Number.isInteger(ts) || value === null || !Number.isInteger(step)) {
          this.skipped.push({ kind: 'metric', where: `${file}:${i + 1}`, reason: 'unparsable logged-model metric line (expected "<timestamp> <value> <step> <run id> [<dataset name> <dataset digest>]")' });
          return;
        }
        points.push({ key, value, step, timestamp: ts, runId: f[3], datasetName: f[4] ?? null, datasetDigest: f[5] ?? null });
      });
    }
    return latestModelMetrics(points);
  }

  async registry(): Promise<RegistryContent> {
    return readRegistry(this.tree, path.join(this.root, 'models'), this.skipped);
  }

  async reports(storeKey: string): Promise<ReportRecord[]> {
    return reportFromMetadata(storeKey, this.side);
  }

  async close(): Promise<void> {}

  private readRun(exp: ExperimentDir, name: string, datasets: Map<string, DatasetRecord | null>): IngestRunRecord | null {
    const dir = path.join(exp.dir, name);
    const metaFile = path.join(dir, 'meta.yaml');
    if (!this.tree.exists(metaFile)) {
      this.skipped.push({ kind: 'run', where: dir, reason: 'run folder has no meta.yaml', runId: name });
      return null;
    }
    let meta: Record<string, unknown>;
    try {
      meta = readYaml(this.tree, metaFile);
    } catch (err) {
      this.skipped.push({ kind: 'run', ...describeError(err, metaFile), runId: name });
      return null;
    }
    const runId = str(meta.run_id) ?? str(meta.run_uuid) ?? name;
    const params = this.tree.readKeyFiles(path.join(dir, 'params'));
    const tags = this.tree.readKeyFiles(path.join(dir, 'tags'));
    const series = new SeriesBuilder();
    for (const { key, file } of this.tree.listKeyFiles(path.join(dir, 'metrics'))) this.readMetricFile(key, file, runId, series);
    const metricHistory = series.build();
    const inputs: RunDatasetInputRecord[] = [];
    for (const inputId of this.tree.listDirs(path.join(dir, 'inputs'))) {
      const inputFile = path.join(dir, 'inputs', inputId, 'meta.yaml');
      try {
        const input = readYaml(this.tree, inputFile);
        if (str(input.source_type) !== 'DATASET') continue;
        const datasetKey = str(input.source_id) ?? '';
        const dataset = this.dataset(exp, datasetKey, datasets);
        if (!dataset) {
          this.skipped.push({ kind: 'dataset', where: inputFile, reason: `dataset "${datasetKey}" is missing from ${path.join(exp.dir, 'datasets')}`, runId });
          continue;
        }
        const context = stringMap(input.tags)['mlflow.data.context'] ?? null;
        inputs.push({ dataset: { namespace: dataset.namespace, name: dataset.name }, digest: dataset.digest, context, datasetRecord: dataset });
      } catch (err) {
        this.skipped.push({ kind: 'dataset', ...describeError(err, inputFile), runId });
      }
    }
    const outputModelIds = this.tree.listDirs(path.join(dir, 'outputs')).filter((d) => d.startsWith('m-'));
    return {
      runId,
      experimentId: str(meta.experiment_id) ?? exp.id,
      name: tags['mlflow.runName'] ?? str(meta.run_name) ?? str(meta.name),
      status: runStatusName(meta.status),
      lifecycleStage: str(meta.lifecycle_stage) ?? 'active',
      startTime: num(meta.start_time),
      endTime: num(meta.end_time),
      userId: str(meta.user_id) ?? tags['mlflow.user'] ?? null,
      sourceName: tags['mlflow.source.name'] ?? str(meta.source_name),
      sourceType: tags['mlflow.source.type'] ?? sourceTypeName(meta.source_type),
      gitCommit: tags['mlflow.source.git.commit'] ?? str(meta.source_version),
      artifactUri: str(meta.artifact_uri),
      params,
      tags,
      latestMetrics: latestOf(metricHistory),
      parentRunId: tags['mlflow.parentRunId'] ?? null,
      inputs,
      metricHistory,
      metricsSignature: null,
      deletedTime: num(meta.deleted_time),
      outputModelIds,
      summaryJson: this.side.summaries.get(runId) ?? null,
      detectionMethod: this.side.methods.get(runId) ?? null,
    };
  }

  /** Metric lines: `ts value [step [dataset_name dataset_digest]]`; bad lines are skipped by file and line. */
  private readMetricFile(key: string, file: string, runId: string, series: SeriesBuilder): void {
    let text: string;
    try {
      text = this.tree.readText(file);
    } catch (err) {
      this.skipped.push({ kind: 'metric', ...describeError(err, file), runId });
      return;
    }
    const lines = text.split('\n');
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (line.length === 0) return;
      const f = line.split(/\s+/);
      const ts = f.length >= 2 ? Number(f[0]) : NaN;
      const value = f.length >= 2 ? parseMetricValue(f[1]) : null;
      // MLflow 3.x reads a line with a dataset (`ts value step name digest`) as step 0, and its
      // client reports that; the reader follows it so both stores' kinds agree with MlflowClient.
      const step = f.length >= 3 && f.length !== 5 ? Number(f[2]) : 0;
      if (f.length < 2 || f.length > 6 || !Number.isInteger(ts) || value === null || !Number.isInteger(step)) {
        this.skipped.push({ kind: 'metric', where: `${file}:${i + 1}`, reason: 'unparsable metric line (expected "<timestamp> <value> [<step>]")', runId });
        return;
      }
      series.add(key, step, ts, value);
    });
  }

  private dataset(exp: ExperimentDir, id: string, cache: Map<string, DatasetRecord | null>): DatasetRecord | null {
    if (cache.has(id)) return cache.get(id) ?? null;
    let rec: DatasetRecord | null = null;
    const file = path.join(exp.dir, 'datasets', id, 'meta.yaml');
    if (id && this.tree.exists(file)) {
      const m = readYaml(this.tree, file);
      rec = datasetRecord(this.storeKey, {
        name: str(m.name) ?? id,
        digest: str(m.digest),
        sourceType: str(m.source_type),
        source: str(m.source),
        schema: str(m.schema),
        profile: str(m.profile),
      });
    }
    cache.set(id, rec);
    return rec;
  }
}

function stringMap(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null && x !== undefined).map(([k, x]) => [k, String(x)]));
}
