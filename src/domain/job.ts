/** An OpenLineage job: what a scheduler runs (an Airflow task, a Spark app, a dbt model). */
export interface Job {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** The job's facets from its latest event (by eventTime), as sent; null when none were sent. */
  readonly facets: Readonly<Record<string, unknown>> | null;
}

/** An OpenLineage job as one dataset sees it: whether its runs read the dataset, wrote it, or both. */
export interface DatasetJob {
  readonly job: Job;
  readonly reads: boolean;
  readonly writes: boolean;
}
