import { createHash } from 'node:crypto';
import { canonicalJson } from './audit/canonical';
import { fieldChanges } from './audit/fieldChanges';
import { MAX_AUDIT_FIELDS, MAX_AUDIT_VALUE_CHARS, OMITTED_FIELDS, boundedValue, diffFieldViews, exactNumber } from './auditFieldDiff';

describe('diffFieldViews', () => {
  it('keeps only the fields that differ, a missing side as null, in name order', () => {
    const diff = diffFieldViews({ b: 1, a: 'x', same: [1, 2], gone: 'old', obj: { p: 1, q: 2 } }, { a: 'y', b: 1, same: [1, 2], added: true, obj: { q: 2, p: 1 } });
    expect(diff.fields).toEqual(['a', 'added', 'gone']);
    expect(diff.oldValue).toEqual({ a: 'x', added: null, gone: 'old' });
    expect(diff.newValue).toEqual({ a: 'y', added: true, gone: null });
  });

  it('gives the audit trail one line per changed field', () => {
    const diff = diffFieldViews({ 'params.lr': '0.1', 'tags.team': 'pv' }, { 'params.lr': '0.1', 'params.depth': '3', 'tags.team': 'safety' });
    expect(fieldChanges(diff.oldValue, diff.newValue)).toEqual([
      { field: 'params.depth', oldValue: null, newValue: '3' },
      { field: 'tags.team', oldValue: 'pv', newValue: 'safety' },
    ]);
  });

  it('tells array order apart, and null from a missing field not at all', () => {
    expect(diffFieldViews({ l: [1, 2] }, { l: [2, 1] }).fields).toEqual(['l']);
    expect(diffFieldViews({ x: null }, {}).fields).toEqual([]);
  });

  it('replaces a long value by its head, length and SHA-256, and keeps a short one whole', () => {
    const long = 'ü'.repeat(MAX_AUDIT_VALUE_CHARS + 5);
    const diff = diffFieldViews({ v: 'short' }, { v: long });
    expect(diff.oldValue.v).toBe('short');
    expect(diff.newValue.v).toEqual({ truncated: long.slice(0, MAX_AUDIT_VALUE_CHARS), chars: long.length, sha256: createHash('sha256').update(long, 'utf8').digest('hex') });
    const list = Array.from({ length: MAX_AUDIT_VALUE_CHARS }, (_, i) => i);
    expect(boundedValue(list)).toMatchObject({ truncated: JSON.stringify(list).slice(0, MAX_AUDIT_VALUE_CHARS), chars: JSON.stringify(list).length });
    expect(boundedValue('x'.repeat(MAX_AUDIT_VALUE_CHARS))).toBe('x'.repeat(MAX_AUDIT_VALUE_CHARS));
  });

  it('keeps at most MAX_AUDIT_FIELDS fields and counts the rest', () => {
    const after = Object.fromEntries(Array.from({ length: MAX_AUDIT_FIELDS + 7 }, (_, i) => [`k${String(i).padStart(4, '0')}`, i]));
    const diff = diffFieldViews({}, after);
    expect(diff.fields).toHaveLength(MAX_AUDIT_FIELDS + 7);
    expect(Object.keys(diff.oldValue)).toHaveLength(MAX_AUDIT_FIELDS);
    expect(diff.newValue[OMITTED_FIELDS]).toBe(7);
  });

  it('produces values the audit log can hash, even from a lone surrogate', () => {
    const diff = diffFieldViews({ ['k\ud800']: 'a\udc00' }, {});
    expect(() => canonicalJson(diff)).not.toThrow();
    expect(diff.oldValue).toEqual({ 'k\ufffd': 'a\ufffd' });
  });

  it('spells the numbers JSON cannot carry', () => {
    expect([NaN, Infinity, -Infinity, -0, 0, 1.5].map(exactNumber)).toEqual(['NaN', 'Infinity', '-Infinity', '-0', 0, 1.5]);
  });
});
