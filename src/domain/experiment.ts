export interface Experiment {
  readonly id: string;
  readonly storeKey: string;
  /** MLflow's experiment id, kept as a string: since MLflow 2.0 it can exceed 2^53. */
  readonly experimentId: string;
  readonly name: string;
  readonly lifecycleStage: string;
  readonly artifactLocation: string | null;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly tags: Readonly<Record<string, string>>;
}
