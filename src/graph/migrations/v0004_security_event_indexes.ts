import type { Migration } from './migration';

/** Security events are read newest first, per account and per type. */
export const v0004: Migration = {
  version: 4,
  description: 'identity: security event indexes',
  statements: [
    'CREATE INDEX security_event_at IF NOT EXISTS FOR (n:SecurityEvent) ON (n.at)',
    'CREATE INDEX security_event_subject IF NOT EXISTS FOR (n:SecurityEvent) ON (n.subject)',
    'CREATE INDEX security_event_type IF NOT EXISTS FOR (n:SecurityEvent) ON (n.type)',
  ],
};
