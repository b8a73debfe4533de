import neo4j from 'neo4j-driver';
import { toNeoDateTime, toPlain } from './convert';

describe('boundary conversion', () => {
  it('turns safe Integers into numbers and refuses unsafe ones', () => {
    expect(toPlain(neo4j.int(42))).toBe(42);
    expect(() => toPlain(neo4j.int('9007199254740993'))).toThrow(/outside the safe JavaScript range/);
  });

  it('turns temporal values into ISO strings', () => {
    const dt = toNeoDateTime('2024-03-01T12:34:56.789Z');
    expect(toPlain(dt)).toBe('2024-03-01T12:34:56.789Z');
    expect(toPlain(new neo4j.types.Date(2024, 3, 1))).toBe('2024-03-01');
  });

  it('converts nested lists and maps, and leaves floats including NaN alone', () => {
    expect(toPlain({ a: [neo4j.int(1), { b: Number.NaN }], c: null })).toEqual({ a: [1, { b: Number.NaN }], c: null });
  });

  it('converts node and relationship properties without changing the driver value', () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Run'], { id: 'run:s:1', step: neo4j.int(3) }, 'e1');
    expect(toPlain([node])).toEqual([{ id: 'run:s:1', step: 3 }]);
    expect(neo4j.isInt(node.properties.step)).toBe(true);
  });

  it('rejects invalid date input', () => {
    expect(() => toNeoDateTime('not a date')).toThrow(/Not a valid date-time/);
  });
});
