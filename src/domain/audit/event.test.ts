import { sha256Hex } from './canonical';
import { eventCanonical, eventHash, eventLeafHash, type AuditEventData } from './event';
import { leafHash } from './merkle';

const EVENT: AuditEventData = {
  seq: 7,
  at: '2026-11-26T10:00:00.123Z',
  actorId: 'jdoe',
  actorRole: 'SCIENTIST',
  actorName: 'Dr Jane Doe',
  action: 'REPORT_UPDATED',
  entityType: 'SignalReport',
  entityId: 'report:SDR-2024Q1',
  entityVersion: '3',
  oldValue: { title: 'Q1', tags: ['a'] },
  newValue: { title: 'Q1 – final', tags: ['a', 'b'], score: 0.5 },
  reason: 'Typo',
  category: 'CHANGE',
};

// Pinned: a change here changes the hash of every event ever written, so it must be deliberate.
const CANONICAL =
  '{"action":"REPORT_UPDATED","actorId":"jdoe","actorName":"Dr Jane Doe","actorRole":"SCIENTIST","at":"2026-11-26T10:00:00.123Z",' +
  '"category":"CHANGE","entityId":"report:SDR-2024Q1","entityType":"SignalReport","entityVersion":"3",' +
  '"newValue":{"score":0.5,"tags":["a","b"],"title":"Q1 – final"},"oldValue":{"tags":["a"],"title":"Q1"},"reason":"Typo","seq":7,"v":1}';

describe('canonical audit events', () => {
  it('is RFC 8785 over exactly the event fields and the format version', () => {
    expect(eventCanonical(EVENT)).toBe(CANONICAL);
  });

  it('hashes the canonical form, and commits its UTF-8 bytes as an RFC 9162 leaf', () => {
    expect(eventHash(EVENT)).toBe(sha256Hex(CANONICAL));
    expect(eventHash(EVENT)).toBe('2bf3995171396d50681815a5d90d061e1bf511a228119748663058c66b1fbfc8');
    expect(eventLeafHash(EVENT)).toEqual(leafHash(Buffer.from(CANONICAL, 'utf8')));
    expect(eventLeafHash(EVENT).toString('hex')).toBe('1e5e7f939ae16cb6fdc897d89e9cf2fad26c711d2de7adb55b0aee2a0e588d6c');
  });

  it('ignores properties outside the form, such as stored hashes', () => {
    expect(eventCanonical({ ...EVENT, hash: 'x', leafHash: 'y' } as AuditEventData)).toBe(CANONICAL);
  });

  it('changes with every field', () => {
    const changed: Partial<AuditEventData>[] = [
      { seq: 8 }, { at: '2026-11-26T10:00:00.124Z' }, { actorId: 'jdoe2' }, { actorRole: null }, { actorName: 'Jane Doe' },
      { action: 'REPORT_CREATED' }, { entityType: 'Run' }, { entityId: 'report:X' }, { entityVersion: null },
      { oldValue: null }, { newValue: { title: 'Q1' } }, { reason: null }, { category: 'SECURITY' },
    ];
    const hashes = new Set(changed.map((c) => eventHash({ ...EVENT, ...c })));
    expect(hashes.size).toBe(changed.length);
    expect(hashes.has(eventHash(EVENT))).toBe(false);
  });

  it('hashes the same after a round trip through stored JSON text', () => {
    const stored = { ...EVENT, oldValue: JSON.parse(JSON.stringify(EVENT.oldValue)), newValue: JSON.parse(JSON.stringify({ b: 1, a: undefined, n: -0 })) };
    expect(eventHash({ ...EVENT, newValue: { n: 0, b: 1 } })).toBe(eventHash(stored));
  });

  it.each([
    ['a negative seq', { seq: -1 }, /seq/],
    ['a fractional seq', { seq: 1.5 }, /seq/],
    ['a time without milliseconds', { at: '2026-11-26T10:00:00Z' }, /at must be/],
    ['a time with an offset', { at: '2026-11-26T10:00:00.123+01:00' }, /at must be/],
    ['an impossible date', { at: '2026-02-30T10:00:00.123Z' }, /at must be/],
    ['a missing actor id', { actorId: undefined }, /actorId must be a string/],
    ['a null action', { action: null }, /action must be a string/],
    ['a numeric version', { entityVersion: 3 }, /entityVersion must be a string or null/],
    ['an undefined reason', { reason: undefined }, /reason must be a string or null/],
    ['an undefined old value', { oldValue: undefined }, /oldValue must be a JSON value or null/],
    ['NaN in the new value', { newValue: { x: Number.NaN } }, /newValue\.x is NaN/],
  ])('refuses %s', (_what, change, message) => {
    expect(() => eventCanonical({ ...EVENT, ...change } as unknown as AuditEventData)).toThrow(message);
  });
});
