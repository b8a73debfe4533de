import type { AuditEventData } from '../domain/audit/event';
import { actorCell, actorRoles, actorText, entryKind, entryLines, roleText } from './auditText';

const ctx = { storeLabels: new Map([['88188a81a13d', 'file store mlruns']]) };

describe('audit entries on paper', () => {
  it('shows a registration that took over an imported record as created, never as "old → —"', () => {
    const e = {
      action: 'REPORT_REGISTERED',
      oldValue: { id: 'report:SDR-2024Q1', status: 'FINAL', createdAt: '2024-04-30T00:00:00.000Z', title: 'T' },
      newValue: { createdAt: '2026-12-02T10:00:00.000Z', title: 'T', version: 1 },
    };
    expect(entryKind(e)).toBe('CREATION');
    const lines = entryLines(e);
    expect(lines).toEqual([
      'createdAt: 2026-12-02T10:00:00.000Z (the imported record had 2024-04-30T00:00:00.000Z)',
      'id: report:SDR-2024Q1 (from the imported record)',
      'status: FINAL (from the imported record)',
      'title: T',
      'version: 1',
    ]);
    expect(lines.join('\n')).not.toMatch(/→/);
  });

  it('treats an old value of nulls as nothing before: a run created by an ingest lists its new values', () => {
    const e = { action: 'RUN_CREATED', oldValue: { fingerprint: null, lifecycleStage: null }, newValue: { fingerprint: 'f8', lifecycleStage: 'active' } };
    expect(entryKind(e)).toBe('CREATION');
    expect(entryLines(e)).toEqual(['fingerprint: f8', 'lifecycleStage: active']);
  });

  it('shows an update old → new for changed fields only, and a deletion old → (deleted)', () => {
    const revised = { action: 'REPORT_REVISED', oldValue: { title: 'A', version: 1, kind: 'K' }, newValue: { title: 'B', version: 2, kind: 'K', period: 'Q1' } };
    expect(entryKind(revised)).toBe('UPDATE');
    expect(entryLines(revised)).toEqual(['period: (not set) → Q1', 'title: A → B', 'version: 1 → 2']);
    const deleted = { action: 'RUN_MARKED_DELETED', oldValue: { lifecycleStage: 'active', status: 'FINISHED' }, newValue: { lifecycleStage: 'deleted' } };
    expect(entryKind(deleted)).toBe('DELETION');
    expect(entryLines(deleted)).toEqual(['lifecycleStage: active → deleted', 'status: FINISHED → (deleted)']);
    expect(entryKind({ action: 'SOMETHING_DONE', oldValue: { a: 1 }, newValue: null })).toBe('DELETION');
    expect(entryLines({ action: 'SOMETHING_DONE', oldValue: { a: 1 }, newValue: null })).toEqual(['a: 1 → (deleted)']);
  });

  it('cuts long values', () => {
    expect(entryLines({ action: 'X_CREATED', oldValue: null, newValue: { v: 'x'.repeat(50) } }, 10)).toEqual([`v: ${'x'.repeat(9)}…`]);
  });

  it('names people by printed name, account and role, and system work by what it did', () => {
    const base = { action: 'REPORT_SIGNED', entityId: 'report:R', newValue: null };
    expect(actorCell(actorText({ ...base, actorId: 'qa.1', actorName: 'Dr Q', actorRole: 'QA' }, ctx))).toBe('Dr Q\nqa.1 · QA');
    const ingest = actorText({ action: 'RUN_CREATED', entityId: 'run:88188a81a13d:abc', newValue: null, actorId: 'demo', actorName: 'demo', actorRole: null }, ctx);
    expect(ingest).toEqual({ printedName: 'MLflow ingest from file store mlruns (pv-lineage demo loader)', role: 'system (no user role)', account: 'demo' });
    const unknownStore = actorText({ action: 'RUN_UPDATED', entityId: 'run:a70a5fa43ae0:abc', newValue: null, actorId: 'system:ingest-recovery', actorName: 'pv-lineage ingest-recovery', actorRole: null }, ctx);
    expect(unknownStore.printedName).toBe('MLflow ingest from store a70a5fa43ae0');
    const ol = actorText({ action: 'OPENLINEAGE_EVENT_RECORDED', entityId: 'e1', newValue: { producer: 'https://airflow' }, actorId: 'system:ol', actorName: 'x', actorRole: null }, ctx);
    expect(ol.printedName).toBe('OpenLineage producer https://airflow');
    const posted = actorText({ action: 'OPENLINEAGE_EVENT_RECORDED', entityId: 'e2', newValue: { producer: 'https://airflow' }, actorId: 'etl', actorName: 'ETL pipeline', actorRole: 'PIPELINE' }, ctx);
    expect(posted).toEqual({ printedName: 'ETL pipeline (OpenLineage producer https://airflow)', role: 'PIPELINE', account: 'etl' });
    expect(actorText({ ...base, actorId: 'demo', actorName: 'demo', actorRole: null }, ctx).printedName).toBe('pv-lineage demo loader');
    expect(actorText({ ...base, actorId: 'system:dataset-naming', actorName: 'pv-lineage dataset-naming migration', actorRole: null }, ctx).printedName).toBe('pv-lineage dataset-naming migration');
  });

  it('finds the role each person acted under from the audit events', () => {
    const ev = (seq: number, action: string, entityId: string, actorId: string, actorRole: string | null, newValue: unknown): AuditEventData => ({
      seq, at: '2026-01-01T00:00:00.000Z', actorId, actorRole, actorName: actorId, action, entityType: 'X', entityId, entityVersion: null, oldValue: null, newValue, reason: null, category: 'CHANGE',
    });
    const roles = actorRoles([
      ev(1, 'REPORT_REGISTERED', 'report:R', 'a', 'SCIENTIST', { version: 1 }),
      ev(2, 'REPORT_SIGNED', 'report:R', 'q', 'QA', { id: 'sig_1', signerRole: 'REVIEWER' }),
      ev(3, 'REPORT_SIGNED', 'report:R', 'q', 'QA', { id: 'sig_2' }),
      ev(4, 'SIGNAL_TRANSITIONED', 'signal:S', 's', 'SAFETY', { status: 'VALIDATED' }),
      ev(5, 'REPORT_WITHDRAWN', 'report:R', 'q', 'QA', { status: 'WITHDRAWN' }),
    ]);
    expect([roles.version('report:R', 1), roles.version('report:R', 2), roles.signature('sig_1'), roles.signature('sig_2'), roles.transition('signal:S', 'VALIDATED', 's'), roles.withdrawal('report:R')]).toEqual(['SCIENTIST', null, 'REVIEWER', 'QA', 'SAFETY', 'QA']);
    expect(roleText(null)).toBe('role not in the exported audit trail');
  });
});
