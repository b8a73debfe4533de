import { AxeBuilder } from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { GraphExecutor } from '../../src/graph/executor';
import { explorerDir } from '../../src/http/explorer';
import { startTestApi, type TestApi } from '../support/api';
import { testGraph } from '../support/graph';

/**
 * Debian's Chromium, driven by playwright-core: no browser download. `npm test` installs the
 * package first (scripts/lib/browserDeps.mjs); running jest by hand needs it installed.
 */
export const CHROMIUM = process.env.PVL_CHROMIUM_PATH || '/usr/bin/chromium';
/**
 * Where the tests' screenshots go: an ignored folder, so a test run leaves the working tree
 * clean. PVL_UPDATE_SCREENSHOTS=1 writes them into docs/ instead, to refresh the README's images.
 */
export const SCREENSHOTS = process.env.PVL_UPDATE_SCREENSHOTS === '1' ? join(__dirname, '..', '..', 'docs') : join(__dirname, '..', '..', 'test-results');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: \`npm test\` installs Debian's chromium package (scripts/lib/browserDeps.mjs)`);
  if (!explorerDir()) throw new Error('The explorer bundle is missing: run `npm run build` (or `node scripts/build-ui.mjs`) first');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--disable-dev-shm-usage'] });
}

/** Contexts opened by the running test, closed after it (browserSuite's afterEach). */
const openContexts: BrowserContext[] = [];

export interface BrowserSuite {
  readonly graph: GraphExecutor;
  readonly api: TestApi;
  readonly browser: Browser;
}

/**
 * For a describe block: before all its tests, seed the test database, start the API in-process
 * on it and launch Chromium; after them, close all three. Fields are set once beforeAll ran.
 */
export function browserSuite(seed: (graph: GraphExecutor) => Promise<unknown>): BrowserSuite {
  const suite = {} as { graph: GraphExecutor; api: TestApi; browser: Browser };
  beforeAll(async () => {
    suite.graph = testGraph();
    await seed(suite.graph);
    suite.api = await startTestApi(suite.graph);
    suite.browser = await launchBrowser();
  });
  // Each test's pages go with it: a file of many tests otherwise piles up live canvases until
  // Chromium's renderer runs out of memory ("Target crashed"). Bounded, so a close that never
  // answers cannot hold up the suite.
  afterEach(async () => {
    const closing = Promise.all(openContexts.splice(0).map((c) => c.close().catch(() => undefined)));
    await Promise.race([closing, new Promise((r) => setTimeout(r, 5000).unref())]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.api?.close();
    await suite.graph?.close();
  });
  return suite;
}

export interface OpenPage {
  readonly page: Page;
  /** Uncaught exceptions, console errors and CSP violations seen so far; a test ends by expecting none. */
  readonly errors: string[];
}

/** A fresh context (own sessionStorage), optionally already signed in with `token`. */
export async function openPage(browser: Browser, options: { token?: string | null } = {}): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  openContexts.push(context);
  if (options.token) await context.addInitScript((t) => window.sessionStorage.setItem('pvl.token', t), options.token);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Failed GraphQL requests (401, 400) are logged by Chromium as resource errors: expected in the bad-input tests.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return { page, errors };
}

/** Waits for the graph to settle after an action and returns its state attribute. */
export async function graphSettled(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const state = document.getElementById('graph')?.dataset.state;
    return state === 'ready' || state === 'error' || state === 'empty';
  });
  return (await page.getAttribute('#graph', 'data-state'))!;
}

/** Node ids in the accessible node list (the same nodes the canvas draws). */
export function listedIds(page: Page): Promise<string[]> {
  return page.$$eval('#node-list [role="option"]', (els) => els.map((e) => (e as HTMLElement).dataset.id!));
}

/** Node ids on the cytoscape canvas. */
export function drawnIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { pvlExplorer: { cy: { nodes(): { map(f: (n: { id(): string }) => string): string[] } } } }).pvlExplorer.cy.nodes().map((n) => n.id()));
}

/** Opens the explorer rooted on `id`, one step `direction`, and selects the root from the keyboard list, so its details panel shows. */
export async function openDetails(browser: Browser, url: string, token: string, id: string, direction: 'UPSTREAM' | 'DOWNSTREAM' = 'DOWNSTREAM'): Promise<OpenPage> {
  const opened = await openPage(browser, { token });
  await opened.page.goto(`${url}/lineage?id=${encodeURIComponent(id)}&direction=${direction}&depth=1`);
  if ((await graphSettled(opened.page)) !== 'ready') throw new Error(`the lineage of ${id} did not draw`);
  await opened.page.locator('#node-list').focus();
  await opened.page.keyboard.press('Home');
  await opened.page.locator(`#details-body .details[data-id="${id}"]`).waitFor();
  return opened;
}

/** axe-core's WCAG 2.1 A/AA rules; the serious and critical findings, each with the elements it names. */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string | null | undefined; nodes: string[] }[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Counts the GraphQL requests the page sends; `since()` gives those since the last `reset()`. */
export function requestCounter(page: Page): { reset: () => void; since: () => number } {
  let n = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/graphql') n++;
  });
  return { reset: () => (n = 0), since: () => n };
}
