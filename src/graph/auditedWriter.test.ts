import { AuditedWriter, type Lane } from './auditedWriter';
import type { GraphExecutor, Tx } from './executor';

/** A write executor without a database: each transaction runs its work on a tx that answers nothing. */
function fakeGraph() {
  const transactions: string[] = [];
  const tx: Tx = { run: async () => [] };
  const graph = {
    write: async <T>(operation: string, work: (t: Tx) => Promise<T>) => {
      transactions.push(operation);
      await new Promise((r) => setTimeout(r, 2));
      return work(tx);
    },
  } as unknown as GraphExecutor;
  return { graph, transactions };
}

/** A lane that records the items of each call and refuses any call holding `bad`. */
function recordingLane(bad?: number, maxInFlight = 1) {
  const calls: number[][] = [];
  const lane: Lane<number, number> = {
    operation: 'test.lane',
    maxBatch: 64,
    maxInFlight,
    run: async (_tx, items) => {
      calls.push([...items]);
      if (bad !== undefined && items.includes(bad)) throw new Error(`item ${bad} is bad`);
      return items.map((i) => i * 10);
    },
  };
  return { lane, calls };
}

describe('AuditedWriter group commit', () => {
  it("runs a lane's items queued together in one call of one transaction and answers each in order", async () => {
    const { graph, transactions } = fakeGraph();
    const { lane, calls } = recordingLane();
    const writer = new AuditedWriter(graph);
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => writer.submit(lane, i)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    // The first item goes at once, alone; the rest arrive while it is in flight and share the next call.
    expect(calls).toEqual([[1], [2, 3, 4, 5]]);
    expect(transactions).toEqual(['test.lane', 'batch(test.lane)']);
  });

  it('does not hold other writes back while a lane is at its in-flight limit', async () => {
    const { graph, transactions } = fakeGraph();
    const { lane } = recordingLane();
    const writer = new AuditedWriter(graph, { maxInFlight: 4 });
    await Promise.all([writer.submit(lane, 1), writer.submit(lane, 2), writer.write('plain', async () => 'done')]);
    // Item 2 waits for item 1's transaction, the plain write does not.
    expect(transactions).toEqual(['test.lane', 'plain', 'test.lane']);
  });

  it('logs why a shared transaction failed, then retries each unit alone so only the bad one fails', async () => {
    const { graph, transactions } = fakeGraph();
    const { lane, calls } = recordingLane(3);
    const warnings: { obj: { err: Error; operation: string; units: number }; msg: string }[] = [];
    const log = { warn: (obj: never, msg: string) => warnings.push({ obj, msg }) };
    const writer = new AuditedWriter(graph, { log: log as never });
    const plain = writer.write('plain', async () => 'plain done');
    const outcomes = await Promise.allSettled([plain, ...[1, 2, 3, 4].map((i) => writer.submit(lane, i))]);

    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual(['plain done', 10, 20, 'item 3 is bad', 40]);
    // Items 2 to 4 shared a call, which failed; then every unit of that transaction ran alone.
    expect(calls).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
    expect(transactions.filter((t) => t.startsWith('batch('))).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].obj.err.message).toBe('item 3 is bad');
    expect(warnings[0].obj).toMatchObject({ operation: 'batch(test.lane)', units: 3 });
    expect(warnings[0].msg).toMatch(/retrying each of its units alone/);
  });

  it('retries a failed shared transaction of plain writes unit by unit', async () => {
    const { graph } = fakeGraph();
    const writer = new AuditedWriter(graph, { maxInFlight: 1 });
    const unit = (name: string, fails = false) => writer.write(name, async () => {
      if (fails) throw new Error(`${name} failed`);
      return name;
    });
    const outcomes = await Promise.allSettled([unit('first'), unit('a'), unit('b', true), unit('c')]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });
});
