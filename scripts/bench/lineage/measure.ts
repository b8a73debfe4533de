import { summarise, type LatencySummary } from '../report';

export interface Measured {
  readonly c1: LatencySummary;
  readonly c16: LatencySummary;
  readonly rps1: number;
  readonly rps16: number;
}

/** Warm-up: until V8 has optimised the request path (a few hundred calls), bounded in time. */
const WARMUP_CALLS = 500;
const WARMUP_MS = 3000;

/**
 * Warm-up calls, then `requests` calls one after another (c=1) and twice as many with 16 in
 * flight (c=16). Request counts are fixed, so a run is bounded in time. Every way is measured
 * warm: with 20 warm-up calls the server's JavaScript was still being optimised during c=1.
 */
export async function measure(fn: () => Promise<unknown>, requests: number): Promise<Measured> {
  const warmUntil = performance.now() + WARMUP_MS;
  for (let i = 0; i < WARMUP_CALLS && (i < 5 || performance.now() < warmUntil); i++) await fn();
  const run = async (concurrency: number, n: number) => {
    const samples: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) {
          next++;
          const t = performance.now();
          await fn();
          samples.push(performance.now() - t);
        }
      }),
    );
    return { s: summarise(samples), rps: n / ((performance.now() - started) / 1000) };
  };
  const one = await run(1, requests);
  const many = await run(16, requests * 2);
  return { c1: one.s, c16: many.s, rps1: one.rps, rps16: many.rps };
}
