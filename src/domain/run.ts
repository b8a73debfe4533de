import type { MetricPoint } from './metric';

export enum RunStatus {
  RUNNING = 'RUNNING',
  SCHEDULED = 'SCHEDULED',
  FINISHED = 'FINISHED',
  FAILED = 'FAILED',
  KILLED = 'KILLED',
}

export enum LifecycleStage {
  ACTIVE = 'active',
  DELETED = 'deleted',
}

export interface Run {
  readonly id: string;
  readonly storeKey: string;
  /** MLflow's 32-hex run id. */
  readonly runId: string;
  readonly experimentId: string;
  readonly name: string | null;
  readonly status: RunStatus;
  readonly lifecycleStage: string;
  readonly startTime: string | null;
  readonly endTime: string | null;
  readonly userId: string | null;
  readonly sourceName: string | null;
  readonly sourceType: string | null;
  readonly gitCommit: string | null;
  readonly artifactUri: string | null;
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  /** Latest value of each metric, sorted by key. */
  readonly metrics: readonly MetricPoint[];
}
