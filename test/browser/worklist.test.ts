import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Role } from '../../src/domain/role';
import { loadDemo, runNodeId } from '../support/demo';
import { REGISTER, person, sha256, type Person } from '../support/reports';
import { SCREENSHOTS, browserSuite, openPage, seriousViolations } from './browser';

const SIGN = `mutation($reportId: ID!, $meaning: SignatureMeaning!, $password: String) {
  signReport(reportId: $reportId, version: 1, meaning: $meaning, reason: "browser worklist test", password: $password) { id }
}`;

/** Opens the landing page signed in as `who`, counting the GraphQL requests it sends until the worklist has painted. */
async function openWorklist(url: string, browser: Parameters<typeof openPage>[0], who: Person): Promise<{ page: Page; errors: string[]; requests: () => number }> {
  const { page, errors } = await openPage(browser, { token: who.token });
  let requests = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/graphql') requests++;
  });
  await page.goto(`${url}/lineage`);
  await page.locator('#landing[data-state="worklist"]').waitFor();
  // Anything the view sends after painting would be counted too.
  await page.waitForLoadState('networkidle');
  return { page, errors, requests: () => requests };
}

describe('the landing page: the signed-in account’s worklist', () => {
  let scenario: Awaited<ReturnType<typeof loadDemo>>;
  const suite = browserSuite(async (graph) => {
    scenario = await loadDemo(graph);
  });
  let reviewer: Person;
  let qa: Person;

  beforeAll(async () => {
    const author = await person(suite.api, 'lp.author', [Role.SCIENTIST]);
    reviewer = await person(suite.api, 'lp.reviewer', [Role.REVIEWER]);
    qa = await person(suite.api, 'lp.qa', [Role.QA]);
    for (const key of ['LP-1', 'LP-2']) {
      const res = await suite.api.gql(REGISTER, { input: { reportId: key, title: `Quarterly assessment ${key}`, kind: 'SIGNAL_ASSESSMENT', contentHash: sha256(key), generatedFromRuns: [runNodeId(scenario, 0, 0)] } }, { token: author.token });
      expect(res.errors).toBeUndefined();
    }
    const signed = await suite.api.gql(SIGN, { reportId: 'report:LP-1', meaning: 'REVIEWED', password: reviewer.password }, { token: reviewer.token });
    expect(signed.errors).toBeUndefined();
  });

  it('shows a reviewer the report awaiting its review and the signals by stage, in one request, painted within 1 s, with nothing serious for axe', async () => {
    const { page, errors, requests } = await openWorklist(suite.api.url, suite.browser, reviewer);
    const rows = page.locator('[data-section="to-sign"] tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => `${(tr as HTMLElement).dataset.id} ${(tr as HTMLElement).dataset.meaning}`))).toEqual(['report:LP-2 REVIEWED']);
    await page.locator('[data-section="signals"] tr[data-status="DETECTED"]').waitFor();
    expect(await page.locator('[data-section="audit"]').count()).toBe(0);
    expect(requests()).toBeLessThanOrEqual(2);
    expect(Number(await page.getAttribute('#landing', 'data-render-ms'))).toBeLessThan(1000);
    await page.screenshot({ path: join(SCREENSHOTS, 'worklist-reviewer.png') });
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows QA the reviewed report to approve and the audit log’s checkpoint, and a report on it opens its lineage', async () => {
    await suite.api.gql('{ auditCheckpoint { treeSize } }', {}, { token: qa.token });
    const { page, errors, requests } = await openWorklist(suite.api.url, suite.browser, qa);
    const rows = page.locator('[data-section="to-sign"] tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => `${(tr as HTMLElement).dataset.id} ${(tr as HTMLElement).dataset.meaning}`))).toEqual(['report:LP-1 APPROVED']);
    await page.locator('[data-section="audit"]').getByText('Latest signed checkpoint').waitFor();
    await page.locator('[data-section="audit"]').getByText('does not record when the trail was last verified').waitFor();
    expect(requests()).toBeLessThanOrEqual(2);
    expect(Number(await page.getAttribute('#landing', 'data-render-ms'))).toBeLessThan(1000);
    await page.screenshot({ path: join(SCREENSHOTS, 'worklist-qa.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await rows.first().getByRole('button', { name: 'Quarterly assessment LP-1', exact: true }).click();
    await page.waitForFunction(() => document.getElementById('graph')?.dataset.state === 'ready');
    expect(await page.locator('#landing').isHidden()).toBe(true);
    expect(new URL(page.url()).searchParams.get('id')).toBe('report:LP-1');
    expect(errors).toEqual([]);
  });

  it('gives a visitor who is not signed in the tour, without asking the server for a worklist', async () => {
    const { page, errors } = await openPage(suite.browser);
    let worklistAsked = false;
    page.on('request', (r) => {
      if (r.postData()?.includes('worklist')) worklistAsked = true;
    });
    await page.goto(`${suite.api.url}/lineage`);
    await page.locator('#landing[data-state="tour"]').getByRole('button', { name: /Draw the upstream lineage/ }).waitFor();
    expect(worklistAsked).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
