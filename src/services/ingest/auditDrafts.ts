import type { Actor } from '../../domain/audit/actor';
import { AuditKind, type AuditDraft } from '../../domain/audit/draft';
import { type FieldView, diffFieldViews } from '../../domain/auditFieldDiff';
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
 * update or deletion carries each changed field old → new; a creation every field as created,
 * with its fingerprint and the fingerprint parts it covers, and no old side.
 */
export function runChangeDrafts(actor: Actor, changes: readonly RunChange[], reason: string): AuditDraft[] {
  return changes.map((c) => ({
    actor,
    ...RUN_ACTIONS[c.change],
    entityType: 'Run',
    entityId: c.runNodeId,
    entityVersion: c.after.fingerprint,
    oldValue: c.diff ? c.diff.oldValue : null,
    newValue: c.diff ? c.diff.newValue : { ...c.after, changed: [...c.fields], ...c.created },
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

/** The audit actions of each catalogue record an ingest upserts: created, then changed. */
export const CATALOG_ACTIONS = {
  TrackingStore: { created: 'TRACKING_STORE_RECORDED', updated: 'TRACKING_STORE_UPDATED' },
  Experiment: { created: 'EXPERIMENT_RECORDED', updated: 'EXPERIMENT_UPDATED' },
  Dataset: { created: 'DATASET_RECORDED', updated: 'DATASET_UPDATED' },
  RegisteredModel: { created: 'REGISTERED_MODEL_RECORDED', updated: 'REGISTERED_MODEL_UPDATED' },
  Report: { created: 'REPORT_IMPORTED', updated: 'REPORT_IMPORT_UPDATED' },
} as const;

/**
 * One audit event per catalogue record an upsert created or changed, under the property names
 * the graph keeps: a creation carries every value as created (no old side), a change each
 * property that differs, old → new. Unchanged records (the upsert returns none) get none.
 */
export function catalogDrafts(
  actor: Actor,
  entityType: keyof typeof CATALOG_ACTIONS,
  changes: readonly { readonly id: string; readonly before: Readonly<Record<string, unknown>> | null; readonly after: Readonly<Record<string, unknown>> }[],
  reason: string,
): AuditDraft[] {
  return changes.map((c) => {
    const diff = diffFieldViews((c.before ?? {}) as FieldView, c.after as FieldView);
    const created = c.before === null;
    return {
      actor,
      kind: created ? AuditKind.CREATE : AuditKind.UPDATE,
      action: CATALOG_ACTIONS[entityType][created ? 'created' : 'updated'],
      entityType,
      entityId: c.id,
      oldValue: created ? null : diff.oldValue,
      newValue: diff.newValue,
      reason,
    };
  });
}
