import { fieldChanges } from './fieldChanges';

describe('fieldChanges', () => {
  it('lists the top-level fields that differ, in field-name order, as JSON text', () => {
    expect(fieldChanges({ b: 1, a: 'x', same: [1] }, { a: 'y', b: 1, c: { d: 2 }, same: [1] })).toEqual([
      { field: 'a', oldValue: 'x', newValue: 'y' },
      { field: 'c', oldValue: null, newValue: '{"d":2}' },
    ]);
  });

  it('compares plain values as one field named "value"', () => {
    expect(fieldChanges('DRAFT', 'SIGNED')).toEqual([{ field: 'value', oldValue: 'DRAFT', newValue: 'SIGNED' }]);
    expect(fieldChanges(3, 3)).toEqual([]);
    expect(fieldChanges(null, { a: 1 })).toEqual([{ field: 'a', oldValue: null, newValue: '1' }]);
  });
});
