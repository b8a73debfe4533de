import type { Migration } from './migration';

/** Indexes behind the list filters of the read API. */
export const v0002: Migration = {
  version: 2,
  description: 'indexes for list filters and sort orders',
  statements: [
    'CREATE INDEX experiment_name IF NOT EXISTS FOR (n:Experiment) ON (n.name)',
    'CREATE INDEX run_run_id IF NOT EXISTS FOR (n:Run) ON (n.runId)',
    'CREATE INDEX run_status IF NOT EXISTS FOR (n:Run) ON (n.status)',
    'CREATE INDEX run_user IF NOT EXISTS FOR (n:Run) ON (n.userId)',
    'CREATE INDEX run_start_time IF NOT EXISTS FOR (n:Run) ON (n.startTime)',
    'CREATE INDEX dataset_digest IF NOT EXISTS FOR (n:Dataset) ON (n.digest)',
    'CREATE INDEX model_version_stage IF NOT EXISTS FOR (n:ModelVersion) ON (n.stage)',
    'CREATE INDEX report_kind IF NOT EXISTS FOR (n:Report) ON (n.kind)',
    'CREATE INDEX report_status IF NOT EXISTS FOR (n:Report) ON (n.status)',
    'CREATE INDEX report_period IF NOT EXISTS FOR (n:Report) ON (n.period)',
    'CREATE INDEX signal_status IF NOT EXISTS FOR (n:Signal) ON (n.status)',
  ],
};
