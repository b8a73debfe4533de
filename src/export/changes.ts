import type { AuditEventData } from '../domain/audit/event';
import type { ChangeFlag } from './format';

/**
 * "Changed since original entry" (Part 11 §11.10(e): changes must not obscure what was first
 * recorded). A record counts as changed when an audit event after its first one replaced an
 * earlier value: an update, a revision, a state change or a tombstone. Signing adds a
 * signature without an old value, so it does not count, and neither does the first entry,
 * even when it took over a record imported before auditing began.
 */
export function changeFlag(eventsOfRecord: readonly AuditEventData[]): ChangeFlag {
  const sorted = [...eventsOfRecord].sort((a, b) => a.seq - b.seq);
  const changeSeqs = sorted.slice(1).filter(isChange).map((e) => e.seq);
  return { changedSinceOriginalEntry: changeSeqs.length > 0, changeSeqs };
}

/** Whether one event (not a record's first) replaced an earlier value. */
export function isChange(e: AuditEventData): boolean {
  return e.oldValue !== null && e.oldValue !== undefined;
}

/** Events grouped by the record they are about, each group by seq. */
export function eventsByEntity<E extends AuditEventData>(events: readonly E[]): Map<string, E[]> {
  const out = new Map<string, E[]>();
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const list = out.get(e.entityId);
    if (list) list.push(e);
    else out.set(e.entityId, [e]);
  }
  return out;
}
