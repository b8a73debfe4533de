import { createHash } from 'node:crypto';
import path from 'node:path';
import { formatId } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import type { DetectionMethodRecord, ReportRecord } from '../../domain/records';
import { SourceFileError, describeError } from './fsUtil';
import type { SkippedItem } from './source';
import { StoreTree } from './storeTree';
import { parseLenientJson, stringifyWithSpecials } from './values';

/**
 * The pv pipeline's side files, found next to `mlruns/`:
 * - `results/run_summaries.jsonl`: one JSON object per run, written by Python's json module, so
 *   a line may hold bare `NaN`/`Infinity`; it is parsed leniently and kept on the run;
 * - `sar_reports/methods_<run_id>.json`: the detection method and thresholds of a run;
 * - `sar_reports/model_run_metadata.json`: a signal assessment report generated from a run.
 */
export interface SideFiles {
  readonly summaries: ReadonlyMap<string, string>;
  readonly methods: ReadonlyMap<string, DetectionMethodRecord>;
  readonly reportMetadata: { readonly file: string; readonly data: Record<string, unknown> } | null;
}

const EMPTY: SideFiles = { summaries: new Map(), methods: new Map(), reportMetadata: null };

/**
 * Side files are read from the folder that holds the store, confined to it like the store
 * itself: a link out of it is skipped. A line that does not parse is named by file and line
 * only, since the parser's message would quote it.
 */
export function readSideFiles(baseDir: string, skipped: SkippedItem[]): SideFiles {
  const tree = new StoreTree(baseDir, (where, reason) => skipped.push({ kind: 'side-file', where, reason }));
  const resultsFile = path.join(baseDir, 'results', 'run_summaries.jsonl');
  const sarDir = path.join(baseDir, 'sar_reports');
  if (!tree.exists(resultsFile) && !tree.exists(sarDir)) return EMPTY;
  const summaries = new Map<string, string>();
  let text: string | null = null;
  if (tree.exists(resultsFile)) {
    try {
      text = tree.readText(resultsFile);
    } catch (err) {
      skipped.push({ kind: 'side-file', ...describeError(err, resultsFile) });
    }
  }
  if (text !== null) {
    const lines = text.split(/\r?\n/);
    lines.forEach((line, i) => {
      if (line.trim().length === 0) return;
      try {
        const obj = parseLenientJson(line) as Record<string, unknown>;
        if (obj === null || typeof obj !== 'object' || typeof obj.run_id !== 'string') {
          skipped.push({ kind: 'side-file', where: `${resultsFile}:${i + 1}`, reason: 'summary line has no string "run_id"' });
          return;
        }
        summaries.set(obj.run_id, stringifyWithSpecials(obj));
      } catch {
        skipped.push({ kind: 'side-file', where: `${resultsFile}:${i + 1}`, reason: 'unparsable summary line (not JSON)' });
      }
    });
  }
  const methods = new Map<string, DetectionMethodRecord>();
  let reportMetadata: SideFiles['reportMetadata'] = null;
  for (const { key: name, file } of tree.isDir(sarDir) ? tree.listKeyFiles(sarDir) : []) {
    if (name.includes('/') || (!/^methods_.+\.json$/.test(name) && name !== 'model_run_metadata.json')) continue;
    let data: Record<string, unknown>;
    try {
      data = parseLenientJson(tree.readText(file)) as Record<string, unknown>;
    } catch (err) {
      skipped.push({ kind: 'side-file', ...(err instanceof SourceFileError ? { where: err.where, reason: err.reason } : { where: file, reason: 'unparsable JSON' }) });
      continue;
    }
    if (name === 'model_run_metadata.json') {
      reportMetadata = { file, data };
      continue;
    }
    const runId = typeof data.mlflow_run_id === 'string' ? data.mlflow_run_id : name.slice('methods_'.length, -'.json'.length);
    const thresholds: Record<string, number | string> = {};
    for (const [k, v] of Object.entries((data.thresholds as Record<string, unknown> | undefined) ?? {})) {
      if (typeof v === 'number' || typeof v === 'string') thresholds[k] = v;
    }
    const s = (v: unknown) => (typeof v === 'string' ? v : null);
    methods.set(runId, {
      method: s(data.detection_method) ?? 'UNKNOWN',
      thresholds,
      meddraVersion: s(data.meddra_version),
      meddraLevel: s(data.meddra_level),
      dataSource: s(data.data_source),
      dataPeriod: s(data.data_period),
      deduplication: s(data.deduplication),
      file: name,
    });
  }
  return { summaries, methods, reportMetadata };
}

/** `model_run_metadata.json` becomes a signal assessment report fed by its run and model version. */
export function reportFromMetadata(storeKey: string, side: SideFiles): ReportRecord[] {
  const meta = side.reportMetadata;
  if (!meta) return [];
  const d = meta.data;
  const s = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  const runId = s(d.mlflow_run_id);
  const file = s(d.report_file) ?? path.basename(meta.file);
  const generated = s(d.generated_at);
  const created = generated ? Date.parse(generated) : NaN;
  const version = d.model_version;
  const modelName = s(d.model_name);
  return [
    {
      reportId: `${storeKey}-${file}`,
      title: s(d.report_title) ?? file,
      kind: 'SIGNAL_ASSESSMENT',
      status: 'FINAL',
      period: s(d.data_period),
      contentHash: s(d.report_sha256) ?? createHash('sha256').update(JSON.stringify(d)).digest('hex'),
      uri: file,
      createdAt: Number.isFinite(created) ? created : 0,
      runIds: runId ? [formatId(NodeType.RUN, storeKey, runId)] : [],
      modelVersionIds:
        modelName && (typeof version === 'number' || typeof version === 'string')
          ? [formatId(NodeType.MODEL_VERSION, storeKey, modelName, String(version))]
          : [],
      datasetIds: [],
      signalIds: [],
    },
  ];
}
