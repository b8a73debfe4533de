import type { Actor } from '../../domain/audit/actor';
import { AuditKind, type AuditDraft } from '../../domain/audit/draft';
import { diffFieldViews } from '../../domain/auditFieldDiff';
import { type ModelVersionFieldSource, modelVersionFieldView } from '../../domain/modelVersionDiff';
import type { RunChange } from './changeHooks';

const RUN_ACTIONS = {
  created: { action: 'RUN_CREATED', kind: AuditKind.CREATE },
  updated: { action: 'RUN_UPDATED', kind: AuditKind.UPDATE },
  deleted: { action: 'RUN_MARKED_DELETED', kind: AuditKind.TOMBSTONE },
} as const;

/**
 * One audit event per run the ingester created, changed or marked deleted. The reason names the
 * ingestion and the store, because a sync's "why" is that the source of record changed. An
 * update or deletion carries each changed field old → new; a creation its fingerprint, status,
 * stage and the fingerprint parts it covers.
 */
export function runChangeDrafts(actor: Actor, changes: readonly RunChange[], reason: string): AuditDraft[] {
  return changes.map((c) => ({
    actor,
    ...RUN_ACTIONS[c.change],
    entityType: 'Run',
    entityId: c.runNodeId,
    entityVersion: c.after.fingerprint,
    oldValue: c.diff ? c.diff.oldValue : c.before,
    newValue: c.diff ? c.diff.newValue : { ...c.after, changed: [...c.fields] },
    reason,
  }));
}

/** A dataset snapshot seen for the first time (shared with OpenLineage events). */
export { datasetVersionDraft } from '../datasetVersionDraft';

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

/**
 * The audit event of one model version a registry sync writes: MODEL_VERSION_REGISTERED (every
 * field) when the graph did not hold it, MODEL_VERSION_UPDATED (each changed field, old → new)
 * when it did and something differs, and none when nothing does.
 */
export function modelVersionDraft(actor: Actor, versionNodeId: string, before: ModelVersionFieldSource | null, after: ModelVersionFieldSource, reason: string): AuditDraft | null {
  const common = { actor, entityType: 'ModelVersion', entityId: versionNodeId, entityVersion: String(after.version), reason };
  const view = modelVersionFieldView(after);
  if (!before) return { ...common, kind: AuditKind.CREATE, action: 'MODEL_VERSION_REGISTERED', oldValue: null, newValue: diffFieldViews({}, view).newValue };
  const diff = diffFieldViews(modelVersionFieldView(before), view);
  if (diff.fields.length === 0) return null;
  return { ...common, kind: AuditKind.UPDATE, action: 'MODEL_VERSION_UPDATED', oldValue: diff.oldValue, newValue: diff.newValue };
}
