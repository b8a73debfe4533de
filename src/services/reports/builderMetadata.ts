import { BadInputError } from '../../domain/errors';
import { ReportKind } from '../../domain/report';
import type { RegisterReportInput } from './reportService';

/**
 * The metadata file a report builder writes next to its report (docs/report-builders.md), turned
 * into `registerReport` input. The contract's own camelCase fields win; the seed pipeline's
 * `model_run_metadata.json` fields (`report_title`, `mlflow_run_id`, `model_name` +
 * `model_version`, `data_period`, `report_file`, `report_sha256`) are read as aliases, so existing
 * builders work unchanged. Times in the file (`generated_at`) are ignored: the server records
 * when a report was registered.
 */
export interface BuilderMetadata {
  readonly input: RegisterReportInput;
  /** The report file named by the metadata, relative to the metadata file; hashed when present. */
  readonly reportFile: string | null;
}

type Json = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim().length > 0 ? v.trim() : null);

function strings(v: unknown, field: string): string[] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new BadInputError(field, `"${field}" must be a list of strings`);
  return v as string[];
}

function modelUri(d: Json): string[] {
  const name = text(d.model_name);
  const version = d.model_version;
  if (!name || (typeof version !== 'number' && typeof version !== 'string') || String(version).trim() === '') return [];
  return [`models:/${name}/${String(version).trim()}`];
}

export function fromBuilderMetadata(data: unknown, overrides: { reason?: string | null; reportId?: string | null } = {}): BuilderMetadata {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new BadInputError('metadata', 'The metadata file must hold one JSON object');
  const d = data as Json;
  const title = text(d.title) ?? text(d.report_title);
  if (!title) throw new BadInputError('title', 'The metadata names no report title ("title" or "report_title")');
  const kindText = text(d.kind) ?? text(d.report_kind) ?? ReportKind.SIGNAL_ASSESSMENT;
  if (!Object.values(ReportKind).includes(kindText as ReportKind)) {
    throw new BadInputError('kind', `Unknown report kind "${kindText}" (one of ${Object.values(ReportKind).join(', ')})`);
  }
  const seedRuns = [...(strings(d.mlflow_run_ids, 'mlflow_run_ids') ?? []), ...(text(d.mlflow_run_id) ? [text(d.mlflow_run_id) as string] : [])];
  const reportFile = text(d.report_file);
  return {
    reportFile,
    input: {
      reportId: overrides.reportId ?? text(d.reportId) ?? text(d.report_id),
      title,
      kind: kindText as ReportKind,
      period: text(d.period) ?? text(d.data_period),
      contentHash: (text(d.contentHash) ?? text(d.report_sha256) ?? '').toLowerCase(),
      uri: text(d.uri) ?? reportFile,
      generatedFromRuns: strings(d.generatedFromRuns, 'generatedFromRuns') ?? seedRuns,
      modelVersions: strings(d.modelVersions, 'modelVersions') ?? modelUri(d),
      datasets: strings(d.datasets, 'datasets') ?? [],
      signals: strings(d.signals, 'signals') ?? [],
      reason: overrides.reason ?? text(d.reason),
    },
  };
}
