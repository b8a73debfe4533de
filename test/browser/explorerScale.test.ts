import { resetGraph } from '../support/graph';
import { rowsFor } from '../../src/ui/layout';
import { dataset, datasetId, run, writeFixture } from '../support/lineageGraph';
import { browserSuite, graphSettled, listedIds, openPage } from './browser';

const RUNS = 5000;

/**
 * A hub dataset read by 5,000 runs: the answer size the explorer must stay usable at. The page
 * measures its own layout time (performance.now) into data attributes for benchmarks; this
 * test checks that they are there and that every node was drawn, not how fast (no timed
 * assertions in tests: docs/benchmarks.md holds measured figures).
 */
describe('lineage explorer on a 5,000-node answer', () => {
  const suite = browserSuite(async (graph) => {
    await resetGraph(graph);
    const runs = Array.from({ length: RUNS }, (_, i) => run(`hub-run-${String(i).padStart(4, '0')}`, ['hub']));
    await writeFixture(graph, { datasets: [dataset('hub')], runs, reports: [] });
  });

  it('draws every node placed by depth, reports its layout time, and still pans and selects', async () => {
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(datasetId('hub'))}&direction=DOWNSTREAM&depth=1&limit=${RUNS}`);
    expect(await graphSettled(page)).toBe('ready');
    expect(await page.getAttribute('#graph', 'data-node-count')).toBe(String(RUNS + 1));
    expect(await page.evaluate(() => (window as unknown as { pvlExplorer: { cy: { nodes(): { length: number } } } }).pvlExplorer.cy.nodes().length)).toBe(RUNS + 1);
    expect((await listedIds(page)).length).toBe(RUNS + 1);
    expect(await page.locator('.message[data-topic="truncated"]').count()).toBe(0);

    const layoutMs = Number(await page.getAttribute('#graph', 'data-layout-ms'));
    const renderMs = Number(await page.getAttribute('#graph', 'data-render-ms'));
    expect(layoutMs).toBeGreaterThan(0);
    expect(renderMs).toBeGreaterThanOrEqual(layoutMs);
    process.stdout.write(`explorer: ${RUNS + 1} nodes laid out in ${layoutMs} ms, first frame after ${renderMs} ms\n`);

    // Every run sits right of the dataset (downstream), in a block of sub-columns (src/ui/layout.ts).
    const spread = await page.evaluate((root) => {
      const cy = (window as unknown as { pvlExplorer: { cy: { nodes(): { id(): string; position(): { x: number; y: number } }[] } } }).pvlExplorer.cy;
      const nodes = cy.nodes();
      const rootX = nodes.find((n) => n.id() === root)!.position().x;
      const others = nodes.filter((n) => n.id() !== root);
      return { leftOfRoot: others.filter((n) => n.position().x <= rootX).length, rows: new Set(others.map((n) => n.position().y)).size };
    }, datasetId('hub'));
    expect(spread).toEqual({ leftOfRoot: 0, rows: rowsFor(RUNS) });

    // Pan with the mouse, then pick a node from the list: the page keeps answering.
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 300, box.y + box.height / 2 - 100, { steps: 10 });
    await page.mouse.up();
    await page.locator('#node-list [role="option"]').nth(4321).click();
    const picked = await page.locator('#node-list [role="option"]').nth(4321).getAttribute('data-id');
    await page.locator(`#details-body .details[data-id="${picked}"]`).waitFor();
    expect(errors).toEqual([]);
  });
});
