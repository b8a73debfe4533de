import 'reflect-metadata';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { LINEAGE_NODE_TYPES, lineageRequest, LineageDirection } from '../../../src/domain/lineage';
import { NodeType } from '../../../src/domain/nodeType';
import { ALL_RELATIONS } from '../../../src/domain/relation';
import { toNeoInt } from '../../../src/graph/convert';
import { compose } from '../../../src/composition/root';
import type { GraphExecutor } from '../../../src/graph/executor';
import { migrate } from '../../../src/graph/migrate';
import { backfillSearchTexts } from '../../../src/services/migrations/searchTexts';
import { lineageCypher, pathsCypher, runsFeedingReportsCypher } from '../../../src/graph/repositories/lineageRepository';
import { RunPageShape, RunRepository, runsPageCypher } from '../../../src/graph/repositories/runRepository';
import { toRunListQuery } from '../../../src/services/runService';
import { RunRelation } from '../../../src/domain/run';
import { labelOf } from '../../../src/domain/nodeType';
import { keysQuery, luceneQuery } from '../../../src/domain/search';
import { fragmentPatterns, wordStarts } from '../../../src/domain/searchText';
import { SearchRepository } from '../../../src/graph/repositories/searchRepository';
import { KEYED_PREFIXES, SEARCH_CAP } from '../../../src/services/lineage/searchService';
import { createApp } from '../../../src/http/app';
import { ensureBenchGraph, ids, scaleArg } from '../lineage/generator';
import { RUNS_PAGE_QUERY } from '../lineage/runsPage';
import { httpWay } from '../lineage/httpWay';
import { localWay, measureWays, type Measured } from '../lineage/measure';
import { benchToken } from '../token';
import { NEO4J_GRAPHQL_QUERIES, startNeo4jGraphql } from '../lineage/neo4jGraphql';
import { ms, writeSection } from '../report';

/**
 * The lineage benchmark: each query through pv-lineage's GraphQL over loopback HTTP and as
 * the same Cypher straight through the driver (the floor), at concurrency 1 and 16, on a
 * synthetic graph of the chosen scale (`npm run bench -- lineage --scale M`). Request counts are
 * fixed, so a run is bounded in time.
 */
const log = (m: string) => console.log(`[lineage] ${m}`);

interface Case {
  readonly key: string;
  readonly title: string;
  readonly gql: { query: string; variables: Record<string, unknown> };
  readonly raw: (graph: GraphExecutor) => Promise<unknown>;
  readonly requests: number;
}

const LINEAGE_Q = `query($id: ID!, $depth: Int, $direction: LineageDirection) { lineage(id: $id, depth: $depth, direction: $direction, limit: 10000) {
  nodes { id type displayName depth summary } edges { from to type } truncated stats { deepestLevel } } }`;
const IMPACT_Q = `query($id: ID!) { impact(id: $id, limit: 5000) { nodes { id type displayName depth summary } edges { from to type } truncated stats { nodesByType { type count } } } }`;
const PATH_Q = `query($from: ID!, $to: ID!) { lineagePath(from: $from, to: $to, maxDepth: 8) { nodes { id type displayName } edges { from to type } } }`;
const SEARCH_FILTER = "metrics.AUC_test > 0.85 and params.max_depth = '6' and attributes.status = 'FINISHED'";
const SEARCH_ORDER = ['metrics.AUC_test DESC'];
const SEARCH_Q = `query($f: String, $o: [String!]) { runs(filter: { search: $f }, orderBy: { search: $o }, first: 100) {
  totalCount edges { node { id runId name status metrics { key value } } } } }`;
const FEEDING_Q = `query($e: ID!) { runsFeedingReports(filter: { experimentId: $e }, first: 100) { totalCount edges { node { run { id name } report { id title } pathLength } } } }`;
function cases(reportId: string, hubId: string, pathFrom: string, pathTo: string, experimentId: string): Case[] {
  const lin = (depth: number) => {
    const req = lineageRequest({ direction: LineageDirection.UPSTREAM, depth, limit: 10_000 }, 20);
    const cypher = lineageCypher(NodeType.REPORT, req);
    return (g: GraphExecutor) => g.query('bench.raw', cypher, { id: reportId, limit: toNeoInt(10_000), fetch: toNeoInt(10_001), asOf: null });
  };
  const impactReq = lineageRequest({ direction: LineageDirection.DOWNSTREAM, depth: 20, limit: 5000 }, 20);
  const impactCypher = lineageCypher(NodeType.DATASET, impactReq);
  const pathCypher = pathsCypher(NodeType.DATASET, NodeType.REPORT, 8, ALL_RELATIONS);
  const feedingCypher = runsFeedingReportsCypher(false, 20);
  return [
    { key: 'a5', title: '(a) upstream lineage of a report, depth 5', gql: { query: LINEAGE_Q, variables: { id: reportId, depth: 5 } }, raw: lin(5), requests: 1000 },
    { key: 'a20', title: '(a) upstream lineage of a report, depth 20', gql: { query: LINEAGE_Q, variables: { id: reportId, depth: 20 } }, raw: lin(20), requests: 1000 },
    {
      key: 'b', title: '(b) impact of a hub dataset, capped at 5,000 nodes', gql: { query: IMPACT_Q, variables: { id: hubId } },
      raw: (g) => g.query('bench.raw', impactCypher, { id: hubId, limit: toNeoInt(5000), fetch: toNeoInt(5001), asOf: null }), requests: 40,
    },
    {
      key: 'c', title: '(c) runsFeedingReports for one experiment (first 100 rows)', gql: { query: FEEDING_Q, variables: { e: experimentId } },
      raw: (g) => g.query('bench.raw', feedingCypher, { experimentId, reportId: null, offset: toNeoInt(0), limit: toNeoInt(100) }), requests: 20,
    },
    { key: 'd', title: '(d) runs(first: 100) with all relations', gql: { query: RUNS_PAGE_QUERY, variables: {} }, raw: rawRunsPage, requests: 100 },
    {
      key: 'f', title: '(f) runs(filter: { search }) with an MLflow filter string and order-by over every run (first 100)',
      gql: { query: SEARCH_Q, variables: { f: SEARCH_FILTER, o: SEARCH_ORDER } }, raw: rawSearchPage, requests: 100,
    },
    ...TEXT_SEARCHES.map(([key, what, text]): Case => ({
      key, title: `(${key}) search(text: "${text}") ${what} (first 20)`,
      gql: { query: TEXT_SEARCH_Q, variables: { t: text } }, raw: rawTextSearch(text), requests: 500,
    })),
    {
      key: 'e', title: '(e) lineagePath between a dataset and a report', gql: { query: PATH_Q, variables: { from: pathFrom, to: pathTo } },
      raw: (g) => g.query('bench.raw', pathCypher, { from: pathFrom, to: pathTo, limit: toNeoInt(100) }), requests: 1000,
    },
  ];
}

const TEXT_SEARCH_Q = `query($t: String!) { search(text: $t, first: 20) { id type displayName summary match source } }`;
/** What people type on the L graph: a word every run has, a fragment inside dataset names, a run id prefix, an exact name. */
const TEXT_SEARCHES: [key: string, what: string, text: string][] = [
  ['g1', 'a word every run has', 'run'],
  ['g2', 'a fragment inside dataset names', 'xtract-00'],
  ['g3', 'a run id prefix', '0000000000000000000000000004242'],
  ['g4', 'an exact run name', 'run-00000000000000000000000000054321'],
];
/** The floor for (g): the repository's statement with the service's queries (words, keys and fragments). */
function rawTextSearch(text: string): (g: GraphExecutor) => Promise<unknown> {
  const labels = LINEAGE_NODE_TYPES.map(labelOf);
  return (g) =>
    new SearchRepository(g).search({
      lucene: luceneQuery(text, { fragments: false }),
      keys: keysQuery(text, KEYED_PREFIXES),
      labels,
      allLabels: labels,
      storeKeys: null,
      statuses: null,
      fetch: 200,
      cap: SEARCH_CAP,
      size: 20,
      wordStarts: wordStarts(text),
      fragments: fragmentPatterns(text),
    });
}

/** The floor for (d): the statement the API runs for this page (page, total and every relation at once). */
const RUNS_PAGE_CYPHER = runsPageCypher(RunPageShape.NEWEST_FIRST, new Set(Object.values(RunRelation)));
function rawRunsPage(g: GraphExecutor): Promise<unknown> {
  return g.query('bench.raw', RUNS_PAGE_CYPHER, { includeDeleted: false, offset: toNeoInt(0), end: toNeoInt(100) });
}

/** The floor for (f): the repository's statement for the same filter string and order, through the driver. */
const SEARCH_QUERY = toRunListQuery({ search: SEARCH_FILTER }, { search: SEARCH_ORDER });
function rawSearchPage(g: GraphExecutor): Promise<unknown> {
  return new RunRepository(g).list(SEARCH_QUERY, { offset: 0, limit: 100 });
}

/** `--only d,e`: measure just these queries and print them, leaving docs/benchmarks.md alone. */
function onlyArg(): Set<string> | null {
  const i = process.argv.indexOf('--only');
  const v = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  return v ? new Set(v.split(',')) : null;
}

/** A latency difference with its sign: +1.20 ms, −0.40 ms. */
const signed = (d: number) => `${d < 0 ? '−' : '+'}${ms(Math.abs(d))}`;

async function main(): Promise<void> {
  const scale = scaleArg();
  const loadBefore = loadavg()[0];
  // No rate limit (the harness is one client sending thousands of requests), and a cost ceiling
  // above what the hardening estimate gives a 10,000-node lineage request (it multiplies limit by depth).
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', PVL_RATE_LIMIT_PER_MINUTE: '1000000', PVL_MAX_QUERY_COST: '10000000' });
  const root = compose({ ...config, neo4j: { ...config.neo4j, maxPoolSize: 64 } });
  const { graph } = root;
  await migrate(graph);
  const size = await ensureBenchGraph(graph, scale, log);
  // The generator writes nodes directly; their fragment texts come as an older graph's would.
  const t0 = performance.now();
  const texts = await backfillSearchTexts({ dataMigrations: root.repos.dataMigrations, writer: root.writer });
  if (texts > 0) log(`wrote ${texts} fragment texts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // Generating leaves its batches behind as garbage; collect it before measuring (bench.mjs runs suites with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const [counts] = await graph.query('bench.count', 'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels');

  // The report fed by the most runs, a hub dataset, and a dataset–report pair that are connected.
  const [pick] = await graph.query('bench.pick', `MATCH (rep:Report) WITH rep ORDER BY COUNT { (rep)<-[:FEEDS]-() } DESC, rep.id LIMIT 1
    MATCH (d:Dataset)-[:INPUT_TO]->(:Run)-[:FEEDS]->(rep) WHERE NOT d.id IN $hubs
    RETURN rep.id AS report, d.id AS dataset ORDER BY d.id LIMIT 1`, { hubs: [ids.dataset(0), ids.dataset(1), ids.dataset(2)] });
  const reportId = String(pick.report);
  const only = onlyArg();
  const list = cases(reportId, ids.dataset(0), String(pick.dataset), reportId, ids.experiment(1)).filter((c) => only === null || only.has(c.key));
  const alt = await startNeo4jGraphql(config.neo4j.uri, config.neo4j.user, config.neo4j.password);

  const server = createServer();
  const { app, apollo } = await createApp({ root, log: pino({ level: 'silent' }), isStarted: () => true }, server);
  server.on('request', app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${await benchToken(root)}` };

  const rows: string[] = [];
  const verdicts: string[] = [];
  const line = (title: string, way: string, m: Measured, last: string) =>
    `| ${title} | ${way} | ${ms(m.c1.p50)} | ${ms(m.c1.p95)} | ${ms(m.c1.p99)} | ${m.rps1.toFixed(0)} | ${ms(m.c16.p50)} | ${ms(m.c16.p99)} | ${m.rps16.toFixed(0)} | ${last} |`;
  // Fewer requests on L, where one hub impact costs about a second, so a run stays bounded.
  const share = scale === 'L' ? 0.2 : 1;
  // The server warms up on every query before any is measured, so the first case measured is
  // not also the one that pays for optimising the shared request path.
  for (const c of list) {
    const way = httpWay(url, c.gql, headers);
    await way.warm();
    await way.close();
  }
  for (const listed of list) {
    const c = { ...listed, requests: Math.max(5, Math.round(listed.requests * share)) };
    const altQ = NEO4J_GRAPHQL_QUERIES[c.key];
    const vars = { ...c.gql.variables, experimentId: ids.experiment(1) };
    const ways = [httpWay(url, c.gql, headers), localWay(() => c.raw(graph))];
    if (altQ) ways.push(httpWay(alt.url, { query: altQ.query, variables: altQ.variables(vars) }, { 'content-type': 'application/json' }));
    log(`${c.title}: pv-lineage GraphQL, raw Cypher${altQ ? ', @neo4j/graphql' : ''}`);
    let measured: Measured[];
    try {
      measured = await measureWays(ways, c.requests);
    } catch (err) {
      // A query that fails at this scale (e.g. TIMEOUT) is a result too: record it and go on.
      const why = String((err as Error).message).slice(0, 160).replace(/\|/g, '/');
      log(`${c.title}: failed: ${why}`);
      rows.push(`| ${c.title} | pv-lineage GraphQL / raw | failed: ${why} | | | | | | | |`);
      verdicts.push(`${c.key}: failed at this scale (${why})`);
      continue;
    } finally {
      for (const w of ways) await w.close().catch(() => undefined);
    }
    const [g, r, a] = measured;
    const ratio = g.c1.p50 / r.c1.p50;
    rows.push(line(c.title, 'pv-lineage GraphQL', g, `${ratio.toFixed(2)}× / ${signed(g.c1.p50 - r.c1.p50)}`), line('', 'raw Cypher (floor)', r, '1×'));
    let altLine = `| | @neo4j/graphql | — | — | — | — | — | — | — | cannot express it without hand-written \`@cypher\` |`;
    if (altQ && a) {
      altLine = line('', `@neo4j/graphql (${altQ.note})`, a, `${(a.c1.p50 / r.c1.p50).toFixed(2)}×`);
      if (c.key === 'd') verdicts.push(`(d) throughput at c=16: pv-lineage ${g.rps16.toFixed(0)} req/s vs @neo4j/graphql ${a.rps16.toFixed(0)} req/s = ${(g.rps16 / a.rps16).toFixed(2)}× (target ≥ 2×); the raw floor, with no GraphQL layer at all, reaches ${r.rps16.toFixed(0)} req/s = ${(r.rps16 / a.rps16).toFixed(2)}×`);
    }
    rows.push(altLine);
    console.log(`${c.key}: gql p50 ${ms(g.c1.p50)} p99 ${ms(g.c1.p99)}; raw p50 ${ms(r.c1.p50)}; ratio ${ratio.toFixed(2)}; c16 ${g.rps16.toFixed(0)} req/s`);
    if (c.key === 'a20') verdicts.push(`(a) depth 20: p50 ${ms(g.c1.p50)} (target ≤ 30 ms), p99 ${ms(g.c1.p99)} (target ≤ 150 ms)`);
    if (c.key === 'f') verdicts.push(`(f) MLflow filter string over ${size.runs} runs: p50 ${ms(g.c1.p50)}, p99 ${ms(g.c1.p99)} (raw p50 ${ms(r.c1.p50)})`);
    if (c.key.startsWith('g')) verdicts.push(`(${c.key}) text search: p50 ${ms(g.c1.p50)}, p99 ${ms(g.c1.p99)} (target p99 ≤ 50 ms)`);
    if (c.key === 'b') verdicts.push(`(b) impact: p99 ${ms(g.c1.p99)} (target ≤ 500 ms)`);
    if (['a5', 'a20', 'c', 'd'].includes(c.key)) {
      verdicts.push(`${c.key} overhead: raw p50 ${ms(r.c1.p50)}, GraphQL/raw ${ratio.toFixed(2)} (target ≤ 1.5 when raw ≥ 3 ms), ${signed(g.c1.p50 - r.c1.p50)} (target ≤ 2 ms otherwise)`);
    }
  }
  await alt.close();
  await apollo.stop();
  await graph.close();
  if (only !== null) {
    console.log([...rows, ...verdicts].join('\n'));
    return;
  }

  writeSection(
    `lineage-${scale}`,
    `Lineage queries on the ${scale} graph`,
    `1-minute load average ${loadBefore.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end on this 2-core machine (other processes share it; figures taken under load are pessimistic). Synthetic graph (scripts/bench/lineage/generator.ts): ${counts.nodes} nodes, ${counts.rels} relationships — ${size.runs} runs, ${size.reports} reports, ${size.datasets} datasets (3 hubs, each read by half the runs), ${size.versions} chained model versions, ${size.signals} signals. Neo4j 5.26 Community on the same machine (bench profile). GraphQL is the real app (NODE_ENV=production, as the Dockerfile runs it) over HTTP on loopback, served from the harness process; its HTTP clients, and @neo4j/graphql's, run in a worker thread, as real clients are not inside the server; raw is the same Cypher through the driver from the harness's main thread. The server is first warmed up on every query, then each way again before its case (500 requests or 3 s, whichever ends first); c=1 then runs N requests of each way one after another, the ways taking turns request by request so drift on the machine falls on all alike (N = 1000 for (a) and (e), 40 for (b), 20 for (c), 100 for (d) and (f), 500 for each text search (g); a fifth of that on L); c=16 runs 2N with 16 in flight.

| query | way | p50 c=1 | p95 c=1 | p99 c=1 | req/s c=1 | p50 c=16 | p99 c=16 | req/s c=16 | vs raw at p50 |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Against the targets:
${verdicts.map((v) => `- ${v}`).join('\n')}

The @neo4j/graphql 7 server (scripts/bench/lineage/neo4jGraphql.ts) is generated from plain \`@relationship\` type definitions over the same database, served by Apollo on loopback from the same process, with its own driver. It has no recursive traversal: (a) at depth 20, (b) and (e) need hand-written \`@cypher\`; (a) at depth 5 is five levels of fixed nesting and (c) covers direct FEEDS only.`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
