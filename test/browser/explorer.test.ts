import { join } from 'node:path';
import { formatId } from '../../src/domain/ids';
import { NodeType } from '../../src/domain/nodeType';
import { Role } from '../../src/domain/role';
import { startTestApi } from '../support/api';
import { loadDemo } from '../support/demo';
import { tokenWithRoles } from '../support/identity';
import { browserSuite, SCREENSHOTS, drawnIds, graphSettled, listedIds, openPage } from './browser';

const REPORT_TITLE = 'Quarterly signal detection report 2024Q1';
const REPORT = formatId(NodeType.REPORT, 'SDR-2024Q1');
const PASSWORD = 'correct horse battery staple 9';

describe('lineage explorer on the demo data', () => {
  const suite = browserSuite(loadDemo);

  const lineageCount = async (depth: number) => {
    const res = await suite.api.gql<{ lineage: { nodes: unknown[] } }>('query($id: ID!, $d: Int!) { lineage(id: $id, depth: $d) { nodes { id } } }', { id: REPORT, d: depth });
    return res.data!.lineage.nodes.length;
  };

  it('shows which store each search hit comes from, so same-named runs differ', async () => {
    const name = 'xgb-2024Q2-d8-eta0.1';
    const res = await suite.api.gql<{ search: { source: string }[] }>('query($t: String!) { search(text: $t, types: [RUN]) { source match } }', { t: name });
    const sources = res.data!.search.map((h) => h.source);
    expect(new Set(sources).size).toBe(2);
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage`);
    await page.getByLabel('Find a node').fill(name);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const rows = page.locator('#search-results button', { hasText: name });
    await rows.first().waitFor();
    const metas = await page.locator('#search-results button .meta').allInnerTexts();
    for (const source of sources) expect(metas.filter((m) => m.includes(source))).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('shows a node\'s whole label on hover and when it is selected from the keyboard list', async () => {
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(REPORT)}&direction=UPSTREAM&depth=2`);
    expect(await graphSettled(page)).toBe('ready');
    type Cy = { getElementById(id: string): { style(k: string): string; emit(e: string): void; unselect(): void } };
    const wrap = (id: string) => page.evaluate((nodeId) => (window as unknown as { pvlExplorer: { cy: Cy } }).pvlExplorer.cy.getElementById(nodeId).style('text-wrap'), id);
    const runId = (await drawnIds(page)).find((id) => id.startsWith('run:'))!;
    expect(await wrap(runId)).toBe('ellipsis');
    await page.evaluate((nodeId) => (window as unknown as { pvlExplorer: { cy: Cy } }).pvlExplorer.cy.getElementById(nodeId).emit('mouseover'), runId);
    expect(await wrap(runId)).toBe('wrap');
    await page.evaluate((nodeId) => (window as unknown as { pvlExplorer: { cy: Cy } }).pvlExplorer.cy.getElementById(nodeId).emit('mouseout'), runId);
    expect(await wrap(runId)).toBe('ellipsis');
    // The keyboard list selects the node it is on; its label opens too.
    await page.locator('#node-list').focus();
    await page.keyboard.press('ArrowDown');
    const selected = await page.evaluate(() => (document.querySelector('#node-list [aria-selected="true"]') as HTMLElement | null)?.dataset.id ?? null);
    expect(selected).not.toBeNull();
    expect(await wrap(selected!)).toBe('wrap');
    expect(errors).toEqual([]);
  });

  it('finds a report with the search box and draws the runs that fed it', async () => {
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage`);
    await page.getByLabel('Find a node').fill(REPORT_TITLE);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('#search-results button', { hasText: REPORT_TITLE }).click();
    expect(await graphSettled(page)).toBe('ready');

    const res = await suite.api.gql<{ report: { sourceRuns: { pathLength: number; run: { id: string } }[] } }>('query($id: ID!) { report(id: $id) { sourceRuns { pathLength run { id } } } }', { id: REPORT });
    const depth = Number(await page.inputValue('#depth'));
    const expected = res.data!.report.sourceRuns.filter((s) => s.pathLength <= depth).map((s) => s.run.id);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(await listedIds(page)).toEqual(expect.arrayContaining(expected));
    expect(await drawnIds(page)).toEqual(expect.arrayContaining(expected));
    // The root and the view are in the address bar, so the view can be shared.
    const url = new URL(page.url());
    expect(url.searchParams.get('id')).toBe(REPORT);
    expect(url.searchParams.get('direction')).toBe('UPSTREAM');
    expect(errors).toEqual([]);
  });

  it('redraws with more or fewer nodes when the depth changes', async () => {
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(REPORT)}&direction=UPSTREAM&depth=3`);
    expect(await graphSettled(page)).toBe('ready');
    const deep = (await listedIds(page)).length;
    expect(deep).toBe(await lineageCount(3));

    await page.locator('#depth').fill('1');
    await page.waitForFunction((n) => document.getElementById('graph')!.dataset.nodeCount !== String(n), deep);
    expect(await graphSettled(page)).toBe('ready');
    const shallow = (await listedIds(page)).length;
    expect(shallow).toBe(await lineageCount(1));
    expect(shallow).toBeLessThan(deep);
    expect(await page.getAttribute('#graph', 'data-node-count')).toBe(String(shallow));
    expect(new URL(page.url()).searchParams.get('depth')).toBe('1');

    // "As of" a moment after the demo was loaded: the same graph, with the instant in the address.
    const now = await page.evaluate(() => {
      const d = new Date();
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    });
    await page.locator('#as-of').fill(now);
    await page.waitForFunction(() => new URL(location.href).searchParams.has('asOf'));
    expect(await graphSettled(page)).toBe('ready');
    expect((await listedIds(page)).length).toBe(shallow);
    expect(errors).toEqual([]);
  });

  it('takes a "valid at" (source) time beside "as of", keeps it in the address and says when the root did not exist yet', async () => {
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    // SDR-2024Q1 dates from 2024-05-07 in its source record: on 2024-05-01 there was nothing.
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(REPORT)}&direction=UPSTREAM&depth=3&validAt=2024-05-01T00:00:00Z`);
    expect(await graphSettled(page)).toBe('ready');
    expect(await listedIds(page)).toEqual([REPORT]);
    const absent = page.locator('.message[data-topic="absent"]');
    await expect(absent.innerText()).resolves.toContain('dates from 2024-05-07T09:00:00.000Z in its source records, after validAt 2024-05-01T00:00:00.000Z');
    expect(await page.inputValue('#valid-at')).not.toBe('');
    expect(await page.inputValue('#as-of')).toBe('');

    // A month later the runs and the model version are there; the signals, recorded at load, are not.
    await page.locator('#valid-at').fill('2024-06-01T00:00:00');
    await page.waitForFunction(() => (new URL(location.href).searchParams.get('validAt') ?? '').startsWith('2024-0'));
    await page.waitForFunction(() => document.getElementById('graph')!.dataset.nodeCount !== '1');
    expect(await graphSettled(page)).toBe('ready');
    const ids = await listedIds(page);
    expect(ids.some((id) => id.startsWith('run:'))).toBe(true);
    expect(ids.some((id) => id.startsWith('signal:'))).toBe(false);
    expect(await absent.count()).toBe(0);
    expect(new URL(page.url()).searchParams.has('asOf')).toBe(false);
    expect(errors).toEqual([]);
  });

  it('shows a run’s metrics when the run is clicked on the canvas', async () => {
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(REPORT)}&direction=UPSTREAM&depth=2`);
    expect(await graphSettled(page)).toBe('ready');
    const res = await suite.api.gql<{ report: { runs: { id: string; name: string; metrics: { key: string; value: number | null }[] }[] } }>(
      'query($id: ID!) { report(id: $id) { runs { id name metrics { key value } } } }',
      { id: REPORT },
    );
    const run = res.data!.report.runs.find((r) => r.metrics.some((m) => m.key === 'AUC_test'))!;
    const point = await page.evaluate((id) => {
      const cy = (window as unknown as { pvlExplorer: { cy: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } } }).pvlExplorer.cy;
      const p = cy.getElementById(id).renderedPosition();
      const box = document.getElementById('graph')!.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, run.id);
    await page.mouse.click(point.x, point.y);

    const details = page.locator(`#details-body .details[data-id="${run.id}"]`);
    await details.waitFor();
    const rows = await details.locator('section.metrics tbody tr').allInnerTexts();
    for (const m of run.metrics) expect(rows).toContainEqual(`${m.key}\t${m.value}`);
    await expect(details.locator('dd').first().innerText()).resolves.toBe(run.name);
    // The list follows the canvas selection.
    expect(await page.getAttribute('#node-list [aria-selected="true"]', 'data-id')).toBe(run.id);
    await page.screenshot({ path: join(SCREENSHOTS, 'explorer.png') });
    expect(errors).toEqual([]);
  });

  it.each([
    ['with introspection', {}],
    ['in production, introspection off', { NODE_ENV: 'production' }],
  ])('shows a report’s signatures only when the server has them (%s)', async (_how, env) => {
    const introspected = await suite.api.gql<{ __type: { fields: { name: string }[] } }>('{ __type(name: "Report") { fields { name } } }');
    const hasSignatures = introspected.data!.__type.fields.some((f) => f.name === 'signatures');
    const server = Object.keys(env).length === 0 ? suite.api : await startTestApi(suite.graph, env);
    try {
      const { page, errors } = await openPage(suite.browser, { token: server.token });
      await page.goto(`${server.url}/lineage?id=${encodeURIComponent(REPORT)}&depth=1`);
      expect(await graphSettled(page)).toBe('ready');
      // The root is selected once drawn, so its details show without a click.
      const section = page.locator(`#details-body .details[data-id="${REPORT}"] section.signatures`);
      await section.waitFor();
      const text = await section.innerText();
      if (hasSignatures) expect(text).not.toContain('does not list');
      else expect(text).toContain('This server does not list electronic signatures.');
      expect(errors).toEqual([]);
    } finally {
      if (server !== suite.api) await server.close();
    }
  });

  it('says when an answer is partial and raises the limit on request', async () => {
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(REPORT)}&depth=3&limit=2`);
    expect(await graphSettled(page)).toBe('ready');
    expect((await listedIds(page)).length).toBe(3);
    const note = page.locator('.message[data-topic="truncated"]');
    await expect(note.innerText()).resolves.toMatch(/Partial answer: more than 2 nodes are reachable/);
    await note.getByRole('button', { name: 'Show up to 1000 nodes' }).click();
    await page.waitForFunction(() => document.getElementById('graph')!.dataset.nodeCount !== '3');
    expect(await graphSettled(page)).toBe('ready');
    expect((await listedIds(page)).length).toBe(await lineageCount(3));
    expect(await note.count()).toBe(0);
    expect(errors).toEqual([]);
  });
  it('can be used with the keyboard alone: sign in, search, walk the graph, re-root', async () => {
    const admin = await tokenWithRoles([Role.ADMIN]);
    const temporary = `${PASSWORD} temporary`;
    const created = await suite.api.gql('mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', { input: { id: 'kim.keyboard', displayName: 'Kim Keyboard', kind: 'USER', roles: ['VIEWER'], password: temporary } }, { token: admin });
    expect(created.errors).toBeUndefined();
    // The administrator's password is temporary: Kim replaces it before using the explorer.
    const changed = await suite.api.gql('mutation($c: String!, $n: String!) { changePassword(userId: "kim.keyboard", currentPassword: $c, newPassword: $n) { id } }', { c: temporary, n: PASSWORD }, { anonymous: true });
    expect(changed.errors).toBeUndefined();
    const { page, errors } = await openPage(suite.browser);
    await page.goto(`${suite.api.url}/lineage`);
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('name') || document.activeElement?.tagName);
    for (let i = 0; i < 12 && (await focused()) !== 'search-text'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('search-text');
    await page.keyboard.type(REPORT_TITLE);
    await page.keyboard.press('Enter');

    // No token and no anonymous reading: the page asks to sign in and puts the cursor there.
    await page.locator('.message[data-topic="auth"]', { hasText: 'Sign in to see lineage' }).waitFor();
    expect(await focused()).toBe('userId');
    await page.keyboard.type('kim.keyboard');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('#user-name', { hasText: 'Kim Keyboard' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('pvl.token'))).toMatch(/.{20,}/);

    // The refused search runs again after sign-in; its first result takes the focus.
    await page.locator('#search-results button', { hasText: REPORT_TITLE }).first().waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.id)).toBe(REPORT);
    await page.keyboard.press('Enter');
    expect(await graphSettled(page)).toBe('ready');
    expect(await focused()).toBe('node-list');

    const active = () => page.evaluate(() => {
      const list = document.getElementById('node-list')!;
      const option = document.getElementById(list.getAttribute('aria-activedescendant') ?? '');
      return option ? { id: option.dataset.id!, selected: option.getAttribute('aria-selected'), label: option.textContent! } : null;
    });
    expect(await active()).toMatchObject({ id: REPORT, selected: 'true' });
    expect((await active())!.label).toMatch(/^Quarterly signal detection report 2024Q1 Report · root/);

    // ← goes upstream along an edge, ↓ walks the list; the details panel follows.
    await page.keyboard.press('ArrowLeft');
    const upstream = (await active())!.id;
    const edges = await suite.api.gql<{ lineage: { edges: { from: string; to: string }[] } }>('query($id: ID!) { lineage(id: $id, depth: 1) { edges { from to } } }', { id: REPORT });
    expect(edges.data!.lineage.edges).toContainEqual({ from: upstream, to: REPORT });
    await page.locator(`#details-body .details[data-id="${upstream}"]`).waitFor();
    await page.keyboard.press('ArrowDown');
    const next = (await active())!.id;
    expect(next).not.toBe(upstream);
    await page.locator(`#details-body .details[data-id="${next}"]`).waitFor();

    // Enter re-roots on the active node.
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('id') === id, next);
    expect(await graphSettled(page)).toBe('ready');
    expect((await listedIds(page))[0]).toBe(next);

    // Signing out revokes the session token on the server and clears the page.
    const token = (await page.evaluate(() => sessionStorage.getItem('pvl.token')))!;
    await page.getByRole('button', { name: 'Sign out' }).press('Enter');
    await page.locator('#sign-in').waitFor();
    expect(await page.getAttribute('#graph', 'data-state')).toBe('empty');
    expect(await listedIds(page)).toEqual([]);
    expect(await page.evaluate(() => sessionStorage.getItem('pvl.token'))).toBeNull();
    expect((await suite.api.gql('{ me { id } }', undefined, { token })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(errors).toEqual([]);
  });

  it('cycles ← through every upstream neighbour of the start node, saying “n of m”, and → goes back', async () => {
    const res = await suite.api.gql<{ lineage: { nodes: { id: string; depth: number; displayName: string }[]; edges: { from: string; to: string }[] } }>(
      'query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 2) { nodes { id depth displayName } edges { from to } } }',
      { id: REPORT },
    );
    const { nodes, edges } = res.data!.lineage;
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const expected = [...new Set(edges.filter((e) => e.to === REPORT).map((e) => e.from))]
      .sort((a, b) => byId.get(a)!.depth - byId.get(b)!.depth || cmp(byId.get(a)!.displayName, byId.get(b)!.displayName) || cmp(a, b));
    expect(expected.length).toBeGreaterThanOrEqual(3);

    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(REPORT)}&direction=UPSTREAM&depth=2`);
    expect(await graphSettled(page)).toBe('ready');
    await page.locator('#node-list').focus();
    const active = () => page.evaluate(() => {
      const list = document.getElementById('node-list')!;
      return document.getElementById(list.getAttribute('aria-activedescendant') ?? '')?.dataset.id ?? null;
    });
    await page.waitForFunction((id) => document.querySelector('#node-list [aria-selected="true"]')?.getAttribute('data-id') === id, REPORT);
    const live = page.locator('#node-walk');
    expect(await live.getAttribute('aria-live')).toBe('polite');
    const seen: string[] = [];
    // One press more than there are neighbours: the walk wraps round to the first.
    for (let i = 0; i <= expected.length; i++) {
      await page.keyboard.press('ArrowLeft');
      const id = (await active())!;
      seen.push(id);
      const n = (i % expected.length) + 1;
      await expect(live.innerText()).resolves.toBe(`${byId.get(id)!.displayName}: upstream neighbour ${n} of ${expected.length}.`);
      await page.locator(`#details-body .details[data-id="${id}"]`).waitFor();
    }
    expect(seen).toEqual([...expected, expected[0]]);
    await page.keyboard.press('ArrowRight');
    expect(await active()).toBe(REPORT);
    await expect(live.innerText()).resolves.toBe(`Back to ${byId.get(REPORT)!.displayName}.`);
    expect(errors).toEqual([]);
  });

  it('draws edges within one column as arcs that bow out of it instead of through its nodes', async () => {
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(REPORT)}&direction=UPSTREAM&depth=3`);
    expect(await graphSettled(page)).toBe('ready');
    type P = { x: number; y: number };
    const drawn = await page.evaluate(() => {
      type El = { id(): string; position(): P; style(k: string): string; source(): El; target(): El; controlPoints(): P[] | undefined };
      const cy = (window as unknown as { pvlExplorer: { cy: { nodes(): El[]; edges(): El[] } } }).pvlExplorer.cy;
      return {
        nodes: cy.nodes().map((n) => ({ id: n.id(), ...n.position() })),
        edges: cy.edges().map((e) => ({ from: e.source().id(), to: e.target().id(), s: e.source().position(), t: e.target().position(), curve: e.style('curve-style'), ctrl: e.controlPoints() ?? [] })),
      };
    });
    // Upstream, every node of a depth shares one x (the demo's columns are short: no sub-columns).
    const within = drawn.edges.filter((e) => e.s.x === e.t.x);
    expect(within.length).toBeGreaterThan(0);
    for (const e of drawn.edges) expect({ e: `${e.from}→${e.to}`, curve: e.curve }).toEqual({ e: `${e.from}→${e.to}`, curve: e.s.x === e.t.x ? 'unbundled-bezier' : 'straight' });
    for (const e of within) {
      expect(e.ctrl).toHaveLength(1);
      const c = e.ctrl[0];
      // Away from the root, which is right of every upstream column.
      expect(c.x).toBeLessThan(e.s.x - 30);
      const points = Array.from({ length: 101 }, (_, i) => {
        const u = i / 100;
        return { x: (1 - u) ** 2 * e.s.x + 2 * (1 - u) * u * c.x + u ** 2 * e.t.x, y: (1 - u) ** 2 * e.s.y + 2 * (1 - u) * u * c.y + u ** 2 * e.t.y };
      });
      const through = drawn.nodes.filter((n) => n.id !== e.from && n.id !== e.to && points.some((p) => Math.hypot(p.x - n.x, p.y - n.y) < 22)).map((n) => n.id);
      expect({ e: `${e.from}→${e.to}`, through }).toEqual({ e: `${e.from}→${e.to}`, through: [] });
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'explorer-arcs.png') });
    expect(errors).toEqual([]);
  });

  it('explains problems in words instead of showing a blank page', async () => {
    const { page, errors } = await openPage(suite.browser, { token: suite.api.token });
    const message = (topic: string) => page.locator(`.message[data-topic="${topic}"]`);

    await page.goto(`${suite.api.url}/lineage?id=bogus&depth=99`);
    await expect(message('url').innerText()).resolves.toMatch(/The id in the address is not valid: Malformed id "bogus".*Depth "99" in the address is not a whole number from 1 to 20/s);
    expect(await page.getAttribute('#graph', 'data-state')).toBe('empty');
    expect(await page.isVisible('#search-text')).toBe(true);

    await page.getByLabel('Find a node').fill('zzyzx-nothing-like-this');
    await page.keyboard.press('Enter');
    await expect(message('search').innerText()).resolves.toMatch(/Nothing matches “zzyzx-nothing-like-this”/);

    // A well-formed id of a node that does not exist.
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(formatId(NodeType.REPORT, 'NO-SUCH-REPORT'))}`);
    expect(await graphSettled(page)).toBe('error');
    await expect(message('load').innerText()).resolves.toMatch(/NO-SUCH-REPORT.*not found.*search for another node/s);
    expect(errors).toEqual([]);
  });

  it('asks to sign in again when the stored token has expired or been revoked', async () => {
    const { page, errors } = await openPage(suite.browser, { token: 'pvl_this-token-is-no-longer-valid' });
    await page.goto(`${suite.api.url}/lineage?id=${encodeURIComponent(REPORT)}`);
    expect(await graphSettled(page)).toBe('error');
    await expect(page.locator('.message[data-topic="auth"]').innerText()).resolves.toMatch(/session has expired.*Sign in again/);
    expect(await page.isVisible('#sign-in')).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('pvl.token'))).toBeNull();
    expect(errors).toEqual([]);
  });

  it('says the server cannot be reached when it goes away', async () => {
    const doomed = await startTestApi(suite.graph);
    const { page, errors } = await openPage(suite.browser, { token: doomed.token });
    await page.goto(`${doomed.url}/lineage?id=${encodeURIComponent(REPORT)}&depth=2`);
    expect(await graphSettled(page)).toBe('ready');
    await doomed.close();
    await page.locator('#depth').fill('3');
    expect(await graphSettled(page)).toBe('error');
    const note = page.locator('.message[data-topic="load"]');
    await expect(note.innerText()).resolves.toMatch(/Cannot reach the pv-lineage server at http:\/\/127\.0\.0\.1:\d+\. Check that it is running/);
    expect(await note.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });
});
