import type { Actor } from '../../domain/audit/actor';
import { AuditKind, type AuditDraft } from '../../domain/audit/draft';
import type { StoreWriter } from '../../domain/storeWriter';
import type { TrackingStore } from '../../domain/trackingStore';

const view = (s: TrackingStore | null) => (s ? { uri: s.uri, kind: s.kind, ...(s.registration ?? {}) } : null);

/** Registering and retiring a store are record changes with a reason, like any other. */
export function storeDraft(actor: Actor, action: 'STORE_REGISTERED' | 'STORE_RETIRED', before: TrackingStore | null, after: TrackingStore, reason: string): AuditDraft {
  return {
    actor,
    kind: action === 'STORE_RETIRED' ? AuditKind.TOMBSTONE : before?.registration ? AuditKind.UPDATE : AuditKind.CREATE,
    action,
    entityType: 'TrackingStore',
    entityId: after.id,
    oldValue: view(before),
    // Who retired it and both reasons are kept on the store as well as in this event.
    newValue: { ...view(after), ...(action === 'STORE_RETIRED' ? { retiredBy: actor.id, retirementReason: reason } : { registeredBy: actor.id, registrationReason: reason }) },
    reason,
  };
}

const grantView = (w: StoreWriter | null) => (w ? { since: w.since, grantedBy: w.grantedBy } : null);

/**
 * A write grant given or taken back: a permission change of the store, filed under the store, with
 * the account as a grouped field (`writers.<userId>`), so its trail reads "writers.etl: null → {…}".
 */
export function storeWriteDraft(actor: Actor, storeId: string, userId: string, before: StoreWriter | null, after: StoreWriter | null, reason: string): AuditDraft {
  const field = `writers.${userId}`;
  return {
    actor,
    kind: AuditKind.PERMISSION,
    action: after ? 'STORE_WRITE_GRANTED' : 'STORE_WRITE_REVOKED',
    entityType: 'TrackingStore',
    entityId: storeId,
    oldValue: { [field]: grantView(before) },
    newValue: { [field]: grantView(after) },
    reason,
  };
}
