import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { Role } from '../../src/domain/role';
import { DEMO_REPORT_ID, seedDemoFromFixtures } from '../../src/services/ingest/demoFixtures';
import { testRoot } from '../support/composition';
import { resetGraph } from '../support/graph';
import { person, type Person } from '../support/reports';
import { SCREENSHOTS, browserSuite, graphSettled, listedIds, openPage, requestCounter, seriousViolations } from './browser';

const runsSettled = async (page: Page, state: string) => {
  await page.locator(`#runs[data-state="${state}"][aria-busy="false"]`).waitFor();
  await page.waitForLoadState('networkidle');
};

/**
 * The daily walk of issue 21 in one session, as a scientist takes it: search for the report,
 * draw its lineage, open a run that fed it, compare that run with another in the runs view, and
 * see the metric's trend; each step in at most 2 GraphQL requests, no console error, and no
 * serious axe finding on any view.
 */
describe('the walk: search → lineage → run → compare → trend', () => {
  const suite = browserSuite(async (graph) => {
    await resetGraph(graph);
    await seedDemoFromFixtures(testRoot(graph), resolve(__dirname, '..', '..'));
  });
  let viewer: Person;
  beforeAll(async () => {
    viewer = await person(suite.api, 'walk.viewer', [Role.VIEWER]);
  });

  it('goes from a search for the report to the trend of the metric its runs logged, every view accessible', async () => {
    const { page, errors } = await openPage(suite.browser, { token: viewer.token });
    const requests = requestCounter(page);
    // Operation names, to tell the lineage view's requests from the details panel's (its own view).
    const ops: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/graphql') ops.push(/(?:query|mutation)\s+(\w+)/.exec(r.postData() ?? '')?.[1] ?? 'anonymous');
    });
    const violations: unknown[] = [];
    const check = async () => violations.push(...(await seriousViolations(page)));
    await page.goto(`${suite.api.url}/lineage`);
    await page.waitForLoadState('networkidle');

    // Search: the report by its id, as people type it.
    requests.reset();
    await page.getByLabel('Find a node').fill('SDR-2024Q1');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const hit = page.locator(`#search-results button[data-id="${DEMO_REPORT_ID}"], #search-results li[data-id="${DEMO_REPORT_ID}"] button`).first();
    await hit.waitFor();
    expect(requests.since()).toBeLessThanOrEqual(2);
    await check();

    // Lineage: the runs that fed it are drawn.
    ops.length = 0;
    await hit.click();
    expect(await graphSettled(page)).toBe('ready');
    // A picked search hit also selects the root in the node list, whose details panel may load meanwhile.
    expect(ops.filter((op) => op !== 'ExplorerNode').length).toBeLessThanOrEqual(2);
    expect(ops.filter((op) => op === 'ExplorerNode').length).toBeLessThanOrEqual(1);
    const runIds = (await listedIds(page)).filter((id) => id.startsWith('run:'));
    expect(runIds.length).toBeGreaterThanOrEqual(2);
    await check();

    // A run: its details panel, with the datasets it read.
    await page.locator(`#node-list [role="option"][data-id="${runIds[0]}"]`).click();
    const details = page.locator(`#details-body .details[data-id="${runIds[0]}"]`);
    await details.waitFor();
    const runName = (await suite.api.gql<{ run: { name: string } }>('query($id: ID!) { run(id: $id) { name } }', { id: runIds[0] }, { token: viewer.token })).data!.run.name;
    expect(await details.textContent()).toContain(runName);
    await check();

    // Compare: the run beside another of the report's runs, in the runs view.
    requests.reset();
    await page.getByRole('link', { name: 'Runs' }).click();
    await runsSettled(page, 'table');
    expect(requests.since()).toBeLessThanOrEqual(2);
    const mlflowId = (id: string) => id.split(':')[2];
    await page.getByLabel('MLflow filter').fill(`attributes.run_id IN ('${mlflowId(runIds[0])}', '${mlflowId(runIds[1])}')`);
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await runsSettled(page, 'table');
    const boxes = page.locator('.runs-table tbody input[type="checkbox"]');
    expect(await boxes.count()).toBeGreaterThanOrEqual(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    requests.reset();
    await page.locator('#runs-compare').click();
    await runsSettled(page, 'compare');
    expect(requests.since()).toBeLessThanOrEqual(2);
    await page.locator('[data-section="metrics"] tr[data-key="AUC_test"]').waitFor();
    await check();

    // Trend: the metric across runs, by data period.
    requests.reset();
    await page.getByRole('link', { name: 'Trends' }).click();
    await page.locator('#trends[data-state="ready"][aria-busy="false"]').waitFor();
    await page.waitForLoadState('networkidle');
    expect(requests.since()).toBeLessThanOrEqual(2);
    expect(await page.locator('#trends canvas.line-chart[role="img"]').count()).toBeGreaterThan(0);
    await check();
    await page.screenshot({ path: join(SCREENSHOTS, 'walk-trend.png'), fullPage: true });

    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});
