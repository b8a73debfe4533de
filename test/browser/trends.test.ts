import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { Role } from '../../src/domain/role';
import { DEMO_REPORT_ID, seedDemoFromFixtures, signDemoReport } from '../../src/services/ingest/demoFixtures';
import { testRoot } from '../support/composition';
import { resetGraph } from '../support/graph';
import { person, type Person } from '../support/reports';
import { SCREENSHOTS, browserSuite, graphSettled, openPage, seriousViolations } from './browser';

/** What the test expects, read from the API in its own terms rather than through the page's code. */
const EXPECTED = `{ runs(first: 500) { totalCount edges { node { id name params metrics { key value special } experiment { id }
  modelVersions { id } downstreamReports { id title latestVersion { signatures { meaning } } } } } } }`;

interface ExpectedRun {
  id: string;
  name: string;
  params: Record<string, string>;
  metrics: { key: string; value: number | null; special: string | null }[];
  experiment: { id: string } | null;
  modelVersions: { id: string }[];
  downstreamReports: { id: string; title: string; latestVersion: { signatures: unknown[] } | null }[];
}

function graphqlCounter(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/graphql') n++;
  });
  return () => n;
}

const ready = (page: Page) => page.locator('#trends[data-state="ready"][aria-busy="false"]').waitFor();
const readout = (page: Page) => page.locator('#trends .chart-readout').textContent();

describe('the trends view: a metric across runs by data period or start time, drawn by Chart.js', () => {
  const suite = browserSuite(async (graph) => {
    await resetGraph(graph);
    const root = testRoot(graph);
    await seedDemoFromFixtures(root, resolve(__dirname, '..', '..'));
    await signDemoReport(root);
  });
  let viewer: Person;
  let runs: ExpectedRun[];

  beforeAll(async () => {
    viewer = await person(suite.api, 'trends.viewer', [Role.VIEWER]);
    const res = await suite.api.gql<{ runs: { totalCount: number; edges: { node: ExpectedRun }[] } }>(EXPECTED, {}, { token: viewer.token });
    expect(res.errors).toBeUndefined();
    runs = res.data!.runs.edges.map((e) => e.node);
    expect(res.data!.runs.totalCount).toBe(runs.length);
  });

  it('draws AUC_test by data period with a point per run, marks runs feeding the signed report, and reads and opens points by keyboard', async () => {
    // Every demo run logs its quarter as the data_period param.
    const plotted = runs.filter((r) => r.experiment && r.metrics.some((m) => m.key === 'AUC_test') && /^\d{4}Q[1-4]$/.test(r.params.data_period ?? ''));
    const signed = plotted.filter((r) => r.downstreamReports.some((d) => d.id === DEMO_REPORT_ID && (d.latestVersion?.signatures.length ?? 0) > 0));
    expect(plotted.length).toBeGreaterThan(4);
    expect(signed.length).toBeGreaterThan(0);
    expect(signed.length).toBeLessThan(plotted.length);
    // NaN and infinities are in the table, not on the canvas.
    const drawn = plotted.filter((r) => r.metrics.some((m) => m.key === 'AUC_test' && m.value !== null && (m.special === null || m.special === 'NEGATIVE_ZERO')));

    const { page, errors } = await openPage(suite.browser, { token: viewer.token });
    const requests = graphqlCounter(page);
    await page.goto(`${suite.api.url}/lineage`);
    await page.waitForLoadState('networkidle');
    const before = requests();
    await page.getByRole('link', { name: 'Trends' }).click();
    await ready(page);
    await page.waitForLoadState('networkidle');
    expect(Number(await page.getAttribute('#trends', 'data-render-ms'))).toBeLessThan(1000);

    // Choosing metric, axis and lines redraws from the one answer.
    await page.locator('#trends-by').selectOption('time');
    await ready(page);
    expect(new URL(page.url()).searchParams.get('by')).toBe('time');
    await page.locator('#trends-group').selectOption('experiments');
    await page.locator('#trends-by').selectOption('period');
    await page.locator('#trends-metric').selectOption('AUC_test');
    await ready(page);
    const url = new URL(page.url());
    expect([url.searchParams.get('view'), url.searchParams.get('metric'), url.searchParams.get('by')]).toEqual(['trends', 'AUC_test', 'period']);
    expect(requests() - before).toBeLessThanOrEqual(2);

    expect(await page.getAttribute('#trends .trend', 'data-points')).toBe(String(plotted.length));
    const canvas = page.locator('#trends canvas.line-chart');
    expect(await canvas.getAttribute('role')).toBe('img');
    expect(await canvas.getAttribute('aria-label')).toContain(`${drawn.length} points`);
    expect(await canvas.getAttribute('aria-label')).toContain(`${signed.filter((r) => drawn.includes(r)).length} marked`);
    // Chart.js sized the canvas to its box: it drew.
    expect(await canvas.evaluate((c) => (c as HTMLCanvasElement).width)).toBeGreaterThan(300);

    // The table alternative: the same points, the signed ones marked.
    await page.locator('#trends .trends-table summary').click();
    const rows = page.locator('#trends .trends-table tbody tr');
    expect(await rows.count()).toBe(plotted.length);
    expect((await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.run))).sort()).toEqual(plotted.map((r) => r.id).sort());
    const marked = page.locator('#trends .trends-table tbody tr[data-signed="true"]');
    expect((await marked.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.run))).sort()).toEqual(signed.map((r) => r.id).sort());
    expect(await marked.first().locator('td').last().textContent()).toContain('Quarterly signal detection report 2024Q1');

    // The keyboard: ←/→ along a line, ↓ to the next; the readout names the run, period, value and mark.
    await page.locator('#trends .chart-box').focus();
    const first = await readout(page);
    expect(first).toMatch(/^.+ \(.+\), \d{4}Q[1-4]: 0\.\d+/);
    await page.keyboard.press('ArrowRight');
    const seen = new Set([first]);
    for (let i = 0; i < plotted.length * 2 && !(await readout(page))?.includes('feeds signed'); i++) {
      seen.add(await readout(page));
      await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowDown');
    }
    expect(seen.size).toBeGreaterThan(1);
    const signedReadout = (await readout(page))!;
    expect(signedReadout).toContain('feeds signed Quarterly signal detection report 2024Q1');
    await page.screenshot({ path: join(SCREENSHOTS, 'trends.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // Enter opens the lineage of the run read out.
    const name = signedReadout.slice(0, signedReadout.indexOf(' ('));
    await page.keyboard.press('Enter');
    expect(await graphSettled(page)).toBe('ready');
    const opened = new URL(page.url()).searchParams.get('id')!;
    expect(signed.find((r) => r.id === opened)?.name).toBe(name);
    expect(await page.locator('#trends').isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('opens a trend per registered model version by start time from its address in one request', async () => {
    const versions = runs.filter((r) => r.metrics.some((m) => m.key === 'AUC_test')).reduce((n, r) => n + r.modelVersions.length, 0);
    expect(versions).toBeGreaterThan(0);
    const { page, errors } = await openPage(suite.browser, { token: viewer.token });
    const requests = graphqlCounter(page);
    await page.goto(`${suite.api.url}/lineage?view=trends&metric=AUC_test&by=time&group=models`);
    await ready(page);
    await page.waitForLoadState('networkidle');
    expect(requests()).toBeLessThanOrEqual(2);
    expect(await page.getAttribute('#trends .trend', 'data-points')).toBe(String(versions));
    expect(await page.locator('#trends .trends-table thead th').allTextContents()).toContain('Version');
    await page.locator('#trends .chart-box').focus();
    expect(await readout(page)).toMatch(/ v\d+\), \d{4}-\d\d-\d\d \d\d:\d\d:\d\d: /);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
