import { type ActorContext, actorCell, actorText, entryKind, entryLines, KIND_LABEL } from '../auditText';
import { changeFlag, eventsByEntity } from '../changes';
import type { AuditEventRecord, AuditFile, LineageFile } from '../format';
import type { Doc } from './document';
import { cut, utc } from './format';
import { type Cell, capped, drawTable } from './table';
import { heading, paragraph } from './text';

/**
 * Every audit entry about the exported subjects and their upstream records, oldest first: who
 * (printed name, account, role; system work named for what it did), what, when (UTC), why, and
 * the values: as created, old → new, or old → (deleted) (auditText.ts). An entry that replaced an
 * earlier value of its record is flagged; the full values are in audit.json.
 */
const VALUE_CHARS = 160;

export function valuesCell(e: Pick<AuditEventRecord, 'action' | 'oldValue' | 'newValue'>): string {
  const lines = entryLines(e, VALUE_CHARS);
  return capped(`${KIND_LABEL[entryKind(e)]}:\n${lines.join('\n') || '(no value changed)'}`, 1000, 'audit.json');
}

/** Tracking store labels by store key, from the lineage's store nodes, so an ingest names its store. */
export function actorContext(lineage: LineageFile): ActorContext {
  const labels = new Map<string, string>();
  for (const s of lineage.subjects) for (const n of s.lineage.nodes) if (n.type === 'TRACKING_STORE') labels.set(n.id.slice('store:'.length), n.displayName);
  for (const o of lineage.records.other) if (o.type === 'TRACKING_STORE') labels.set(o.id.slice('store:'.length), o.displayName);
  return { storeLabels: labels };
}

export function auditSection(doc: Doc, audit: AuditFile, lineage: LineageFile): void {
  const ctx = actorContext(lineage);
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
      { header: 'Values (as created, old → new, or deleted)', weight: 3.6 },
      { header: 'Flag', weight: 0.6 },
    ],
    audit.events.map((e): Cell[] => [
      String(e.seq),
      utc(e.at),
      actorCell(actorText(e, ctx)),
      `${e.action}${e.category === 'SECURITY' ? ' [security]' : ''}\n${e.entityType} ${e.entityId}${e.entityVersion ? ` v${cut(e.entityVersion, 40)}` : ''}`,
      capped(e.reason ?? '—', 500, 'audit.json'),
      valuesCell(e),
      changing.has(e.seq) ? { text: 'CHANGED', bold: true, color: '#b42318' } : '',
    ]),
  );
}
