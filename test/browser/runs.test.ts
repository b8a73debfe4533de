import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { Role } from '../../src/domain/role';
import { seedDemoFromFixtures } from '../../src/services/ingest/demoFixtures';
import { testRoot } from '../support/composition';
import { resetGraph } from '../support/graph';
import { person, type Person } from '../support/reports';
import { SCREENSHOTS, browserSuite, requestCounter, openPage, seriousViolations } from './browser';

const FILTER = "attributes.run_name LIKE 'xgb-signal-%'";
const COUNT = `query($search: String) { all: runs { totalCount } some: runs(filter: { search: $search }) { totalCount } }`;

const names = (page: Page) => page.locator('.runs-table tbody tr th').allTextContents();
const rowIds = (page: Page) => page.$$eval('.runs-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.id!));
const settled = async (page: Page, state: string) => {
  await page.locator(`#runs[data-state="${state}"][aria-busy="false"]`).waitFor();
  await page.waitForLoadState('networkidle');
};

describe('the runs view: an MLflow-like table of runs and a comparison of 2 to 5 of them', () => {
  const suite = browserSuite(async (graph) => {
    await resetGraph(graph);
    await seedDemoFromFixtures(testRoot(graph), resolve(__dirname, '..', '..'));
  });
  let viewer: Person;
  let counts: { all: number; some: number };

  beforeAll(async () => {
    viewer = await person(suite.api, 'runs.viewer', [Role.VIEWER]);
    const res = await suite.api.gql<{ all: { totalCount: number }; some: { totalCount: number } }>(COUNT, { search: FILTER }, { token: viewer.token });
    expect(res.errors).toBeUndefined();
    counts = { all: res.data!.all.totalCount, some: res.data!.some.totalCount };
    // The filter must narrow the demo's runs for the test to say anything.
    expect(counts.some).toBeGreaterThan(1);
    expect(counts.some).toBeLessThan(counts.all);
  });

  it('lists, filters with an MLflow filter string, sorts, and compares two runs, each view in at most 2 requests and painted within 1 s', async () => {
    const { page, errors } = await openPage(suite.browser, { token: viewer.token });
    const requests = requestCounter(page);
    await page.goto(`${suite.api.url}/lineage`);
    await page.getByRole('link', { name: 'Runs' }).click();
    await settled(page, 'table');
    expect(requests.since()).toBeLessThanOrEqual(2);
    expect(Number(await page.getAttribute('#runs', 'data-render-ms'))).toBeLessThan(1000);
    expect(await page.locator('#runs-range').textContent()).toBe(`Runs 1–${Math.min(25, counts.all)} of ${counts.all}`);
    for (const column of ['Experiment', 'Store', 'Status', 'User', 'Started (UTC)', 'Duration', 'AUC_test', 'max_depth']) {
      await page.locator('.runs-table thead th', { hasText: column }).first().waitFor();
    }
    expect(await page.locator('#graph-pane').isHidden()).toBe(true);

    // A malformed filter string: the API's BAD_USER_INPUT, in words.
    await page.getByLabel('MLflow filter').fill('metrics.AUC_test >> 0.5');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await settled(page, 'error');
    expect(await page.locator('#messages [data-topic="runs"]').textContent()).toMatch(/The filter or sort was refused: .*filter/i);

    requests.reset();
    await page.getByLabel('MLflow filter').fill(FILTER);
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await settled(page, 'table');
    expect(requests.since()).toBeLessThanOrEqual(2);
    expect(new URL(page.url()).searchParams.get('filter')).toBe(FILTER);
    expect(await page.locator('#runs-range').textContent()).toBe(`Runs 1–${counts.some} of ${counts.some}`);
    expect((await names(page)).every((n) => n.startsWith('xgb-signal-'))).toBe(true);

    // Sort by a metric: the API orders, the header says so.
    requests.reset();
    await page.locator('button.sort[data-sort="metric:AUC_test"]').click();
    await settled(page, 'table');
    expect(requests.since()).toBeLessThanOrEqual(2);
    expect(await page.getAttribute('th:has(button[data-sort="metric:AUC_test"])', 'aria-sort')).toBe('descending');
    expect(await rowIds(page)).toHaveLength(counts.some);
    const column = await page.$$eval('.runs-table thead tr:last-child th', (ths) => ths.findIndex((th) => th.querySelector('[data-sort="metric:AUC_test"]')));
    const values = await page.$$eval(`.runs-table tbody tr > :nth-child(${column + 1})`, (tds) => tds.map((td) => td.textContent ?? ''));
    const finite = values.filter((v) => v !== '' && v !== 'NaN').map(Number);
    expect(finite).toEqual([...finite].sort((a, b) => b - a));
    await page.screenshot({ path: join(SCREENSHOTS, 'runs-table.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // Two runs of different quarters: the compare button waits for a second one.
    await page.getByRole('checkbox', { name: 'Compare xgb-signal-2024Q1', exact: true }).first().check();
    expect(await page.locator('#runs-compare').isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'Compare xgb-signal-2024Q2', exact: true }).first().check();
    expect(await page.locator('#runs-selected').textContent()).toMatch(/^2 selected/);
    requests.reset();
    await page.locator('#runs-compare').click();
    await settled(page, 'compare');
    expect(requests.since()).toBeLessThanOrEqual(2);
    expect(Number(await page.getAttribute('#runs', 'data-render-ms'))).toBeLessThan(1000);
    expect(new URL(page.url()).searchParams.getAll('compare')).toHaveLength(2);

    const period = page.locator('[data-section="params"] tr[data-key="data_period"]');
    expect(await period.getAttribute('class')).toBe('differs');
    expect(await period.locator('td').allTextContents()).toEqual(['2024Q1', '2024Q2', 'differs']);
    expect(await page.locator('[data-section="params"] tr[data-key="objective"]').getAttribute('class')).toBeNull();
    await page.locator('[data-section="metrics"] tr[data-key="AUC_test"]').waitFor();
    const chart = page.locator('[data-section="histories"] .history[data-key="AUC_test"]');
    // Drawn by Chart.js on a canvas named by its summary: one line per run.
    expect(await chart.locator('canvas.line-chart[role="img"]').getAttribute('aria-label')).toMatch(/^AUC_test by step: 2 lines, \d+ points/);
    expect(await chart.locator('canvas.line-chart').evaluate((c) => (c as HTMLCanvasElement).width)).toBeGreaterThan(200);
    expect(await chart.locator('.history-table table tbody tr').count()).toBeGreaterThan(4);
    await chart.locator('.chart-box').focus();
    await page.keyboard.press('ArrowRight');
    expect(await chart.locator('.chart-readout').textContent()).toMatch(/^xgb-signal-2024Q[12], step \d+: 0\.\d+/);
    await page.keyboard.press('ArrowDown');
    expect(await chart.locator('.chart-box').getAttribute('data-focus-series')).toBe('1');
    expect(await page.locator('[data-section="datasets"] tr[data-change="not read by every run"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'runs-compare.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // Back: the filtered, sorted table again.
    await page.getByRole('button', { name: '← Back to the runs table' }).click();
    await settled(page, 'table');
    expect(await page.locator('#runs-range').textContent()).toBe(`Runs 1–${counts.some} of ${counts.some}`);
    expect(errors).toEqual([]);
  });

  it('opens a comparison from its address in at most 2 requests, and pages through the connection', async () => {
    const res = await suite.api.gql<{ runs: { edges: { node: { id: string } }[] } }>(`{ runs(first: 3) { edges { node { id } } } }`, {}, { token: viewer.token });
    const ids = res.data!.runs.edges.map((e) => e.node.id);
    const { page, errors } = await openPage(suite.browser, { token: viewer.token });
    const requests = requestCounter(page);
    await page.goto(`${suite.api.url}/lineage?view=runs&${ids.map((id) => `compare=${encodeURIComponent(id)}`).join('&')}`);
    await settled(page, 'compare');
    expect(requests.since()).toBeLessThanOrEqual(2);
    expect(await page.locator('[data-section="runs"] thead th[data-id]').evaluateAll((ths) => ths.map((th) => (th as HTMLElement).dataset.id))).toEqual(ids);

    await page.goto(`${suite.api.url}/lineage?view=runs`);
    await settled(page, 'table');
    await page.locator('#runs-page-size').selectOption('10');
    await settled(page, 'table');
    const first = await rowIds(page);
    expect(first).toHaveLength(10);
    await page.getByRole('button', { name: 'Next page' }).click();
    await settled(page, 'table');
    expect(await page.locator('#runs-range').textContent()).toBe(`Runs 11–${Math.min(20, counts.all)} of ${counts.all}`);
    const second = await rowIds(page);
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await settled(page, 'table');
    expect(await rowIds(page)).toEqual(first);
    expect(errors).toEqual([]);
  });
});
