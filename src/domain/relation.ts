/**
 * Relationship types. Every edge points the way data flows, from upstream to downstream, so
 * "upstream of X" is always a walk against the arrows and "impact of X" a walk along them.
 * Cypher relationship-type text comes only from this enum.
 */
export enum LineageRelation {
  /** TrackingStore → Experiment: the store holds the experiment. */
  HAS_EXPERIMENT = 'HAS_EXPERIMENT',
  /** Experiment → Run, or Job → Run: the run belongs to the experiment or is an execution of the job. */
  HAS_RUN = 'HAS_RUN',
  /** Run → Run: the parent run launched the child run (`mlflow.parentRunId`, OpenLineage ParentRunFacet). */
  PARENT_OF = 'PARENT_OF',
  /** Dataset, ModelVersion or LoggedModel → Run: the run read it. */
  INPUT_TO = 'INPUT_TO',
  /** Run → ModelVersion, LoggedModel, Dataset or Signal: the run produced it. */
  PRODUCED = 'PRODUCED',
  /** RegisteredModel → ModelVersion: the version belongs to the registered model. */
  HAS_VERSION = 'HAS_VERSION',
  /** LoggedModel → ModelVersion: the logged model was registered as this version. */
  REGISTERED_AS = 'REGISTERED_AS',
  /** Run, ModelVersion, Dataset or Signal → Report: the report was generated from it. */
  FEEDS = 'FEEDS',
}

export const ALL_RELATIONS: readonly LineageRelation[] = Object.values(LineageRelation);
