import type { Actor } from '../../domain/audit/actor';
import { AuditKind, type AuditDraft } from '../../domain/audit/draft';
import type { RunChange } from './changeHooks';

const RUN_ACTIONS = {
  created: { action: 'RUN_CREATED', kind: AuditKind.CREATE },
  updated: { action: 'RUN_UPDATED', kind: AuditKind.UPDATE },
  deleted: { action: 'RUN_MARKED_DELETED', kind: AuditKind.TOMBSTONE },
} as const;

/**
 * One audit event per run the ingester created, changed or marked deleted. The reason names the
 * ingestion and the store, because a sync's "why" is that the source of record changed.
 */
export function runChangeDrafts(actor: Actor, changes: readonly RunChange[], reason: string): AuditDraft[] {
  return changes.map((c) => ({
    actor,
    ...RUN_ACTIONS[c.change],
    entityType: 'Run',
    entityId: c.runNodeId,
    entityVersion: c.after.fingerprint,
    oldValue: c.before,
    newValue: { ...c.after, changed: [...c.fields] },
    reason,
  }));
}

/** Ingestion bookkeeping (start, registry sync, finish): one event each, on the ingestion record. */
export function ingestionDraft(actor: Actor, action: string, ingestionId: string, facts: Record<string, unknown>, reason: string): AuditDraft {
  return {
    actor,
    kind: action === 'INGESTION_STARTED' ? AuditKind.CREATE : AuditKind.UPDATE,
    action,
    entityType: 'Ingestion',
    entityId: `ingestion:${ingestionId}`,
    newValue: facts,
    reason,
  };
}
