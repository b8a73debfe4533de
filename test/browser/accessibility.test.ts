import { formatId } from '../../src/domain/ids';
import { NodeType } from '../../src/domain/nodeType';
import { loadDemo } from '../support/demo';
import { browserSuite, graphSettled, openPage, seriousViolations } from './browser';

const REPORT = formatId(NodeType.REPORT, 'SDR-2024Q1');

describe('accessibility of the lineage explorer (axe-core, WCAG 2.1 AA)', () => {
  const suite = browserSuite(loadDemo);

  it('finds nothing serious on the explorer with a lineage drawn, a node selected and search results open', async () => {
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(REPORT)}&direction=UPSTREAM&depth=3`);
    expect(await graphSettled(page)).toBe('ready');
    await page.locator('#node-list').focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('#details-body .details').first().waitFor();
    await page.getByLabel('Find a node').fill('xgb');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('#search-results button').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('finds nothing serious on the empty explorer a visitor first sees', async () => {
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage`);
    await page.locator('#search-text').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('finds nothing serious on a signal\'s panel with its next-stage form and its audit trail open', async () => {
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    const signal = formatId(NodeType.SIGNAL, 'SIG-2024-101');
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(signal)}&direction=DOWNSTREAM&depth=1`);
    expect(await graphSettled(page)).toBe('ready');
    await page.locator('#node-list').focus();
    await page.keyboard.press('Home');
    await page.locator(`#details-body .details[data-id="${signal}"]`).waitFor();
    await page.getByRole('button', { name: 'Show the audit trail' }).click();
    await page.locator('.audit-trail, .audit-trail-holder p').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
