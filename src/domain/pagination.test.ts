import { decodeCursor, encodeCursor, toConnection, toPageRequest } from './pagination';

describe('pagination', () => {
  it('round-trips cursors', () => {
    for (const n of [0, 1, 499, 123456]) expect(decodeCursor(encodeCursor(n))).toBe(n);
  });

  it.each(['', 'abc', 'cHZsMTotMQ', Buffer.from('pvl1:01').toString('base64url'), Buffer.from('pvl1:1e3').toString('base64url'), 'x'.repeat(100), 'a+b/c=='])(
    'rejects the forged cursor %j',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(/not a cursor this API issued/);
    },
  );

  it('validates first', () => {
    expect(toPageRequest({}, 500)).toEqual({ offset: 0, limit: 50 });
    expect(toPageRequest({ first: 500, after: encodeCursor(9) }, 500)).toEqual({ offset: 10, limit: 500 });
    expect(() => toPageRequest({ first: -1 }, 500)).toThrow(/"first" must be an integer from 0 to 500, got -1/);
    expect(() => toPageRequest({ first: 501 }, 500)).toThrow(/got 501/);
  });

  it('builds Relay page info', () => {
    const c = toConnection({ items: ['a', 'b'], totalCount: 5, offset: 2 });
    expect(c.edges.map((e) => decodeCursor(e.cursor))).toEqual([2, 3]);
    expect(c.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const last = toConnection({ items: ['e'], totalCount: 5, offset: 4 });
    expect(last.pageInfo.hasNextPage).toBe(false);
    const empty = toConnection({ items: [], totalCount: 0, offset: 0 });
    expect(empty.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });
});
