import type { ModelVersion } from '../../domain/model';
import type { ServiceContext } from '../context';
import type { SourceRun } from '../../loaders/lineageBatches';
import { lineageFieldKey } from './lineageFieldsService';
import type { ClockArgs } from './lineageService';

/**
 * The Part 11 chain of a report or signal in one answer. Each part is optional in the data
 * (a run without a git commit, a version without a hash, a run with no methods file), and an
 * absent part is null or empty, never an error.
 */
export interface Provenance {
  readonly runs: readonly SourceRun[];
  readonly modelVersions: readonly ProvenanceModelVersion[];
}

export interface ProvenanceModelVersion {
  readonly modelVersion: ModelVersion;
  /** Where the model's artifacts are (`source`, e.g. `models:/m-…` or an s3 URI). */
  readonly artifactLocation: string | null;
  /** A content hash recorded on the version as a tag, where one is known. */
  readonly hash: string | null;
}

export interface DetectionMethod {
  readonly method: string | null;
  readonly thresholds: Record<string, unknown> | null;
  readonly meddraVersion: string | null;
  readonly meddraLevel: string | null;
  readonly dataSource: string | null;
  readonly dataPeriod: string | null;
  readonly deduplication: string | null;
  readonly file: string | null;
}

/** Tags that carry a model artifact hash, in the order they are trusted. */
const HASH_TAGS = ['sha256', 'model_sha256', 'artifact_sha256', 'mlflow.model.sha256'];

function toVersion(v: ModelVersion): ProvenanceModelVersion {
  const hash = HASH_TAGS.map((t) => v.tags[t]).find((x) => typeof x === 'string' && x.length > 0) ?? null;
  return { modelVersion: v, artifactLocation: v.source, hash };
}

/** The chain behind a report, on the clocks asked for (none: now). */
export async function reportProvenance(ctx: ServiceContext, reportId: string, clocks: ClockArgs = {}): Promise<Provenance> {
  const key = lineageFieldKey(reportId, clocks);
  const [runs, versions] = await Promise.all([ctx.loaders.sourceRunsOfReport.load(key), ctx.loaders.upstreamVersionsOfReport.load(key)]);
  return { runs, modelVersions: versions.map(toVersion) };
}

/** The chain behind a signal, on the clocks asked for (none: now). */
export async function signalProvenance(ctx: ServiceContext, signalId: string, clocks: ClockArgs = {}): Promise<Provenance> {
  const key = lineageFieldKey(signalId, clocks);
  const [runs, versions] = await Promise.all([ctx.loaders.sourceRunsOfSignal.load(key), ctx.loaders.upstreamVersionsOfSignal.load(key)]);
  return { runs, modelVersions: versions.map(toVersion) };
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** The run's detection method, from the `dm.*` facts ingestion writes; null when none was ingested. */
export async function detectionMethodOf(ctx: ServiceContext, runId: string): Promise<DetectionMethod | null> {
  const dm = await ctx.loaders.detectionMethodOfRun.load(runId);
  if (!dm) return null;
  let thresholds: Record<string, unknown> | null = null;
  if (typeof dm.thresholdsJson === 'string') {
    try {
      const parsed: unknown = JSON.parse(dm.thresholdsJson);
      thresholds = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      thresholds = null;
    }
  }
  return {
    method: str(dm.method),
    thresholds,
    meddraVersion: str(dm.meddraVersion),
    meddraLevel: str(dm.meddraLevel),
    dataSource: str(dm.dataSource),
    dataPeriod: str(dm.dataPeriod),
    deduplication: str(dm.deduplication),
    file: str(dm.file),
  };
}
