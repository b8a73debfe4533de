import type { DatasetInput } from './dataset';
import type { Experiment } from './experiment';
import type { MetricPoint } from './metric';
import type { LoggedModel, ModelVersion } from './model';
import type { Report } from './report';

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

/** A run deleted in MLflow is kept in the graph (evidence is never erased) but hidden from lists unless asked for. */
export function isDeleted(run: Pick<Run, 'lifecycleStage'>): boolean {
  return run.lifecycleStage === LifecycleStage.DELETED;
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

/**
 * A run's direct neighbours that a page of runs can bring along in the same statement, so a
 * request that selects them costs no further queries. Values are the fields' names.
 */
export enum RunRelation {
  EXPERIMENT = 'experiment',
  INPUTS = 'inputs',
  MODEL_VERSIONS = 'modelVersions',
  REPORTS = 'reports',
  LOGGED_MODELS = 'loggedModels',
}

/** The neighbours fetched with a run; a relation that was not asked for is absent. */
export interface RunRelated {
  readonly experiment?: Experiment | null;
  readonly inputs?: readonly DatasetInput[];
  readonly modelVersions?: readonly ModelVersion[];
  readonly reports?: readonly Report[];
  readonly loggedModels?: readonly LoggedModel[];
}
