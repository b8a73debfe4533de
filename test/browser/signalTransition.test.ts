import { Role } from '../../src/domain/role';
import { nextStages } from '../../src/ui/signalTransitionForm';
import { loadDemo } from '../support/demo';
import { tokenWithRoles } from '../support/identity';
import { browserSuite, openDetails } from './browser';

const DETECTED = `{ signals(filter: { statuses: [DETECTED] }, first: 10) { edges { node { id } } } }`;
const SIGNAL = `query($id: ID!) { signal(id: $id) { status history { from to decision rationale actorId } } }`;

describe('moving a signal through its lifecycle from the explorer', () => {
  const suite = browserSuite(loadDemo);


  const detected = async () => {
    const res = await suite.api.gql<{ signals: { edges: { node: { id: string } }[] } }>(DETECTED);
    return res.data!.signals.edges.map((e) => e.node.id);
  };

  it('offers only the next stages and records the step a scientist takes, with decision and rationale', async () => {
    const [id] = await detected();
    expect(id).toBeDefined();
    const scientist = await tokenWithRoles([Role.SCIENTIST]);
    const { page, errors } = await openDetails(suite.browser, suite.api.url, scientist, id);
    const options = await page.getByLabel('Move to').locator('option').allInnerTexts();
    expect(options).toEqual([...nextStages('DETECTED')]);
    await page.getByLabel('Move to').selectOption('VALIDATED');
    await page.getByLabel('Decision').fill('Validated: new potential causal association');
    await page.getByLabel(/^Rationale/).fill('Disproportionality confirmed in two quarters; case review supports it.');
    await page.getByRole('button', { name: 'Move the signal' }).click();
    // The panel reloads with the new stage, and offers the stage after it.
    await page.locator(`#details-body .details[data-id="${id}"] .signal-transition`).getByLabel('Move to').locator('option', { hasText: 'PRIORITISED' }).waitFor({ state: 'attached' });
    const after = await suite.api.gql<{ signal: { status: string; history: { from: string; to: string; decision: string; rationale: string; actorId: string }[] } }>(SIGNAL, { id });
    expect(after.data!.signal.status).toBe('VALIDATED');
    expect(after.data!.signal.history.at(-1)).toMatchObject({ from: 'DETECTED', to: 'VALIDATED', decision: 'Validated: new potential causal association' });
    expect(errors).toEqual([]);
  });

  it('tells a reviewer, in words, that moving a signal needs the SCIENTIST role, and changes nothing', async () => {
    const [id] = await detected();
    const reviewer = await tokenWithRoles([Role.REVIEWER]);
    const { page } = await openDetails(suite.browser, suite.api.url, reviewer, id);
    await page.getByLabel('Move to').selectOption('NOT_VALIDATED');
    await page.getByLabel('Decision').fill('Refuted');
    await page.getByLabel(/^Rationale/).fill('Confounded by indication.');
    await page.getByRole('button', { name: 'Move the signal' }).click();
    await page.getByText('Moving a signal needs the SCIENTIST role').waitFor();
    const after = await suite.api.gql<{ signal: { status: string } }>(SIGNAL, { id });
    expect(after.data!.signal.status).toBe('DETECTED');
  });
});
