import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import type { NextFunction, Request, Response } from 'express';
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { Role } from '../../../src/domain/role';
import { compose } from '../../../src/composition/root';
import type { GraphExecutor } from '../../../src/graph/executor';
import { migrate } from '../../../src/graph/migrate';
import { createApp } from '../../../src/http/app';
import { createAuthenticator } from '../../../src/http/auth/authenticate';
import { rateLimit } from '../../../src/http/hardening/rateLimit';
import { authChecker } from '../../../src/schema/authChecker';
import { AUTH } from '../../../src/schema/authRules';
import type { GraphQLContext } from '../../../src/schema/context';
import { buildScenario } from '../scenario/pvScenario';
import { seedScenario } from '../scenario/seedScenario';
import { closeAgent, postJson } from '../lineage/http';
import { ms, summarise, writeSection } from '../report';

/**
 * What authentication and authorization add per request, on the lineage benchmark's
 * query (d), `runs(first: 100)` with all relations, over the demo scenario.
 *
 * End to end, requests alternate between a VIEWER API token (cached, as in steady state) and an
 * app with the demo's anonymous read mode and no token, so drift hits both equally. The
 * difference of two end-to-end medians, each far larger than it, is noisy, so the auth code
 * path is also timed in process: the bearer middleware with a cached token, the rate limiter
 * and the auth checker.
 */
const QUERY = `{ runs(first: 100) { totalCount edges { node {
  id name status params metrics { key value special } experiment { id name }
  inputs { context dataset { id name digest period } } modelVersions { id version stage } reports { id title } } } } }`;
const WARMUP = 50;
const REQUESTS = Number(process.env.PVL_BENCH_AUTH_REQUESTS ?? 600);
const MICRO = 200_000;

async function serve(graph: GraphExecutor, env: Record<string, string>) {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', PVL_RATE_LIMIT_PER_MINUTE: '1000000', ...env });
  const server = createServer();
  const app = await createApp({ root: compose(config, { graph }), log: pino({ level: 'silent' }), isStarted: () => true }, server);
  server.on('request', app.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { ...app, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const t = performance.now();
  const res = await postJson(url, { query: QUERY }, { 'content-type': 'application/json', ...headers });
  if (res.status !== 200 || (res.body as { errors?: unknown }).errors) throw new Error(`query (d) failed: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return performance.now() - t;
}

/** Mean microseconds of `fn` over many calls. */
async function micro(fn: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < 10_000; i++) await fn();
  const t = performance.now();
  for (let i = 0; i < MICRO; i++) await fn();
  return ((performance.now() - t) * 1000) / MICRO;
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const root = compose(config);
  const { graph } = root;
  await migrate(graph);
  await graph.autoCommit('bench.reset', 'MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  await seedScenario(root, buildScenario());
  const withAuth = await serve(graph, {});
  // Anonymous reads are a development-only mode (refused under NODE_ENV=production), so this
  // one server's configuration is read as development; both run the same production code paths.
  const anonymous = await serve(graph, { PVL_ANONYMOUS_READ: 'true', NODE_ENV: 'development' });
  await root.repos.identity.createAccount({ id: 'bench.viewer', displayName: 'Bench viewer', kind: 'USER', roles: [Role.VIEWER], passwordHash: null }, { type: 'USER_CREATED', subject: 'bench.viewer', actor: 'bench', address: null, detail: {} }, new Date());
  const token = (await withAuth.identity.issueApiToken({ id: 'bench', address: null }, 'bench.viewer', 1, 'bench')).secret;
  const bearer = { authorization: `Bearer ${token}` };

  for (let i = 0; i < WARMUP; i++) {
    await timed(withAuth.url, bearer);
    await timed(anonymous.url, {});
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    if (i % 2 === 0) {
      a.push(await timed(withAuth.url, bearer));
      b.push(await timed(anonymous.url, {}));
    } else {
      b.push(await timed(anonymous.url, {}));
      a.push(await timed(withAuth.url, bearer));
    }
  }
  const sa = summarise(a);
  const sb = summarise(b);

  // In-process: the same functions the request path calls, with a warm token cache.
  const { middleware } = createAuthenticator({ identity: root.identity, oidc: null, cacheTtlMs: 60_000, anonymousRead: false });
  const req = { headers: { authorization: `Bearer ${token}` }, ip: '127.0.0.1' } as unknown as Request;
  const res = { locals: {} as Record<string, unknown>, status: () => res, setHeader: () => res, json: () => res } as unknown as Response;
  const run = (mw: (q: Request, s: Response, n: NextFunction) => unknown) => new Promise<void>((resolve) => void mw(req, res, () => resolve()));
  await run(middleware);
  const authUs = await micro(() => run(middleware));
  const limiter = rateLimit(1_000_000_000, () => res.locals.principal as never);
  const rateUs = await micro(() => run(limiter));
  const ctx = { principal: res.locals.principal } as unknown as GraphQLContext;
  const info = { parentType: { name: 'Query' }, fieldName: 'runs' } as never;
  const checkUs = await micro(() => authChecker({ context: ctx, info, root: {}, args: {} }, [...AUTH.readLineage]));
  const totalUs = authUs + rateUs + checkUs;

  await withAuth.apollo.stop();
  await anonymous.apollo.stop();
  closeAgent();
  await graph.close();
  const delta = sa.p50 - sb.p50;
  // Paired: each with-token request against its neighbour without, so load changes cancel out.
  const paired = summarise(a.map((v, i) => v - b[i]).map((d) => d + 1e6)).p50 - 1e6;
  const load = loadavg()[0].toFixed(2);
  writeSection(
    'auth',
    'Authentication and authorization overhead',
    `Query (d) of the lineage benchmark, \`runs(first: 100)\` with all relations, on the demo scenario; HTTP on loopback, one client, ${REQUESTS} requests per side after ${WARMUP} warm-up requests each, the two sides interleaved.

| request | p50 | p95 | p99 | mean |
| --- | --- | --- | --- | --- |
| VIEWER API token (auth + authz, token cached) | ${ms(sa.p50)} | ${ms(sa.p95)} | ${ms(sa.p99)} | ${ms(sa.mean)} |
| no token, demo anonymous read mode | ${ms(sb.p50)} | ${ms(sb.p95)} | ${ms(sb.p99)} | ${ms(sb.mean)} |
| difference of the p50s | ${ms(delta)} | | | |
| median of paired differences | ${paired.toFixed(3)} ms | | | |

1-minute load average at the end: ${load} (other work shares these 2 cores, so the end-to-end figures are noisy). The auth path itself, timed in process (mean of ${MICRO.toLocaleString('en')} calls, warm cache):

| step | per request |
| --- | --- |
| bearer parsing + token cache lookup (SHA-256 of the token) | ${authUs.toFixed(2)} µs |
| per-token rate limit | ${rateUs.toFixed(2)} µs |
| auth checker (one root field with a rule) | ${checkUs.toFixed(2)} µs |
| **total** | **${(totalUs / 1000).toFixed(4)} ms** |

Target: under 0.5 ms at p50 — ${totalUs / 1000 < 0.5 && paired < 0.5 ? 'met' : 'NOT met'} (in-process ${(totalUs / 1000).toFixed(4)} ms; median paired end-to-end difference ${paired.toFixed(3)} ms). A cache miss costs one Neo4j read (\`identity.tokenByHash\`), at most once per token per \`PVL_TOKEN_CACHE_TTL_MS\`.`,
  );
  console.log(`auth: p50 with ${ms(sa.p50)}, without ${ms(sb.p50)}, paired ${paired.toFixed(3)} ms, in-process ${(totalUs / 1000).toFixed(4)} ms, load ${load}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
