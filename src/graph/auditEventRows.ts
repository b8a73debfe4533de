import type { AuditDraft } from '../domain/audit/draft';
import { categoryOf } from '../domain/audit/draft';
import type { AuditEventData } from '../domain/audit/event';
import { eventHash, eventLeafHash } from '../domain/audit/event';
import type { Row } from './executor';
import { eventProps } from './repositories/auditRepository';

/** The stored form of each draft at its place in the log, with its hashes. */
export function eventRows(drafts: readonly AuditDraft[], base: number, at: string): Row[] {
  return drafts.map((d, i) => {
    const event: AuditEventData = {
      seq: base + i,
      at,
      actorId: d.actor.id,
      actorRole: d.actor.role,
      actorName: d.actor.name,
      action: d.action,
      entityType: d.entityType,
      entityId: d.entityId,
      entityVersion: d.entityVersion ?? null,
      oldValue: d.oldValue ?? null,
      newValue: d.newValue ?? null,
      reason: d.reason?.trim() || null,
      category: categoryOf(d.kind),
    };
    return eventProps(event, eventHash(event), eventLeafHash(event).toString('hex'));
  });
}
