import type {
  DatasetRecord,
  ExperimentRecord,
  IngestModelVersionRecord,
  IngestRunRecord,
  LoggedModelRecord,
  MetricSeriesRecord,
  RegisteredModelRecord,
  ReportRecord,
  StoreRecord,
} from '../../domain/records';

/** Something a reader could not read; the rest of the store is still ingested. */
export interface SkippedItem {
  /** `experiment`, `run`, `metric`, `model`, `side-file`, `store`. */
  readonly kind: string;
  /** File (with `:line`), table or URL. */
  readonly where: string;
  readonly reason: string;
  /** Set when the item belongs to a run, so a skipped run is not mistaken for a deleted one. */
  readonly runId?: string;
}

export interface RunBatch {
  readonly runs: readonly IngestRunRecord[];
  /**
   * Set when the runs carry a `metricsSignature` instead of their histories: loads the full
   * histories of the named runs (the ones whose fingerprint changed).
   */
  readonly loadHistories?: (runIds: readonly string[]) => Promise<Map<string, MetricSeriesRecord[]>>;
}

export interface RegistryContent {
  readonly models: readonly RegisteredModelRecord[];
  readonly versions: readonly IngestModelVersionRecord[];
}

/**
 * What every MLflow reader (file store, SQLite, REST) offers the ingest service. Runs come in
 * batches so that a store with millions of metric points is never held in memory at once.
 */
export interface MlflowSource {
  readonly store: StoreRecord;
  /** Items skipped so far; grows while the reader is consumed. */
  readonly skipped: SkippedItem[];
  /** Endpoints the store does not offer (an older MLflow tracking server), read as empty; REST only. */
  readonly notOffered?: readonly string[];
  experiments(): Promise<ExperimentRecord[]>;
  /** How many runs the store holds, when the reader can tell cheaply (for a progress bar). */
  runCount?(): Promise<number | null>;
  runBatches(batchSize: number): AsyncIterable<RunBatch>;
  loggedModels(): Promise<LoggedModelRecord[]>;
  registry(): Promise<RegistryContent>;
  /** Reports the pipeline's side files describe (file store only). */
  reports(storeKey: string): Promise<ReportRecord[]>;
  close(): Promise<void>;
}

export type { DatasetRecord };
