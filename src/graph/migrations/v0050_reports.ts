import type { Migration } from './migration';

/**
 * Versioned reports, signatures and signal transitions. A report file (its SHA-256) belongs to
 * exactly one version of one report, which the constraint enforces even for two registrations
 * racing each other; a version number is unique within its report; signature ids are unique.
 * The indexes serve the lookups the report, signature and signal services make.
 */
export const v0050: Migration = {
  version: 50,
  description: 'Report versions, signatures, signal transitions',
  statements: [
    'CREATE CONSTRAINT report_version_content_hash IF NOT EXISTS FOR (n:ReportVersion) REQUIRE n.contentHash IS UNIQUE',
    'CREATE CONSTRAINT report_version_key IF NOT EXISTS FOR (n:ReportVersion) REQUIRE (n.reportId, n.version) IS UNIQUE',
    'CREATE CONSTRAINT signature_id IF NOT EXISTS FOR (n:Signature) REQUIRE n.id IS UNIQUE',
    'CREATE INDEX signature_report IF NOT EXISTS FOR (n:Signature) ON (n.reportId)',
    'CREATE INDEX report_content_hash IF NOT EXISTS FOR (n:Report) ON (n.contentHash)',
    'CREATE INDEX signal_transition_signal IF NOT EXISTS FOR (n:SignalTransition) ON (n.signalId)',
    'CREATE INDEX model_version_name IF NOT EXISTS FOR (n:ModelVersion) ON (n.name)',
  ],
};
