import { GroupCommit } from './groupCommit';

describe('GroupCommit', () => {
  it('writes concurrent submissions in batches and answers each in order', async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number, number>(async (items) => {
      batches.push([...items]);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((i) => i * 10);
    }, 64, 1);
    const inputs = Array.from({ length: 20 }, (_, i) => i);
    const results = await Promise.all(inputs.map((i) => gc.submit(i)));
    expect(results).toEqual(inputs.map((i) => i * 10));
    expect(batches.flat()).toEqual(inputs);
    // The first call goes alone; the rest arrived while it was in flight and share the next batch.
    expect(batches.length).toBe(2);
  });

  it('retries a failed batch item by item, so one bad item fails alone', async () => {
    const gc = new GroupCommit<number, number>(async (items) => {
      if (items.includes(3)) throw new Error('bad item 3');
      return items.map((i) => i);
    }, 64, 1);
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((i) => gc.submit(i)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });
});
