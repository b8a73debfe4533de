import 'reflect-metadata';
import { type ChildProcess, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config';
import { createExecutor } from '../../../src/graph/driver';
import { migrate } from '../../../src/graph/migrate';
import { ensureBenchGraph, scaleArg } from '../lineage/generator';
import { httpWay } from '../lineage/httpWay';
import { RUNS_PAGE_QUERY } from '../lineage/runsPage';
import { benchToken } from '../token';
import { ms, summarise, writeSection } from '../report';

/**
 * Issue 15's graphql-jit decision (`npm run bench -- jit [--scale M]`): query (d) through two
 * copies of the real app on one graph, each in its own process (scripts/bench/jitServer.ts), one
 * with PVL_GRAPHQL_JIT=on and one with off. Each round
 * measures both: at c=1 their requests take turns one by one, at c=16 they run one after the
 * other, in the opposite order every other round, so drift on a shared machine falls on both.
 */
const ROUNDS = Number(process.env.PVL_BENCH_JIT_ROUNDS ?? 6);
const REQUESTS = Number(process.env.PVL_BENCH_JIT_REQUESTS ?? 200);
/** The gain at c=16 graphql-jit must bring to be kept. */
const KEEP_GAIN = 0.15;
const log = (m: string) => console.log(`[jit] ${m}`);

interface Round {
  readonly p50: { on: number; off: number };
  readonly rps16: { on: number; off: number };
}

const median = (xs: readonly number[]) => summarise(xs).p50;

/** Starts one app process with the given PVL_GRAPHQL_JIT; resolves with it and its base URL. */
function startServer(jit: 'on' | 'off'): Promise<{ child: ChildProcess; base: string }> {
  const child = fork(join(__dirname, '..', 'jitServer.js'), [], { env: { ...process.env, PVL_GRAPHQL_JIT: jit }, execArgv: [] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { base: string }) => resolve({ child, base: m.base }));
    child.once('exit', (code) => reject(new Error(`the ${jit} server exited (${code})`)));
  });
}

async function main(): Promise<void> {
  const scale = scaleArg();
  const loadBefore = loadavg()[0];
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const graph = createExecutor(config.neo4j);
  await migrate(graph);
  await ensureBenchGraph(graph, scale, log);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${await benchToken(graph, config)}` };
  await graph.close();
  const apps = { on: await startServer('on'), off: await startServer('off') };
  const ways = {
    on: httpWay(`${apps.on.base}/graphql`, { query: RUNS_PAGE_QUERY, variables: {} }, headers),
    off: httpWay(`${apps.off.base}/graphql`, { query: RUNS_PAGE_QUERY, variables: {} }, headers),
  };
  await ways.on.warm();
  await ways.off.warm();

  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const);
    const c1 = { on: [] as number[], off: [] as number[] };
    for (let i = 0; i < REQUESTS; i++) for (const k of order) c1[k].push(await ways[k].one());
    const rps16 = { on: 0, off: 0 };
    for (const k of order) rps16[k] = (await ways[k].concurrent(REQUESTS * 2, 16)).rps;
    const round = { p50: { on: median(c1.on), off: median(c1.off) }, rps16 };
    log(`round ${r + 1}: p50 on ${ms(round.p50.on)} off ${ms(round.p50.off)}; c=16 on ${rps16.on.toFixed(0)} off ${rps16.off.toFixed(0)} req/s`);
    rounds.push(round);
  }
  for (const w of Object.values(ways)) await w.close();
  for (const a of Object.values(apps)) a.child.disconnect();

  const med = {
    p50on: median(rounds.map((r) => r.p50.on)),
    p50off: median(rounds.map((r) => r.p50.off)),
    rpsOn: median(rounds.map((r) => r.rps16.on)),
    rpsOff: median(rounds.map((r) => r.rps16.off)),
    gain: median(rounds.map((r) => r.rps16.on / r.rps16.off - 1)),
  };
  const pct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} %`;
  const verdict = med.gain >= KEEP_GAIN ? 'keep graphql-jit' : 'drop graphql-jit';
  const rows = rounds.map((r, i) => `| ${i + 1} | ${ms(r.p50.on)} | ${ms(r.p50.off)} | ${r.rps16.on.toFixed(0)} | ${r.rps16.off.toFixed(0)} | ${pct(r.rps16.on / r.rps16.off - 1)} |`);
  writeSection(
    `jit-${scale}`,
    `graphql-jit or graphql-js: query (d) on the ${scale} graph (issue 15)`,
    `Query (d), \`runs(first: 100)\` with all relations (scripts/bench/lineage/runsPage.ts), through two copies of the real app on one graph, each in a process of its own (scripts/bench/jitServer.ts: its own heap, its own optimised code), \`PVL_GRAPHQL_JIT=on\` and \`off\` (NODE_ENV=production), over loopback HTTP from a worker thread each of the harness, both warmed up first (500 requests or 3 s). ${ROUNDS} rounds; in each, c=1 sends ${REQUESTS} requests to each app taking turns request by request (p50 per app), then c=16 sends ${REQUESTS * 2} requests with 16 in flight to one app and then the other, the order swapped every other round. The 1-minute load average was ${loadBefore.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end: the machine is shared with other engineers' test runs, so single figures wander and only the pairs are compared.

| round | p50 c=1, jit on | p50 c=1, jit off | req/s c=16, jit on | req/s c=16, jit off | c=16 gain |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
| **median** | **${ms(med.p50on)}** | **${ms(med.p50off)}** | **${med.rpsOn.toFixed(0)}** | **${med.rpsOff.toFixed(0)}** | **${pct(med.gain)}** |

Median gain of graphql-jit at c=16 over the rounds: ${pct(med.gain)} (rule: keep it only at ≥ +${KEEP_GAIN * 100} %) → ${verdict}.`,
  );
  console.log(`jit: p50 on ${ms(med.p50on)} off ${ms(med.p50off)}; c=16 on ${med.rpsOn.toFixed(0)} off ${med.rpsOff.toFixed(0)} req/s; gain ${pct(med.gain)} → ${verdict}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
