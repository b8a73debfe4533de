import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { formatId } from '../../../src/domain/ids';
import { NodeType } from '../../../src/domain/nodeType';
import { Role } from '../../../src/domain/role';
import { freshBenchGraph, startBenchApp } from '../benchApp';
import { summarise, writeSection } from '../report';

/**
 * The explorer's usability target: a 5,000-node answer (a hub dataset read by 5,000 runs, downstream,
 * depth 1) laid out in under 3 s and panned smoothly, in Debian's Chromium driven headless by
 * playwright-core. The page measures its own layout and first-frame times (performance.now).
 */
const RUNS = Number(process.env.PVL_BENCH_EXPLORER_RUNS ?? 5000);
const LOADS = 5;
const CHROMIUM = process.env.PVL_CHROMIUM_PATH || '/usr/bin/chromium';

/** What the page callbacks use of the browser's global object. */
interface Page {
  readonly sessionStorage: { setItem(key: string, value: string): void };
  requestAnimationFrame(callback: (time: number) => void): number;
  readonly pvlExplorer: { cy: { panBy(p: { x: number; y: number }): void } };
}

async function main(): Promise<void> {
  const { graph, root } = await freshBenchGraph();
  const hub = formatId(NodeType.DATASET, 'faers', 'hub-extract');
  await graph.write('bench.explorer', (tx) =>
    tx.run(
      `CREATE (d:Dataset {id: $hub, namespace: 'faers', name: 'hub-extract', digest: 'beefcafe'})
       WITH d UNWIND range(0, $n - 1) AS i
       CREATE (r:Run {id: 'run:bench:' + toString(i), runId: toString(i), storeKey: 'bench', name: 'scoring-' + toString(i), status: 'FINISHED', lifecycleStage: 'active', startTime: i})
       CREATE (d)-[:INPUT_TO {context: 'scoring', since: datetime('2024-01-01T00:00:00Z')}]->(r)`,
      { hub, n: RUNS },
    ),
  );
  const { apollo, identity, base } = await startBenchApp(root);
  const url = base;
  await root.repos.identity.createAccount(
    { id: 'bench.viewer', displayName: 'Bench Viewer', kind: 'USER', roles: [Role.VIEWER], passwordHash: null },
    { type: 'USER_CREATED', subject: 'bench.viewer', actor: 'bench', address: null, detail: {} },
    new Date(),
  );
  const token = (await identity.issueApiToken({ id: 'bench', address: null }, 'bench.viewer', 1, 'bench')).secret;

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--disable-dev-shm-usage'] });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // The callbacks below run in the page; this file is compiled without DOM types, hence `Page`.
  await context.addInitScript((t) => (globalThis as unknown as Page).sessionStorage.setItem('pvl.token', t), token);
  const page = await context.newPage();
  const layout: number[] = [];
  const render: number[] = [];
  const load = loadavg()[0];
  for (let i = 0; i < LOADS; i++) {
    await page.goto(`${url}/lineage?id=${encodeURIComponent(hub)}&direction=DOWNSTREAM&depth=1&limit=${RUNS}`);
    await page.waitForSelector(`#graph[data-node-count="${RUNS + 1}"][data-render-ms]`, { timeout: 60_000 });
    layout.push(Number(await page.getAttribute('#graph', 'data-layout-ms')));
    render.push(Number(await page.getAttribute('#graph', 'data-render-ms')));
  }
  // Panning: move the viewport 60 times in small steps and count the frames the page painted.
  const pan = await page.evaluate(async () => {
    const w = globalThis as unknown as Page;
    const cy = w.pvlExplorer.cy;
    const frames: number[] = [];
    const started = performance.now();
    for (let i = 0; i < 60; i++) {
      cy.panBy({ x: -5, y: -2 });
      frames.push(await new Promise<number>((r) => w.requestAnimationFrame(r)));
    }
    const gaps = frames.slice(1).map((f, i) => f - frames[i]);
    return { seconds: (performance.now() - started) / 1000, worstFrameMs: Math.max(...gaps), medianFrameMs: gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)] };
  });
  await browser.close();
  await apollo.stop();
  await graph.close();
  const l = summarise(layout);
  const r = summarise(render);
  const fps = 60 / pan.seconds;
  writeSection(
    'explorer',
    'Lineage explorer on a 5,000-node answer',
    `A hub dataset read by ${RUNS.toLocaleString('en')} runs, opened downstream at depth 1 with \`limit=${RUNS}\` (${(RUNS + 1).toLocaleString('en')} nodes), ${LOADS} page loads in Debian's Chromium (headless, playwright-core, 1440×900) against the real API on loopback. Layout = placing every node by its depth and building the cytoscape graph; first frame = until the browser painted it. 1-minute load average ${load.toFixed(1)} (${cpus().length} cores shared with Neo4j and the API).

| measure | median | max | target |
| --- | --- | --- | --- |
| layout | ${l.p50.toFixed(0)} ms | ${Math.max(...layout).toFixed(0)} ms | < 3,000 ms |
| first frame | ${r.p50.toFixed(0)} ms | ${Math.max(...render).toFixed(0)} ms | |
| panning (60 pan steps, one per frame) | ${fps.toFixed(0)} frames/s, median frame ${pan.medianFrameMs.toFixed(1)} ms | worst frame ${pan.worstFrameMs.toFixed(1)} ms | smooth |`,
  );
  console.log(`explorer: layout p50 ${l.p50.toFixed(0)} ms, first frame p50 ${r.p50.toFixed(0)} ms, pan ${fps.toFixed(0)} fps`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
