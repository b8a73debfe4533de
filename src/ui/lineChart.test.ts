import { linePath, niceTicks, scale } from './lineChart';

describe('line chart geometry', () => {
  it('picks round ticks covering the range', () => {
    expect(niceTicks(0, 50, 5)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(0.781, 0.949, 4)).toEqual([0.8, 0.85, 0.9]);
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceTicks(0, Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it('maps a domain onto a range, and a single value to its middle', () => {
    expect(scale(0, 10, 100, 200)(5)).toBe(150);
    expect(scale(0, 1, 200, 0)(1)).toBe(0);
    expect(scale(4, 4, 0, 100)(4)).toBe(50);
  });

  it('breaks the line where a value cannot be drawn', () => {
    const id = (v: number) => v;
    expect(linePath([{ x: 0, y: 1 }, { x: 1, y: 2 }, { x: 2, y: null }, { x: 3, y: 4 }], id, id)).toBe('M0.0 1.0L1.0 2.0M3.0 4.0');
    expect(linePath([], id, id)).toBe('');
  });
});
