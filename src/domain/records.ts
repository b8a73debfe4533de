import type { TrackingStoreKind } from './trackingStore';

/**
 * Source-neutral records: what a reader (MLflow file store, SQLite, REST, demo data) hands to
 * the graph writer. Times are epoch milliseconds as MLflow keeps them; ids stay strings.
 */
export interface StoreRecord {
  readonly uri: string;
  readonly kind: TrackingStoreKind;
  readonly displayName: string;
}

export interface ExperimentRecord {
  readonly experimentId: string;
  readonly name: string;
  readonly lifecycleStage: string;
  readonly artifactLocation: string | null;
  readonly createdAt: number | null;
  readonly updatedAt: number | null;
  readonly tags: Readonly<Record<string, string>>;
}

export interface LatestMetricRecord {
  readonly key: string;
  /** May be NaN or ±Infinity. */
  readonly value: number;
  readonly step: number;
  readonly timestamp: number;
}

export interface DatasetRef {
  readonly namespace: string;
  readonly name: string;
}

export interface RunInputRecord {
  readonly dataset: DatasetRef;
  readonly digest: string | null;
  readonly context: string | null;
}

export interface RunRecord {
  readonly runId: string;
  readonly experimentId: string;
  readonly name: string | null;
  readonly status: string;
  readonly lifecycleStage: string;
  readonly startTime: number | null;
  readonly endTime: number | null;
  readonly userId: string | null;
  readonly sourceName: string | null;
  readonly sourceType: string | null;
  readonly gitCommit: string | null;
  readonly artifactUri: string | null;
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly latestMetrics: readonly LatestMetricRecord[];
  readonly parentRunId: string | null;
  readonly inputs: readonly RunInputRecord[];
}

/** A dataset exactly as MLflow recorded it on a run input: its own name, digest, source and raw JSON texts. */
export interface MlflowDatasetFacts {
  readonly name: string;
  readonly digest: string | null;
  readonly sourceType: string | null;
  /** MLflow's source as stored: JSON text such as `{"uri": "s3://…"}`. */
  readonly source: string | null;
  /** MLflow's schema JSON text, e.g. `{"mlflow_colspec": [...]}`. */
  readonly schema: string | null;
  /** MLflow's profile JSON text, e.g. `{"num_rows": 20, "num_elements": 120}`. */
  readonly profile: string | null;
}

export interface DatasetRecord extends DatasetRef {
  /** Set by MLflow readers: what MLflow itself recorded for the input this record came from. */
  readonly mlflow?: MlflowDatasetFacts | null;
  readonly digest: string | null;
  readonly source: string | null;
  readonly sourceType: string | null;
  readonly period: string | null;
  readonly schema: unknown;
}

export interface RegisteredModelRecord {
  readonly name: string;
  readonly description: string | null;
  readonly createdAt: number | null;
  readonly updatedAt: number | null;
  readonly tags: Readonly<Record<string, string>>;
}

export interface ModelVersionRecord {
  readonly name: string;
  readonly version: number;
  readonly stage: string;
  readonly status: string | null;
  readonly source: string | null;
  readonly runId: string | null;
  readonly aliases: readonly string[];
  readonly description: string | null;
  readonly createdAt: number | null;
  readonly tags: Readonly<Record<string, string>>;
}

export interface ReportRecord {
  readonly reportId: string;
  readonly title: string;
  readonly kind: string;
  readonly status: string;
  readonly period: string | null;
  readonly contentHash: string;
  readonly uri: string | null;
  readonly createdAt: number;
  /** Typed node ids of what the report was generated from. */
  readonly runIds: readonly string[];
  readonly modelVersionIds: readonly string[];
  readonly datasetIds: readonly string[];
  readonly signalIds: readonly string[];
}

export interface SignalRecord {
  readonly signalId: string;
  readonly drug: string;
  readonly drugCode: string | null;
  readonly eventTerm: string;
  readonly meddraCode: string | null;
  readonly meddraVersion: string | null;
  readonly prr: number | null;
  readonly ror: number | null;
  readonly chiSquare: number | null;
  readonly caseCount: number | null;
  readonly status: string;
  readonly detectedAt: number | null;
  /** Typed id of the run whose method raised the signal. */
  readonly runId: string | null;
}

/**
 * The full history of one metric of a run, as parallel arrays sorted by (step, timestamp,
 * value). Values may be NaN or ±Infinity; duplicates the store kept are kept too.
 */
export interface MetricSeriesRecord {
  readonly key: string;
  readonly steps: readonly number[];
  readonly timestamps: readonly number[];
  readonly values: readonly number[];
}

/** A dataset input of a run together with the dataset it names (what a reader hands over). */
export interface RunDatasetInputRecord extends RunInputRecord {
  readonly datasetRecord: DatasetRecord;
}

/** The detection method a pipeline side file (`methods_<run_id>.json`) records for a run. */
export interface DetectionMethodRecord {
  readonly method: string;
  /** Threshold name → value, e.g. `prr_min: 2`. */
  readonly thresholds: Readonly<Record<string, number | string>>;
  readonly meddraVersion: string | null;
  readonly meddraLevel: string | null;
  readonly dataSource: string | null;
  readonly dataPeriod: string | null;
  readonly deduplication: string | null;
  readonly file: string;
}

/**
 * A run as an MLflow reader delivers it: the catalogue record plus its metric histories,
 * logged-model outputs, deletion time and what the pipeline's side files say about it.
 */
export interface IngestRunRecord extends RunRecord {
  readonly inputs: readonly RunDatasetInputRecord[];
  readonly metricHistory: readonly MetricSeriesRecord[];
  /**
   * A cheap signature of the metric history, when the reader can compute one without reading
   * every point (SQL stores: per-key count and max step plus latest_metrics). Then
   * `metricHistory` is empty until the ingester asks for it, which it does only for changed runs.
   */
  readonly metricsSignature: string | null;
  readonly deletedTime: number | null;
  /** Logged model ids (`m-…`) the run produced (MLflow 3.x run outputs). */
  readonly outputModelIds: readonly string[];
  /** The run's line of `results/run_summaries.jsonl`, leniently parsed, re-serialised. */
  readonly summaryJson: string | null;
  readonly detectionMethod: DetectionMethodRecord | null;
}

/**
 * The latest point of one metric of a logged model on one dataset (none for a metric logged
 * without one): MLflow keeps a logged model's metric per key, dataset name and dataset digest.
 */
export interface LoggedModelMetricRecord {
  readonly key: string;
  readonly value: number;
  readonly step: number;
  readonly timestamp: number;
  readonly datasetName: string | null;
  readonly datasetDigest: string | null;
  /** The run that logged the point. */
  readonly runId: string | null;
}

/** An MLflow 3.x logged model (`m-…`). */
export interface LoggedModelRecord {
  readonly modelId: string;
  readonly experimentId: string;
  readonly name: string;
  readonly sourceRunId: string | null;
  readonly status: string | null;
  readonly modelType: string | null;
  readonly artifactLocation: string | null;
  readonly lifecycleStage: string;
  readonly createdAt: number | null;
  readonly updatedAt: number | null;
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  /** Latest point per key and dataset, ordered by key, dataset name, dataset digest. */
  readonly metrics: readonly LoggedModelMetricRecord[];
}

/** A registered model version with the logged model it was made from (`models:/m-…` source). */
export interface IngestModelVersionRecord extends ModelVersionRecord {
  readonly modelId: string | null;
}
