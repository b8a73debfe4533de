import { networkInterfaces } from 'node:os';
import type { GraphExecutor } from '../../src/graph/executor';
import { startTestApi, type TestApi } from '../support/api';
import { loadDemo } from '../support/demo';
import { testGraph } from '../support/graph';
import { type Browser } from 'playwright-core';
import { launchBrowser, openPage } from './browser';

/** This machine's first non-loopback IPv4 address: how another machine on the LAN would reach the API. */
function lanAddress(): string {
  const found = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .find((a) => a.family === 'IPv4' && !a.internal);
  if (!found) throw new Error('This machine has no non-loopback IPv4 address to serve the pages on');
  return found.address;
}

/**
 * A Docker or LAN install without TLS: both pages, fetched by the machine's own network address
 * over plain HTTP, load their scripts and styles and run, because the security policy asks for
 * https upgrades only on requests that came over TLS.
 */
describe('the explorer and GraphiQL over plain HTTP from another machine', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let browser: Browser;

  beforeAll(async () => {
    graph = testGraph();
    await loadDemo(graph);
    api = await startTestApi(graph, {}, { host: lanAddress() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await graph?.close();
  });

  it('serves /lineage styled and scripted, with no upgrade to https', async () => {
    expect(new URL(api.url).hostname).not.toMatch(/^(127\.|localhost$)/);
    const { page, errors } = await openPage(browser, { token: api.token });
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    const res = await page.goto(`${api.url}/lineage`);
    expect(res?.headers()['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    // The search box is wired by the explorer's script; the stylesheet must have applied too.
    await page.getByLabel('Find a node').fill('Quarterly signal detection report 2024Q1');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('#search-results button').first().waitFor();
    const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => ({ href: s.href, rules: s.cssRules.length })));
    expect(sheets.filter((s) => s.href?.startsWith(`${api.url}/assets/`) && s.rules > 0)).not.toHaveLength(0);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('serves /graphql past "Loading GraphiQL…", and runs a query', async () => {
    const { page, errors } = await openPage(browser, { token: api.token });
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.goto(`${api.url}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    await page.getByRole('button', { name: /Execute query/ }).click();
    await page.locator('.result-window').getByText('"sourceRuns"').waitFor();
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
  });
});
