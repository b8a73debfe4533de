import 'reflect-metadata';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Kind, type OperationDefinitionNode, parse, validate } from 'graphql';
import { checkQueryLimits } from '../../../src/http/hardening/queryLimits';
import { buildSchema } from '../../../src/schema/buildSchema';
import { freshBenchGraph, runClientWorker, startBenchApp } from '../benchApp';
import type { LimitsClientJob } from '../queryLimitsClients';
import { type LatencySummary, ms, summarise, writeSection } from '../report';
import { benchToken } from '../token';

/**
 * The fragment ladder (`G0 { id }`, then each `Gi { ...G(i-1) ...G(i-1) }`), which written out
 * selects 2^levels fields: how long the server takes to refuse it, and how long /healthz waits
 * meanwhile. Each request is new text, so it is parsed, validated and measured every time.
 * Clients run in worker threads, outside the server's thread.
 */
const LEVELS = 30;
const DURATION_MS = Number(process.env.PVL_BENCH_LIMITS_MS ?? 10_000);
const CLIENTS = join(__dirname, '..', 'queryLimitsClients.js');

function ladder(type: string, leaf: string): string {
  const fragments = [`fragment G0 on ${type} { ${leaf} }`];
  for (let i = 1; i <= LEVELS; i++) fragments.push(`fragment G${i} on ${type} { ...G${i - 1} ...G${i - 1} }`);
  return fragments.join('\n');
}

const IN_PROCESS = 300;

/** Medians of parsing, validating and measuring one query in this thread, without HTTP. */
function inProcess(query: string, limits: Parameters<typeof checkQueryLimits>[4], defaultDepth: number): { parse: number; validate: number; limits: number } {
  const schema = buildSchema();
  const times = { parse: [] as number[], validate: [] as number[], limits: [] as number[] };
  for (let i = 0; i < IN_PROCESS; i++) {
    let t = performance.now();
    const doc = parse(query);
    times.parse.push(performance.now() - t);
    t = performance.now();
    if (validate(schema, doc).length > 0) throw new Error('the ladder does not validate');
    times.validate.push(performance.now() - t);
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    t = performance.now();
    try {
      checkQueryLimits(schema, doc, op, {}, limits, defaultDepth);
      throw new Error('the ladder passed the limits');
    } catch (err) {
      if ((err as { extensions?: { code?: string } }).extensions?.code !== 'QUERY_TOO_COMPLEX') throw err;
    }
    times.limits.push(performance.now() - t);
  }
  return { parse: summarise(times.parse).p50, validate: summarise(times.validate).p50, limits: summarise(times.limits).p50 };
}

const run = (job: LimitsClientJob) => runClientWorker(CLIENTS, job, () => undefined);
const row = (label: string, s: LatencySummary, max: number) => `| ${label} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(max)} |`;

async function main(): Promise<void> {
  const { graph, root, config } = await freshBenchGraph();
  const app = await startBenchApp(root);
  const token = await benchToken(root);
  const cases = [
    { label: `\`{ me { ...G${LEVELS} } }\` with a token`, query: `{ me { ...G${LEVELS} } }\n${ladder('Me', 'id')}`, token },
    { label: `\`mutation { login(…) { ...G${LEVELS} } }\` without a token`, query: `mutation { login(userId: "nobody", password: "not-a-password") { ...G${LEVELS} } }\n${ladder('LoginResult', 'token')}`, token: null },
  ];
  const idle = await run({ mode: 'healthz', base: app.base, durationMs: DURATION_MS / 2 });
  const rows = [row('`/healthz`, idle', summarise(idle), Math.max(...idle))];
  for (const c of cases) {
    const [requests, health] = await Promise.all([
      run({ mode: 'query', base: app.base, durationMs: DURATION_MS, query: c.query, token: c.token, expectCode: 'QUERY_TOO_COMPLEX' }),
      run({ mode: 'healthz', base: app.base, durationMs: DURATION_MS }),
    ]);
    rows.push(row(`${c.label} → 400 \`QUERY_TOO_COMPLEX\``, summarise(requests), Math.max(...requests)));
    rows.push(row('`/healthz` meanwhile', summarise(health), Math.max(...health)));
  }
  const steps = inProcess(cases[0].query, config.security.limits, config.maxLineageDepth);
  await app.apollo.stop();
  await graph.close();
  const load = loadavg()[0].toFixed(2);
  writeSection(
    'queryLimits',
    `Query limits under the fragment ladder (${LEVELS} levels)`,
    `The fragment ladder \`G0 { id }\`, \`Gi { ...G(i-1) ...G(i-1) }\` for i up to ${LEVELS} (2^${LEVELS} fields written out, about ${Buffer.byteLength(cases[0].query)} bytes), sent back to back by one client for ${DURATION_MS / 1000} s per row, each request with a different trailing comment so that it is parsed, validated and measured anew; meanwhile a second client polls \`/healthz\` every 5 ms. Clients run in worker threads; HTTP on loopback; \`NODE_ENV=production\`.

| request | n | p50 | p95 | p99 | max |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

The same request's server-side steps, in process (median of ${IN_PROCESS}): parsing ${ms(steps.parse)}, validation ${ms(steps.validate)}, the depth/alias/cost limits ${ms(steps.limits)}; the rest of the HTTP figures is queueing on the shared cores.

1-minute load average at the end: ${load} (other work shares these cores). Targets: each ladder request under 50 ms, \`/healthz\` under 20 ms while it runs.`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
