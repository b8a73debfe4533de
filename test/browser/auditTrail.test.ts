import { formatId } from '../../src/domain/ids';
import { NodeType } from '../../src/domain/nodeType';
import { Role } from '../../src/domain/role';
import { changeLines } from '../../src/ui/auditTrailView';
import { loadDemo } from '../support/demo';
import { tokenWithRoles } from '../support/identity';
import { browserSuite, openDetails } from './browser';

// A scenario signal: recorded, then moved through its lifecycle, each step an audit event.
const SIGNAL = formatId(NodeType.SIGNAL, 'SIG-2024-101');
const TRAIL = `query($id: ID!) { auditTrail(entityId: $id, first: 50) { totalCount edges { node { seq action changes { field oldValue newValue } } } } }`;

describe('reading a record’s audit trail from the explorer', () => {
  const suite = browserSuite(loadDemo);


  it('shows QA the events naming the record, as the API answers them, newest first', async () => {
    const qa = await tokenWithRoles([Role.QA]);
    const expected = await suite.api.gql<{ auditTrail: { totalCount: number; edges: { node: { seq: number; action: string; changes: { field: string; oldValue: unknown; newValue: unknown }[] } }[] } }>(TRAIL, { id: SIGNAL }, { token: qa });
    const entries = expected.data!.auditTrail.edges.map((e) => e.node);
    expect(entries.length).toBeGreaterThan(0);
    const { page, errors } = await openDetails(suite.browser, suite.api.url, qa, SIGNAL);
    await page.getByRole('button', { name: 'Show the audit trail' }).click();
    const rows = page.locator('.audit-trail tbody tr');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.seq)))).toEqual(entries.map((e) => e.seq));
    const first = await rows.first().locator('td').allInnerTexts();
    expect(first[2]).toBe(entries[0].action);
    for (const line of changeLines(entries[0])) expect(first[4]).toContain(line);
    expect(errors).toEqual([]);
  });

  it('tells a signed-in user without the role, in words, that it needs REVIEWER or QA', async () => {
    const viewer = await tokenWithRoles([Role.VIEWER]);
    const { page } = await openDetails(suite.browser, suite.api.url, viewer, SIGNAL);
    await page.getByRole('button', { name: 'Show the audit trail' }).click();
    await page.getByText('Reading the audit trail needs the REVIEWER or QA role').waitFor();
    expect(await page.locator('.audit-trail tbody tr').count()).toBe(0);
  });
});
