import { summarise, type LatencySummary } from '../report';

export interface Measured {
  readonly c1: LatencySummary;
  readonly c16: LatencySummary;
  readonly rps1: number;
  readonly rps16: number;
}

/** One way of asking a question (pv-lineage over HTTP, raw Cypher, @neo4j/graphql). */
export interface Way {
  /** Calls until the code path is optimised: 500 calls or 3 s, whichever ends first. */
  warm(): Promise<void>;
  /** One call; its latency in ms. */
  one(): Promise<number>;
  /** `n` calls with `concurrency` in flight: latencies and calls per second. */
  concurrent(n: number, concurrency: number): Promise<{ samples: number[]; rps: number }>;
  close(): Promise<void>;
}

const WARMUP_CALLS = 500;
const WARMUP_MS = 3000;

/** A way whose calls run on this thread. */
export function localWay(fn: () => Promise<unknown>): Way {
  const one = async () => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  return {
    async warm() {
      const until = performance.now() + WARMUP_MS;
      for (let i = 0; i < WARMUP_CALLS && (i < 5 || performance.now() < until); i++) await fn();
    },
    one,
    async concurrent(n, concurrency) {
      const samples: number[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (next < n) {
          next++;
          samples.push(await one());
        }
      }));
      return { samples, rps: n / ((performance.now() - started) / 1000) };
    },
    async close() {},
  };
}

/**
 * Measures several ways of one question. Each is warmed first. At c=1 the ways take turns, one
 * call each, so drift on the machine (other load, garbage collection) falls on all of them alike
 * and their difference is the overhead; then each runs 2 × `requests` calls with 16 in flight.
 */
export async function measureWays(ways: readonly Way[], requests: number): Promise<Measured[]> {
  for (const w of ways) await w.warm();
  const c1: number[][] = ways.map(() => []);
  const started = performance.now();
  for (let i = 0; i < requests; i++) for (let k = 0; k < ways.length; k++) c1[k].push(await ways[k].one());
  const elapsed = (performance.now() - started) / 1000;
  const out: Measured[] = [];
  for (let k = 0; k < ways.length; k++) {
    const many = await ways[k].concurrent(requests * 2, 16);
    const spent = c1[k].reduce((a, b) => a + b, 0) / 1000;
    // Calls per second at c=1 from each way's own time (the turns of the others excluded).
    out.push({ c1: summarise(c1[k]), c16: summarise(many.samples), rps1: requests / Math.min(spent, elapsed), rps16: many.rps });
  }
  return out;
}
