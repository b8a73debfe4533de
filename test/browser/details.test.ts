import { formatId } from '../../src/domain/ids';
import { NodeType } from '../../src/domain/nodeType';
import { Role } from '../../src/domain/role';
import { storeKeyFor, TrackingStoreKind } from '../../src/domain/trackingStore';
import { buildScenario } from '../../scripts/bench/scenario/pvScenario';
import { seedScenario } from '../../scripts/bench/scenario/seedScenario';
import { testRoot } from '../support/composition';
import { loadDemo } from '../support/demo';
import { resetGraph } from '../support/graph';
import { tokenWithRoles } from '../support/identity';
import { browserSuite, graphSettled, openPage } from './browser';

const REPORT = formatId(NodeType.REPORT, 'SDR-2024Q1');

interface RunAnswer {
  id: string;
  runId: string;
  inputs: { context: string | null; digest: string | null; dataset: { id: string; name: string; digest: string | null } }[];
  modelVersions: { id: string; name: string; version: string; stage: string | null }[];
  downstreamReports: { id: string; title: string }[];
  experiment: { store: { uri: string } | null } | null;
}

describe('the explorer’s details panel on the demo data', () => {
  const suite = browserSuite(loadDemo);

  it('lists what a run read, produced and feeds, and re-roots on a report it feeds', async () => {
    const res = await suite.api.gql<{ report: { runs: RunAnswer[] } }>(
      `query($id: ID!) { report(id: $id) { runs { id runId inputs { context digest dataset { id name digest } } modelVersions { id name version stage }
        downstreamReports { id title } experiment { store { uri } } } } }`,
      { id: REPORT },
    );
    expect(res.errors).toBeUndefined();
    // The run with the most to show, so every block is exercised on real rows.
    const score = (r: RunAnswer) => Math.min(r.inputs.length, 1) + Math.min(r.modelVersions.length, 1) + Math.min(r.downstreamReports.length, 1);
    const run = [...res.data!.report.runs].sort((a, b) => score(b) - score(a))[0];
    expect(run.inputs.length).toBeGreaterThan(0);
    expect(run.downstreamReports.length).toBeGreaterThan(0);

    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(run.id)}&direction=BOTH&depth=1`);
    expect(await graphSettled(page)).toBe('ready');
    const details = page.locator(`#details-body .details[data-id="${run.id}"]`);
    await details.waitFor();

    const rows = (cls: string) => details.locator(`section.${cls} tbody tr`).allInnerTexts();
    expect(await rows('inputs')).toEqual(run.inputs.map((i) => `${i.dataset.name}\t${i.digest ?? i.dataset.digest ?? '—'}\t${i.context ?? '—'}`));
    const versions = await rows('model-versions');
    if (run.modelVersions.length === 0) expect(await details.locator('section.model-versions').innerText()).toContain('None.');
    else expect(versions).toEqual(run.modelVersions.map((v) => `${v.name}\t${v.version}\t${v.stage ?? '—'}`));
    const reports = details.locator('section.reports button.link');
    expect(await reports.allInnerTexts()).toEqual(run.downstreamReports.map((r) => r.title));
    // The demo's stores are a file store and a SQLite database: no MLflow UI to link to.
    expect(run.experiment?.store?.uri ?? '').not.toMatch(/^https?:/);
    expect(await details.locator('.mlflow a').count()).toBe(0);

    const target = run.downstreamReports[run.downstreamReports.length - 1];
    await reports.filter({ hasText: target.title }).first().click();
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('id') === id, target.id);
    expect(await graphSettled(page)).toBe('ready');
    await page.locator(`#details-body .details[data-id="${target.id}"]`).waitFor();
    expect(errors).toEqual([]);
  });

  it('shows a signal’s lifecycle: its status and every transition', async () => {
    const listed = await suite.api.gql<{ signals: { edges: { node: { id: string; status: string } }[] } }>('{ signals(first: 50) { edges { node { id status } } } }');
    const signal = listed.data!.signals.edges.map((e) => e.node).find((s) => s.status === 'DETECTED')!;
    expect(signal).toBeDefined();
    const scientist = await tokenWithRoles([Role.SCIENTIST]);
    const move = (to: string, decision: string, rationale: string) =>
      suite.api.gql('mutation($id: ID!, $to: SignalStatus!, $d: String!, $r: String!) { transitionSignal(id: $id, to: $to, decision: $d, rationale: $r) { id } }', { id: signal.id, to, d: decision, r: rationale }, { token: scientist });
    expect((await move('VALIDATED', 'Validated: new potential causal association', 'PRR above threshold in two quarters')).errors).toBeUndefined();
    expect((await move('PRIORITISED', 'Prioritised for assessment', 'Serious outcome')).errors).toBeUndefined();
    const answer = await suite.api.gql<{ signal: { status: string; history: { from: string; to: string; actorId: string; actorName: string; decision: string; rationale: string; at: string }[] } }>(
      'query($id: ID!) { signal(id: $id) { status history { from to actorId actorName decision rationale at } } }',
      { id: signal.id },
    );
    const { status, history } = answer.data!.signal;
    expect(history).toHaveLength(2);

    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(signal.id)}&direction=UPSTREAM&depth=1`);
    expect(await graphSettled(page)).toBe('ready');
    const section = page.locator(`#details-body .details[data-id="${signal.id}"] section.history`);
    await section.waitFor();
    expect(await section.innerText()).toContain(`Current status: ${status}.`);
    expect(await section.locator('tbody tr').allInnerTexts()).toEqual(history.map((t) => `${t.from} → ${t.to}\t${t.actorName} (${t.actorId})\t${t.decision}\t${t.rationale}\t${t.at}`));

    // A signal nobody has moved yet: its status and no steps.
    const others = await suite.api.gql<{ signals: { edges: { node: { id: string; status: string; history: unknown[] } }[] } }>('{ signals(first: 50) { edges { node { id status history { at } } } } }');
    const untouched = others.data!.signals.edges.map((e) => e.node).find((s) => s.history.length === 0)!;
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(untouched.id)}&direction=UPSTREAM&depth=1`);
    expect(await graphSettled(page)).toBe('ready');
    const quiet = page.locator(`#details-body .details[data-id="${untouched.id}"] section.history`);
    await quiet.waitFor();
    expect(await quiet.innerText()).toContain(`Current status: ${untouched.status}.`);
    expect(await quiet.innerText()).toContain('No transitions recorded');
    expect(await quiet.locator('tbody tr').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('the explorer’s details panel for a run of an MLflow tracking server', () => {
  const SERVER = 'http://mlflow.pv.example:5000';
  const demo = buildScenario();
  // The demo's first store, as if it were read from a tracking server over REST; no reports or signals (they name the demo's own stores).
  const suite = browserSuite(async (graph) => {
    await resetGraph(graph);
    await seedScenario(testRoot(graph), {
      datasets: demo.datasets,
      stores: [{ ...demo.stores[0], store: { uri: SERVER, kind: TrackingStoreKind.REST, displayName: 'pv-team tracking server' } }],
      signals: [],
      reports: [],
    });
  });

  it('links the run to its page in the MLflow UI', async () => {
    const id = formatId(NodeType.RUN, storeKeyFor(SERVER), demo.stores[0].runs[0].runId);
    const res = await suite.api.gql<{ run: { runId: string; experiment: { experimentId: string; store: { uri: string; kind: string } } } }>(
      'query($id: ID!) { run(id: $id) { runId experiment { experimentId store { uri kind } } } }',
      { id },
    );
    expect(res.errors).toBeUndefined();
    const { runId, experiment } = res.data!.run;
    expect(experiment.store.kind).toBe('REST');

    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(id)}&direction=BOTH&depth=1`);
    expect(await graphSettled(page)).toBe('ready');
    const link = page.locator(`#details-body .details[data-id="${id}"] .mlflow a`);
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`${experiment.store.uri.replace(/\/$/, '')}/#/experiments/${experiment.experimentId}/runs/${runId}`);
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(errors).toEqual([]);
  });
});
