import type { Migration } from './migration';

/**
 * The default run list counts live runs as all runs (the label count, free) minus deleted ones;
 * this index makes the deleted ones an index count instead of a scan of every run.
 */
export const v0060: Migration = {
  version: 60,
  description: 'Index on run lifecycle stage',
  statements: ['CREATE INDEX run_lifecycle_stage IF NOT EXISTS FOR (n:Run) ON (n.lifecycleStage)'],
};
