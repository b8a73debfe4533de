import type { Migration } from './migration';

const uniqueId = (name: string, label: string) =>
  `CREATE CONSTRAINT ${name}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`;

/** Unique typed ids for every label, and the natural keys the sources identify records by. */
export const v0001: Migration = {
  version: 1,
  description: 'unique ids and natural keys',
  statements: [
    uniqueId('tracking_store', 'TrackingStore'),
    uniqueId('experiment', 'Experiment'),
    uniqueId('run', 'Run'),
    uniqueId('dataset', 'Dataset'),
    uniqueId('registered_model', 'RegisteredModel'),
    uniqueId('model_version', 'ModelVersion'),
    uniqueId('logged_model', 'LoggedModel'),
    uniqueId('report', 'Report'),
    uniqueId('signal', 'Signal'),
    uniqueId('job', 'Job'),
    uniqueId('audit_event', 'AuditEvent'),
    uniqueId('actor', 'Actor'),
    'CREATE CONSTRAINT tracking_store_uri IF NOT EXISTS FOR (n:TrackingStore) REQUIRE n.uri IS UNIQUE',
    'CREATE CONSTRAINT experiment_key IF NOT EXISTS FOR (n:Experiment) REQUIRE (n.storeKey, n.experimentId) IS UNIQUE',
    'CREATE CONSTRAINT run_key IF NOT EXISTS FOR (n:Run) REQUIRE (n.storeKey, n.runId) IS UNIQUE',
    'CREATE CONSTRAINT registered_model_key IF NOT EXISTS FOR (n:RegisteredModel) REQUIRE (n.storeKey, n.name) IS UNIQUE',
    'CREATE CONSTRAINT model_version_key IF NOT EXISTS FOR (n:ModelVersion) REQUIRE (n.storeKey, n.name, n.version) IS UNIQUE',
    'CREATE CONSTRAINT logged_model_key IF NOT EXISTS FOR (n:LoggedModel) REQUIRE (n.storeKey, n.modelId) IS UNIQUE',
    'CREATE CONSTRAINT dataset_key IF NOT EXISTS FOR (n:Dataset) REQUIRE (n.namespace, n.name) IS UNIQUE',
    'CREATE CONSTRAINT job_key IF NOT EXISTS FOR (n:Job) REQUIRE (n.namespace, n.name) IS UNIQUE',
    'CREATE CONSTRAINT audit_event_seq IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.seq IS UNIQUE',
  ],
};
