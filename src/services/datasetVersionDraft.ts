import type { Actor } from '../domain/audit/actor';
import { AuditKind, type AuditDraft } from '../domain/audit/draft';

/**
 * A dataset snapshot seen for the first time: a new version, never a change to an old one, so
 * the trail holds every snapshot any source reported, with the store that reported it. MLflow
 * ingest and OpenLineage events write the same entry.
 */
export function datasetVersionDraft(actor: Actor, version: Readonly<Record<string, unknown>>, storeUri: string, reason: string): AuditDraft {
  const { id, ...facts } = version;
  return { actor, kind: AuditKind.CREATE, action: 'DATASET_VERSION_RECORDED', entityType: 'DatasetVersion', entityId: String(id), newValue: { ...facts, store: storeUri }, reason };
}
