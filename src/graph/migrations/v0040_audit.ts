import type { Migration } from './migration';

/**
 * The audit log: one `AuditLog` node holds the size (and is the lock every audited write takes),
 * sequence numbers are unique so a second writer can never reuse one, and the trail is read by
 * entity, actor, action and time. Checkpoints are unique per (tree size, key).
 */
export const v0040: Migration = {
  version: 40,
  description: 'Audit log: sequence, lookup indexes, checkpoints',
  statements: [
    'CREATE CONSTRAINT audit_log_id IF NOT EXISTS FOR (n:AuditLog) REQUIRE n.id IS UNIQUE',
    'CREATE CONSTRAINT audit_event_seq IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.seq IS UNIQUE',
    'CREATE INDEX audit_event_entity IF NOT EXISTS FOR (n:AuditEvent) ON (n.entityId)',
    'CREATE INDEX audit_event_actor IF NOT EXISTS FOR (n:AuditEvent) ON (n.actorId)',
    'CREATE INDEX audit_event_action IF NOT EXISTS FOR (n:AuditEvent) ON (n.action)',
    'CREATE INDEX audit_event_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at)',
    'CREATE INDEX audit_checkpoint_size IF NOT EXISTS FOR (n:AuditCheckpoint) ON (n.treeSize)',
  ],
};
