import { pairs, ranges, utc } from './format';

describe('values on paper', () => {
  it('spells UTC times out and leaves anything else alone', () => {
    expect(utc('2024-04-30T08:15:02.123Z')).toBe('2024-04-30 08:15:02.123 UTC');
    expect(utc('yesterday')).toBe('yesterday');
    expect(utc(null)).toBe('—');
  });

  it('folds runs of numbers into ranges', () => {
    expect(ranges([12, 3, 4, 5, 9, 11, 4])).toBe('3–5, 9, 11–12');
    expect(ranges([])).toBe('');
  });

  it('lists params sorted, values cut', () => {
    expect(pairs({ b: 'x'.repeat(10), a: 1 }, 5)).toBe('a=1; b=xxxx…');
    expect(pairs({})).toBe('—');
  });
});
