import { fieldChanges } from '../../domain/audit/fieldChanges';
import { changeFlag, eventsByEntity } from '../changes';
import type { AuditFile } from '../format';
import type { Doc } from './document';
import { cut, utc } from './format';
import { type Cell, capped, drawTable } from './table';
import { heading, paragraph } from './text';

/**
 * Every audit entry about the exported subjects and their upstream records, oldest first: who
 * (printed name, account, role), what, when (UTC), why, and old → new field by field. An entry
 * that replaced an earlier value of its record is flagged; the full values are in audit.json.
 */
const VALUE_CHARS = 160;

export function oldToNew(oldValue: unknown, newValue: unknown): string {
  const lines = fieldChanges(oldValue, newValue).map((c) => `${c.field}: ${cut(c.oldValue ?? '—', VALUE_CHARS)} → ${cut(c.newValue ?? '—', VALUE_CHARS)}`);
  return capped(lines.join('\n') || '(no value changed)', 1000, 'audit.json');
}

export function auditSection(doc: Doc, audit: AuditFile): void {
  doc.addPage();
  heading(doc, `Audit trail (${audit.events.length} entries)`);
  paragraph(
    doc,
    `Every audit event about the exported subject(s) and their upstream records up to checkpoint ${audit.checkpoint.treeSize}, oldest first. Each is proven to be in the signed log by an inclusion proof in proofs.json. "CHANGED" marks an entry that replaced an earlier value of its record (changed since original entry).`,
  );
  const changing = new Set<number>();
  for (const events of eventsByEntity(audit.events).values()) for (const seq of changeFlag(events).changeSeqs) changing.add(seq);
  drawTable(
    doc,
    [
      { header: 'Seq', weight: 0.45 },
      { header: 'When (UTC)', weight: 1 },
      { header: 'Who', weight: 1.2 },
      { header: 'What', weight: 1.8 },
      { header: 'Why', weight: 1.6 },
      { header: 'Old → new', weight: 3.6 },
      { header: 'Flag', weight: 0.6 },
    ],
    audit.events.map((e): Cell[] => [
      String(e.seq),
      utc(e.at),
      `${e.actorName}\n${e.actorId}${e.actorRole ? ` (${e.actorRole})` : ''}`,
      `${e.action}${e.category === 'SECURITY' ? ' [security]' : ''}\n${e.entityType} ${e.entityId}${e.entityVersion ? ` v${cut(e.entityVersion, 40)}` : ''}`,
      capped(e.reason ?? '—', 500, 'audit.json'),
      oldToNew(e.oldValue, e.newValue),
      changing.has(e.seq) ? { text: 'CHANGED', bold: true, color: '#b42318' } : '',
    ]),
  );
}
