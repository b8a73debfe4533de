import type { MetricPoint } from './metric';

export interface RegisteredModel {
  readonly id: string;
  readonly storeKey: string;
  readonly name: string;
  readonly description: string | null;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly tags: Readonly<Record<string, string>>;
}

export enum ModelStage {
  NONE = 'None',
  STAGING = 'Staging',
  PRODUCTION = 'Production',
  ARCHIVED = 'Archived',
}

export interface ModelVersion {
  readonly id: string;
  readonly storeKey: string;
  readonly name: string;
  readonly version: number;
  readonly stage: string;
  readonly status: string | null;
  readonly source: string | null;
  readonly runId: string | null;
  readonly aliases: readonly string[];
  readonly description: string | null;
  readonly createdAt: string | null;
  readonly tags: Readonly<Record<string, string>>;
}

/** The latest value of one metric of a logged model, on one dataset or on none. */
export interface LoggedModelMetric extends MetricPoint {
  readonly datasetName: string | null;
  readonly datasetDigest: string | null;
  readonly runId: string | null;
}

/** An MLflow 3.x logged model (`m-…`): the model a run logged, before or without registration. */
export interface LoggedModel {
  readonly id: string;
  readonly storeKey: string;
  readonly modelId: string;
  readonly experimentId: string | null;
  readonly name: string | null;
  readonly sourceRunId: string | null;
  readonly status: string | null;
  readonly modelType: string | null;
  readonly artifactLocation: string | null;
  /** `active` or `deleted`, as MLflow records it. */
  readonly lifecycleStage: string;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  /** Ordered by key, dataset name (none first), dataset digest. */
  readonly metrics: readonly LoggedModelMetric[];
}
