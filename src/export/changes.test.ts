import type { AuditEventData } from '../domain/audit/event';
import { changeFlag, eventsByEntity } from './changes';

const event = (seq: number, action: string, oldValue: unknown, entityId = 'report:r'): AuditEventData => ({
  seq, at: `2026-01-01T00:00:0${seq % 10}.000Z`, actorId: 'u', actorRole: null, actorName: 'U', action, entityType: 'Report',
  entityId, entityVersion: null, oldValue, newValue: { n: seq }, reason: 'why', category: 'CHANGE',
});

describe('changed since original entry', () => {
  it('is false for a record only created and signed, even when its first entry took over an imported record', () => {
    expect(changeFlag([event(3, 'REPORT_REGISTERED', { imported: true }), event(5, 'REPORT_SIGNED', null)])).toEqual({ changedSinceOriginalEntry: false, changeSeqs: [] });
    expect(changeFlag([])).toEqual({ changedSinceOriginalEntry: false, changeSeqs: [] });
  });

  it('names every later event that replaced a value, whatever order the events come in', () => {
    const events = [event(9, 'REPORT_WITHDRAWN', { status: 'FINAL' }), event(1, 'REPORT_REGISTERED', null), event(4, 'REPORT_REVISED', { version: 1 })];
    expect(changeFlag(events)).toEqual({ changedSinceOriginalEntry: true, changeSeqs: [4, 9] });
  });

  it('groups events by record, each group by seq', () => {
    const groups = eventsByEntity([event(7, 'A', null, 'run:x'), event(2, 'A', null, 'run:y'), event(1, 'A', null, 'run:x')]);
    expect([...groups].map(([id, es]) => [id, es.map((e) => e.seq)])).toEqual([['run:x', [1, 7]], ['run:y', [2]]]);
  });
});
