import type { Migration } from './migration';

/** OpenLineage: the raw event log is unique by event id (redelivery is a no-op) and read by time. */
export const v0030: Migration = {
  version: 30,
  description: 'OpenLineage event log: unique event id, event-time index',
  statements: [
    'CREATE CONSTRAINT lineage_event_id IF NOT EXISTS FOR (n:LineageEvent) REQUIRE n.eventId IS UNIQUE',
    'CREATE INDEX lineage_event_time IF NOT EXISTS FOR (n:LineageEvent) ON (n.eventTime)',
    'CREATE INDEX job_namespace IF NOT EXISTS FOR (n:Job) ON (n.namespace)',
  ],
};
