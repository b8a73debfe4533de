import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EXAMPLE_TABS } from '../../src/http/graphiql';
import { startTestApi } from '../support/api';
import { loadDemo } from '../support/demo';
import { browserSuite, SCREENSHOTS, openPage, seriousViolations } from './browser';

/**
 * axe's findings once the page is still: the playground's fixes run a frame after each render, and
 * axe fails outright on nodes that change under it.
 */
async function settledViolations(page: Page): ReturnType<typeof seriousViolations> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return seriousViolations(page);
}

describe('GraphiQL playground in a browser', () => {
  const suite = browserSuite(loadDemo);

  it('opens with the example tabs, carries the explorer’s token, and runs the first example', async () => {
    // Signed in on the explorer in this tab: GraphiQL reads the same sessionStorage key.
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    const tabs = await page.locator('.graphiql-tab').allInnerTexts();
    expect(tabs.map((t) => t.trim())).toEqual(['RunsThatFedReport', 'ImpactOfDataset', 'AuditTrailOfReport', 'UpstreamLineage', 'BestRunsByAUC']);
    expect(EXAMPLE_TABS).toHaveLength(tabs.length);
    // The token how-to is in the editor, the token itself in the Headers tab.
    await expect(page.locator('.graphiql-query-editor').innerText()).resolves.toContain('{"Authorization": "Bearer <token>"}');
    await page.getByRole('button', { name: 'Headers' }).click();
    await expect(page.locator('.graphiql-editor-tool').innerText()).resolves.toContain(`"Authorization": "Bearer ${suite.api.token}"`);

    await page.getByRole('button', { name: /Execute query/ }).click();
    const result = page.locator('.result-window');
    await result.getByText('Quarterly signal detection report 2024Q1').waitFor();
    const text = await result.innerText();
    expect(text).toContain('"sourceRuns"');
    expect(text).toContain('"pathLength"');
    expect(text).not.toContain('"errors"');
    // The picture for the README shows the example's variables, not a token.
    await page.getByRole('button', { name: 'Variables' }).click();
    await expect(page.locator('.graphiql-editor-tool').innerText()).resolves.toContain('"reportId": "report:SDR-2024Q1"');
    await page.screenshot({ path: join(SCREENSHOTS, 'graphiql.png') });
    // GraphiQL's own markup, with the page's contrast and naming fixes (src/http/graphiql.ts).
    expect(await settledViolations(page)).toEqual([]);

    // Each tab keeps its own variables: the impact example runs as it is.
    await page.locator('.graphiql-tab', { hasText: 'ImpactOfDataset' }).click();
    // GraphiQL re-reads the operation name 100 ms (debounced) after the editor changes; a person never clicks that fast.
    await page.waitForFunction(() => (document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as { CodeMirror: { operationName: string } }).CodeMirror.operationName === 'ImpactOfDataset');
    await expect(page.locator('.graphiql-editor-tool').innerText()).resolves.toContain('"datasetId": "dataset:s3%3A%2F%2Fpv-data:faers%2F2024Q1%2Fdrug_event.parquet"');
    await page.getByRole('button', { name: /Execute query/ }).click();
    await result.getByText('"impactedReports"').waitFor();
    expect(await result.innerText()).not.toContain('"errors"');
    expect(errors).toEqual([]);
  });

  /** Opens the Docs pane down to a Query field and autocompletes a fresh operation, as a person would. */
  async function docsAndAutocomplete(url: string, token: string | null): Promise<string[]> {
    const { page, errors } = await openPage(suite.browser, { token });
    await page.goto(`${url}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Root Types').waitFor();
    await docs.getByRole('link', { name: 'Query', exact: true }).click();
    await docs.getByRole('link', { name: 'lineagePaths', exact: true }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain('Error fetching schema');
    expect(await settledViolations(page)).toEqual([]);

    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{ linea', { delay: 30 });
    const hints = page.locator('.CodeMirror-hints');
    await hints.getByText('lineagePaths', { exact: true }).waitFor();
    expect(await hints.innerText()).toContain('lineage');
    return errors;
  }

  it('fetches the schema with the limits on, signed in: the Docs pane shows it and the editor autocompletes from it', async () => {
    expect(await docsAndAutocomplete(suite.api.url, suite.api.token)).toEqual([]);
  });

  it('does the same for an anonymous demo visitor when anonymous reading is on', async () => {
    const anonymous = await startTestApi(suite.graph, { PVL_ANONYMOUS_READ: 'true' }, { anonymous: true });
    try {
      expect(await docsAndAutocomplete(anonymous.url, null)).toEqual([]);
    } finally {
      await anonymous.close();
    }
  });
});
