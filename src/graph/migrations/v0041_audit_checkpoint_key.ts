import type { Migration } from './migration';

/** One stored checkpoint per (tree size, key): two replicas issuing the same one at once keep one node. */
export const v0041: Migration = {
  version: 41,
  description: 'Audit checkpoints unique per tree size and key',
  statements: ['CREATE CONSTRAINT audit_checkpoint_size_key IF NOT EXISTS FOR (n:AuditCheckpoint) REQUIRE (n.treeSize, n.keyId) IS UNIQUE'],
};
