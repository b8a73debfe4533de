import type { Actor } from '../../domain/audit/actor';
import { AuditKind, type AuditDraft } from '../../domain/audit/draft';
import type { StoreWriter } from '../../domain/storeWriter';
import type { TrackingStore } from '../../domain/trackingStore';

/** The store's registration under the names the graph keeps them by, so each event shows what it replaced. */
function view(s: TrackingStore | null) {
  if (!s) return null;
  const { reason, ...registration } = s.registration ?? { reason: null };
  return { uri: s.uri, kind: s.kind, ...registration, ...(s.registration ? { registrationReason: reason } : {}) };
}

/** Registering and retiring a store are record changes with a reason, like any other. */
export function storeDraft(actor: Actor, action: 'STORE_REGISTERED' | 'STORE_RETIRED', before: TrackingStore | null, after: TrackingStore, reason: string): AuditDraft {
  return {
    actor,
    kind: action === 'STORE_RETIRED' ? AuditKind.TOMBSTONE : before?.registration ? AuditKind.UPDATE : AuditKind.CREATE,
    action,
    entityType: 'TrackingStore',
    entityId: after.id,
    oldValue: view(before),
    newValue: view(after),
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
