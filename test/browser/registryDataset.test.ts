import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { Role } from '../../src/domain/role';
import { seedDemoFromFixtures } from '../../src/services/ingest/demoFixtures';
import { testRoot } from '../support/composition';
import { OL_ONLY_FIELD, SHARED_DATASET, SHARED_DATASET_ID, WRITER_JOB, postDatasetJobs } from '../support/datasetJobs';
import { resetGraph } from '../support/graph';
import { person, type Person } from '../support/reports';
import { SCREENSHOTS, browserSuite, requestCounter, graphSettled, openPage, seriousViolations } from './browser';

const settled = async (page: Page) => {
  await page.locator('#catalog[data-state="ready"][aria-busy="false"]').waitFor();
  await page.waitForLoadState('networkidle');
};

describe('the registry and dataset views', () => {
  const suite = browserSuite(async (graph) => {
    await resetGraph(graph);
    await seedDemoFromFixtures(testRoot(graph), resolve(__dirname, '..', '..'));
  });
  let viewer: Person;
  /** The store whose runs raised the demo's signals: store keys follow the checkout's path, so they are read, not written here. */
  let signalStore: string;

  beforeAll(async () => {
    await postDatasetJobs(suite.api);
    const signals = await suite.api.gql<{ signals: { edges: { node: { run: { id: string } | null } }[] } }>('{ signals(first: 1) { edges { node { run { id } } } } }');
    signalStore = String(signals.data?.signals.edges[0]?.node.run?.id.split(':')[1]);
    viewer = await person(suite.api, 'catalog.viewer', [Role.VIEWER]);
  });

  it('lists the registered models and a model’s versions with stage, aliases, run and the reports and signals each feeds, each view in at most 2 requests within 1 s', async () => {
    const { page, errors } = await openPage(suite.browser, { token: viewer.token });
    const requests = requestCounter(page);
    await page.goto(`${suite.api.url}/lineage`);
    await page.waitForLoadState('networkidle');
    requests.reset();
    await page.getByRole('link', { name: 'Registry' }).click();
    await settled(page);
    expect(requests.since()).toBeLessThanOrEqual(2);
    expect(Number(await page.getAttribute('#catalog', 'data-render-ms'))).toBeLessThan(1000);
    expect(await page.locator('.catalog-table tbody tr').count()).toBe(2);
    expect(await page.locator('#graph-pane').isHidden()).toBe(true);

    requests.reset();
    await page.locator(`.catalog-table tbody tr[data-id="model:${signalStore}:pv-signal-xgb"] button`).click();
    await settled(page);
    expect(requests.since()).toBeLessThanOrEqual(2);
    expect(Number(await page.getAttribute('#catalog', 'data-render-ms'))).toBeLessThan(1000);
    expect(new URL(page.url()).searchParams.get('model')).toBe(`model:${signalStore}:pv-signal-xgb`);
    const rows = page.locator('.versions-table tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.stage))).toEqual(['Staging', 'Production', 'Archived']);
    const production = rows.nth(1);
    expect(await production.locator('.alias').allTextContents()).toEqual(['@champion']);
    expect(await rows.nth(0).locator('.alias').allTextContents()).toEqual(['@challenger']);
    const cells = production.locator('td');
    expect(await cells.nth(3).textContent()).toBe('xgb-signal-2024Q1');
    expect(await cells.nth(4).locator('li').allTextContents()).toEqual(expect.arrayContaining(['Quarterly signal detection report 2024Q1']));
    expect(await cells.nth(5).locator('li').count()).toBeGreaterThan(0);
    expect(await page.locator('#catalog .hint', { hasText: 'Serving:' }).textContent()).toMatch(/champion → v2/);
    await page.screenshot({ path: join(SCREENSHOTS, 'registry.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // The source run's link draws its lineage.
    await cells.nth(3).getByRole('button').click();
    expect(await graphSettled(page)).toBe('ready');
    expect(new URL(page.url()).searchParams.get('id')?.startsWith(`run:${signalStore}:`)).toBe(true);
    expect(await page.locator('#catalog').isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('opens a dataset from its details panel and from its address: fields with their source, snapshots, readers, writers and jobs, in at most 2 requests within 1 s', async () => {
    const { page, errors } = await openPage(suite.browser, { token: viewer.token });
    const requests = requestCounter(page);
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(SHARED_DATASET_ID)}&direction=DOWNSTREAM&depth=1`);
    expect(await graphSettled(page)).toBe('ready');
    await page.locator(`#details-body .details[data-id="${SHARED_DATASET_ID}"]`).waitFor();
    await page.waitForLoadState('networkidle');
    requests.reset();
    await page.getByRole('button', { name: 'Open the dataset view' }).click();
    await settled(page);
    expect(requests.since()).toBeLessThanOrEqual(2);
    expect(Number(await page.getAttribute('#catalog', 'data-render-ms'))).toBeLessThan(1000);
    expect(new URL(page.url()).searchParams.get('view')).toBe('dataset');
    expect(await page.locator('#catalog-heading').textContent()).toBe('Dataset');
    expect(await page.locator('.dataset-view .catalog-title').textContent()).toBe(SHARED_DATASET.name);

    const source = (field: string) => page.locator(`[data-section="fields"] tr[data-field="${field}"] td`).nth(1).textContent();
    expect(await source('drug')).toBe('MLflow');
    expect(await source(OL_ONLY_FIELD)).toBe('OpenLineage (not in MLflow’s schema)');
    const snapshots = page.locator('[data-section="snapshots"] tbody tr');
    expect(await snapshots.count()).toBeGreaterThan(0);
    expect(await snapshots.first().locator('li').count()).toBeGreaterThan(0);
    await page.locator('[data-section="snapshots"] .hint', { hasText: 'digest some run read' }).waitFor();
    expect(await page.locator('[data-section="readers"] tbody tr').count()).toBeGreaterThan(1);
    expect(await page.locator('[data-section="writers"] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-section="jobs"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent))).toEqual([
      `${WRITER_JOB.name}${WRITER_JOB.namespace}noyes`,
      expect.stringMatching(/yesno$/),
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'dataset.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // The same view from its address, then a reader run's link back into lineage.
    requests.reset();
    await page.goto(`${suite.api.url}/lineage?view=dataset&id=${encodeURIComponent(SHARED_DATASET_ID)}`);
    await settled(page);
    expect(requests.since()).toBeLessThanOrEqual(2);
    await page.locator('[data-section="readers"] tbody tr').first().getByRole('button').click();
    expect(await graphSettled(page)).toBe('ready');
    expect(new URL(page.url()).searchParams.get('id')).toMatch(/^run:/);
    expect(errors).toEqual([]);
  });

  it('offers the dataset view from a dataset search result', async () => {
    const { page, errors } = await openPage(suite.browser, { token: viewer.token });
    await page.goto(`${suite.api.url}/lineage`);
    await page.getByLabel('Find a node').fill('2023Q4');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: /^Open the dataset view of faers\/2023Q4/ }).first().click();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('id')).toMatch(/^dataset:.*2023Q4/);
    expect(await page.locator('[data-section="fields"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-section="jobs"] .hint', { hasText: 'None.' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
