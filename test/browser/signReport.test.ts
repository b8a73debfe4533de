import { join } from 'node:path';
import { formatId } from '../../src/domain/ids';
import { NodeType } from '../../src/domain/nodeType';
import { Role } from '../../src/domain/role';
import { WHO_SIGNS } from '../../src/ui/signingOffer';
import { loadDemo, runNodeId } from '../support/demo';
import { REGISTER, auditActions, person, sha256, type Person } from '../support/reports';
import { SCREENSHOTS, browserSuite, openDetails, openPage, requestCounter, seriousViolations } from './browser';

/** The demo scenario's SDR-2024Q1 is imported, not registered: these tests register their own reports, as an author would. */
const REPORT = formatId(NodeType.REPORT, 'SR-REVIEW');
const SECOND = formatId(NodeType.REPORT, 'SR-APPROVE');
const SIGN = `mutation($reportId: ID!, $meaning: SignatureMeaning!, $password: String) {
  signReport(reportId: $reportId, version: 1, meaning: $meaning, reason: "signed through the API by the browser test", password: $password) { id }
}`;
const SIGNATURES = `query($id: ID!) { report(id: $id) { signatures { meaning userId version reason } } }`;

describe('signing a report from the explorer', () => {
  let scenario: Awaited<ReturnType<typeof loadDemo>>;
  const suite = browserSuite(async (graph) => {
    scenario = await loadDemo(graph);
  });
  let author: Person;
  let reviewer: Person;
  let qa: Person;
  let viewer: Person;

  const signatures = async (id: string) => {
    const res = await suite.api.gql<{ report: { signatures: { meaning: string; userId: string; version: number; reason: string }[] } }>(SIGNATURES, { id }, { token: viewer.token });
    expect(res.errors).toBeUndefined();
    return res.data!.report.signatures;
  };
  const signViaApi = async (who: Person, reportId: string, meaning: string) => {
    const res = await suite.api.gql(SIGN, { reportId, meaning, password: who.password }, { token: who.token });
    expect(res.errors).toBeUndefined();
  };

  beforeAll(async () => {
    author = await person(suite.api, 'sr.author', [Role.SCIENTIST]);
    reviewer = await person(suite.api, 'sr.reviewer', [Role.REVIEWER]);
    qa = await person(suite.api, 'sr.qa', [Role.QA]);
    viewer = await person(suite.api, 'sr.viewer', [Role.VIEWER]);
    // Registered as version 1 and signed AUTHORED by the author: the reviewer signs the first next, QA the second (already reviewed).
    for (const [reportId, title] of [['SR-REVIEW', 'Quarterly signal detection report 2024Q1'], ['SR-APPROVE', 'Assessment to approve']]) {
      const res = await suite.api.gql(REGISTER, { input: { reportId, title, kind: 'SIGNAL_DETECTION', period: '2024Q1', contentHash: sha256(reportId), generatedFromRuns: [runNodeId(scenario, 0, 0)] } }, { token: author.token });
      expect(res.errors).toBeUndefined();
    }
    await signViaApi(author, REPORT, 'AUTHORED');
    await signViaApi(author, SECOND, 'AUTHORED');
    await signViaApi(reviewer, SECOND, 'REVIEWED');
  });

  it('lets the reviewer sign the latest version REVIEWED, after refusing a wrong password with the API’s message and signing nothing', async () => {
    const { page, errors } = await openDetails(suite.browser, suite.api.url, reviewer.token, REPORT);
    const block = page.locator('#details-body .sign-report[data-offer="sign"]');
    await block.waitFor();
    // Only what the signing rules let this account give now, as the server answered.
    expect(await block.getByLabel('Meaning').locator('option').allInnerTexts()).toEqual(['REVIEWED']);
    expect(await block.getByLabel('Version', { exact: true }).inputValue()).toBe('v1 (the latest)');
    const statement = await block.locator('.sign-statement').innerText();
    expect(statement).toContain(`Dr ${reviewer.id}, ${reviewer.id}`);
    expect(statement).toContain('date and time');
    expect(statement).toContain('(REVIEWED)');
    expect(await block.getByLabel(/^Your password/).getAttribute('autocomplete')).toBe('current-password');

    await block.getByLabel(/^Reason/).fill('Reviewed the case series and the disproportionality tables.');
    await block.getByLabel(/^Your password/).fill('not my password at all');
    await block.getByRole('button', { name: 'Sign' }).click();
    await block.getByRole('status').getByText(/^Not signed: re-authentication failed\./).waitFor();
    expect(await block.getByLabel(/^Your password/).inputValue()).toBe('');
    expect(await signatures(REPORT)).toHaveLength(1);
    expect((await auditActions(suite.graph, REPORT)).map((e) => e.action).filter((a) => a === 'REPORT_SIGNED')).toHaveLength(1);

    await block.getByLabel(/^Your password/).fill(reviewer.password);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-report.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await block.getByRole('button', { name: 'Sign' }).click();
    await page.locator('#messages [data-topic="sign"]').getByText(/^Signed REVIEWED on version 1 by Dr sr\.reviewer at \d{4}-\d\d-\d\dT/).waitFor();
    // The panel reloads: its signatures table shows the new signature, and nothing more waits for this reviewer.
    await page.locator('#details-body .signatures tbody tr', { hasText: 'REVIEWED' }).waitFor();
    await page.locator('#details-body .sign-report[data-offer="none"]').getByText('Nothing on this report’s latest version waits for your signature').waitFor();
    const after = await signatures(REPORT);
    expect(after.map((s) => [s.meaning, s.userId, s.version, s.reason])).toEqual([
      ['AUTHORED', author.id, 1, 'signed through the API by the browser test'],
      ['REVIEWED', reviewer.id, 1, 'Reviewed the case series and the disproportionality tables.'],
    ]);
    expect((await auditActions(suite.graph, REPORT)).filter((e) => e.action === 'REPORT_SIGNED').map((e) => e.entityVersion)).toEqual(['1', '1']);
    expect(errors).toEqual([]);
  });

  it('opens the signing form from a “to sign” item of the QA worklist, with its meaning chosen and the focus in it, and signs from the keyboard', async () => {
    const { page, errors } = await openPage(suite.browser, { token: qa.token });
    await page.goto(`${suite.api.url}/lineage`);
    const row = page.locator(`[data-section="to-sign"] tbody tr[data-id="${SECOND}"][data-meaning="APPROVED"]`);
    await row.waitFor();
    const requests = requestCounter(page);
    await row.getByRole('button', { name: /^Sign / }).click();
    const block = page.locator(`#details-body .details[data-id="${SECOND}"] .sign-report[data-offer="sign"]`);
    await block.waitFor();
    await page.waitForLoadState('networkidle');
    // The lineage, the signatures probe, the node's details and what the account may sign.
    expect(requests.since()).toBeLessThanOrEqual(4);
    expect(await block.getByLabel('Meaning').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await block.getByLabel('Meaning').inputValue()).toBe('APPROVED');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Approved for release after review.');
    await page.keyboard.press('Tab');
    await page.keyboard.type(qa.password);
    await page.keyboard.press('Enter');
    await page.locator('#messages [data-topic="sign"]').getByText(/^Signed APPROVED on version 1/).waitFor();
    expect((await signatures(SECOND)).map((s) => [s.meaning, s.userId])).toEqual([['AUTHORED', author.id], ['REVIEWED', reviewer.id], ['APPROVED', qa.id]]);
    expect(errors).toEqual([]);
  });

  it('gives a viewer one sentence saying which role signs, and no form', async () => {
    const { page, errors } = await openDetails(suite.browser, suite.api.url, viewer.token, REPORT);
    const block = page.locator('#details-body .sign-report[data-offer="none"]');
    await block.getByText(WHO_SIGNS).waitFor();
    expect(await page.locator('#details-body form.sign-report-form').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
