import { parseIdOf } from '../domain/ids';
import { NodeType } from '../domain/nodeType';
import { ApiProblem, type GraphQLClient } from './api';
import { destroyCharts } from './chart';
import { h } from './dom';
import type { Messages } from './messages';
import { MAX_HISTORY_KEYS, RUNS_PAGE, runComparison } from './queries';
import { type CompareRun, MAX_COMPARE, historyKeys, selectionProblem } from './runCompare';
import { renderComparison } from './runCompareView';
import { type RunRow, type SortKey, columnKeys, formatDuration, formatMetric, formatTime, nextSort, orderTerm, sameSortKey } from './runColumns';
import { EMPTY_ROUTE, type RunsRoute, formatRunsRoute } from './runsRoute';

export interface RunsHooks {
  /** Draws a run's lineage (leaves the runs view). */
  readonly openLineage: (id: string) => void;
  /** The server refused the stored token, or wants one: ask for a sign-in. */
  readonly unauthenticated: () => void;
}

interface RunsPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: RunRow }[];
}

export const PAGE_SIZES = [10, 25, 50, 100] as const;
const SORT_HELP = 'Sort with the column headers: run, status, user, started, and each metric and param (as MLflow orders them: values, then NaN, then runs without the key). Experiment, store and duration do not sort.';

/**
 * The runs view: an MLflow-like table of `runs` (one request per page, forward through the
 * connection's cursors, back through the ones already seen), filtered by an MLflow filter
 * string and sorted by MLflow order-by terms; runs picked with their checkboxes (2 to 5, kept
 * across pages) open a comparison in one more request.
 */
export class RunsView {
  private route: RunsRoute = EMPTY_ROUTE;
  private readonly selected = new Map<string, RunRow>();
  /** The `after` cursor of each page seen so far; index 0 is the first page. */
  private cursors: (string | null)[] = [null];
  private pageIndex = 0;
  private pageSize: number = 25;
  private seq = 0;
  private readonly body = h('div', { class: 'runs-body' });
  private readonly filterText = h('input', { id: 'runs-filter-text', type: 'search', autocomplete: 'off', spellcheck: 'false', placeholder: "metrics.AUC_test > 0.85 and params.max_depth = '5'", 'aria-describedby': 'runs-filter-help' });

  constructor(
    private readonly el: HTMLElement,
    private readonly client: GraphQLClient,
    private readonly messages: Messages,
    private readonly hooks: RunsHooks,
  ) {
    const form = h('form', { class: 'runs-filter', role: 'search', 'aria-label': 'Filter runs' },
      h('label', { for: 'runs-filter-text', text: 'MLflow filter' }), this.filterText, h('button', { type: 'submit', text: 'Filter' }),
      h('p', { id: 'runs-filter-help', class: 'hint', text: 'An MLflow search_runs filter: metrics., params., tags. and attributes. keys, =, !=, <, >, LIKE, ILIKE, IN, IS NULL, joined by and. Empty for every run.' }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.navigate({ ...this.route, filter: this.filterText.value.trim(), compare: [] });
    });
    el.append(form, this.body);
  }

  /** Shows the route: the table, or the comparison when it names runs. */
  show(route: RunsRoute): void {
    const newQuery = route.filter !== this.route.filter || JSON.stringify(route.sort) !== JSON.stringify(this.route.sort);
    this.route = route;
    if (newQuery) this.resetPaging();
    this.filterText.value = route.filter;
    this.el.hidden = false;
    document.body.dataset.view = 'runs';
    if (route.compare.length > 0) void this.compare(route.compare);
    else void this.loadPage();
  }

  hide(): void {
    this.seq++;
    this.el.hidden = true;
    this.messages.remove('runs');
    document.body.dataset.view = 'lineage';
  }

  /** Signed in or out: ask again with the new token. */
  reload(): void {
    if (!this.el.hidden) this.show(this.route);
  }

  private navigate(route: RunsRoute): void {
    history.pushState(null, '', formatRunsRoute(route));
    this.show(route);
  }

  private resetPaging(): void {
    this.cursors = [null];
    this.pageIndex = 0;
  }

  private begin(state: string): { seq: number; started: number } {
    this.messages.remove('runs');
    this.el.dataset.state = state;
    this.el.setAttribute('aria-busy', 'true');
    return { seq: ++this.seq, started: performance.now() };
  }

  private paint(at: { seq: number; started: number }, state: string, ...content: (Node | string)[]): void {
    destroyCharts(this.body);
    this.body.replaceChildren(...content);
    this.el.setAttribute('aria-busy', 'false');
    Object.assign(this.el.dataset, { state, renderMs: (performance.now() - at.started).toFixed(1) });
  }

  private fail(at: { seq: number; started: number }, err: unknown, what: string): void {
    if (at.seq !== this.seq) return;
    if (!(err instanceof ApiProblem)) throw err;
    if (err.kind === 'UNAUTHENTICATED') this.hooks.unauthenticated();
    const text = err.kind === 'BAD_USER_INPUT' ? `The filter or sort was refused: ${err.message}` : `${what} failed: ${err.message}`;
    this.messages.set('runs', 'error', text, err.kind === 'NETWORK' || err.kind === 'UNAVAILABLE' ? { label: 'Try again', run: () => this.show(this.route) } : undefined);
    this.paint(at, 'error', h('p', { class: 'hint', text }));
  }

  private async loadPage(): Promise<void> {
    const at = this.begin('loading');
    const { filter, sort } = this.route;
    try {
      const { runs } = await this.client.request<{ runs: RunsPage }>(RUNS_PAGE, {
        filter: filter.trim() === '' ? null : { search: filter },
        ...(sort ? { orderBy: { search: [orderTerm(sort)] } } : {}),
        first: this.pageSize,
        after: this.cursors[this.pageIndex],
      });
      if (at.seq !== this.seq) return;
      this.cursors[this.pageIndex + 1] = runs.pageInfo.hasNextPage ? runs.pageInfo.endCursor : null;
      const rows = runs.edges.map((e) => e.node);
      this.paint(at, 'table', this.tableOf(rows), this.pager(runs, rows.length), this.selectionBar());
    } catch (err) {
      this.fail(at, err, 'Loading runs');
    }
  }

  private header(label: string, by: SortKey | null, cls = ''): HTMLElement {
    const sort = this.route.sort;
    const active = by !== null && sort !== null && sameSortKey(sort.by, by);
    const th = h('th', { scope: 'col', class: cls || undefined, 'aria-sort': active ? (sort!.descending ? 'descending' : 'ascending') : undefined });
    if (!by) {
      th.append(h('span', { text: label, title: 'The API does not sort by this column' }));
      return th;
    }
    const button = h('button', { type: 'button', class: 'sort', 'data-sort': `${by.kind}:${by.key}`, text: label },
      h('span', { 'aria-hidden': 'true', text: active ? (sort!.descending ? ' ▼' : ' ▲') : '' }));
    button.addEventListener('click', () => this.navigate({ ...this.route, sort: nextSort(sort, by), compare: [] }));
    th.append(button);
    return th;
  }

  private tableOf(rows: RunRow[]): HTMLElement {
    if (rows.length === 0) {
      return h('p', { class: 'hint', role: 'status', text: this.route.filter ? `No run matches “${this.route.filter}”.` : 'No runs have been ingested yet.' });
    }
    const keys = columnKeys(rows);
    const groups = h('tr', { class: 'groups' },
      h('td', { colspan: '8' }),
      keys.metrics.length > 0 && h('th', { scope: 'colgroup', colspan: String(keys.metrics.length), text: 'Metrics (latest value)' }),
      keys.params.length > 0 && h('th', { scope: 'colgroup', colspan: String(keys.params.length), text: 'Params' }));
    const head = h('tr', {},
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden', text: 'Compare' })),
      this.header('Run', { kind: 'attribute', key: 'run_name' }),
      this.header('Experiment', null), this.header('Store', null),
      this.header('Status', { kind: 'attribute', key: 'status' }),
      this.header('User', { kind: 'attribute', key: 'user_id' }),
      this.header('Started (UTC)', { kind: 'attribute', key: 'start_time' }),
      this.header('Duration', null),
      ...keys.metrics.map((k) => this.header(k, { kind: 'metric', key: k }, 'metric')),
      ...keys.params.map((k) => this.header(k, { kind: 'param', key: k }, 'param')),
    );
    const body = rows.map((r) => {
      const box = h('input', { type: 'checkbox', 'aria-label': `Compare ${r.name ?? r.runId}`, checked: this.selected.has(r.id) });
      box.addEventListener('change', () => {
        if (box.checked) this.selected.set(r.id, r);
        else this.selected.delete(r.id);
        this.updateSelectionBar();
      });
      const open = h('button', { type: 'button', class: 'link', text: r.name ?? r.runId, title: 'Draw this run’s lineage' });
      open.addEventListener('click', () => this.hooks.openLineage(r.id));
      return h('tr', { 'data-id': r.id },
        h('td', {}, box), h('th', { scope: 'row' }, open),
        h('td', { text: r.experiment?.name ?? '—' }), h('td', { text: r.experiment?.store?.displayName ?? '—', title: r.experiment?.store?.uri }),
        h('td', { text: r.status + (r.lifecycleStage === 'deleted' ? ' (deleted)' : '') }), h('td', { text: r.userId ?? '—' }),
        h('td', { text: formatTime(r.startTime) }), h('td', { class: 'num', text: formatDuration(r.startTime, r.endTime) }),
        ...keys.metrics.map((k) => h('td', { class: 'num', text: formatMetric(r.metrics.find((m) => m.key === k)) })),
        ...keys.params.map((k) => h('td', { text: r.params[k] ?? '' })),
      );
    });
    const order = this.route.sort ? orderTerm(this.route.sort) : 'start time, newest first';
    return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Runs table (scrolls sideways)' },
      h('table', { class: 'runs-table' },
        h('caption', { class: 'visually-hidden', text: `Runs sorted by ${order}` }),
        h('thead', {}, groups, head), h('tbody', {}, ...body)),
      h('p', { class: 'hint', text: `Sorted by ${order}. ${SORT_HELP}` }));
  }

  private pager(runs: RunsPage, shown: number): HTMLElement {
    const from = this.pageIndex * this.pageSize + (shown > 0 ? 1 : 0);
    const prev = h('button', { type: 'button', text: 'Previous page', disabled: this.pageIndex === 0 });
    const next = h('button', { type: 'button', text: 'Next page', disabled: !runs.pageInfo.hasNextPage });
    prev.addEventListener('click', () => {
      this.pageIndex--;
      void this.loadPage();
    });
    next.addEventListener('click', () => {
      this.pageIndex++;
      void this.loadPage();
    });
    const size = h('select', { id: 'runs-page-size' }, ...PAGE_SIZES.map((n) => h('option', { value: String(n), text: String(n), selected: n === this.pageSize })));
    size.addEventListener('change', () => {
      this.pageSize = Number(size.value);
      this.resetPaging();
      void this.loadPage();
    });
    return h('nav', { class: 'pager', 'aria-label': 'Pages of runs' },
      h('span', { id: 'runs-range', text: `Runs ${from}–${from + shown - (shown > 0 ? 1 : 0)} of ${runs.totalCount}` }),
      prev, next, h('label', {}, 'Rows per page ', size));
  }

  private selectionBar(): HTMLElement {
    const compare = h('button', { type: 'button', id: 'runs-compare', text: 'Compare selected' });
    compare.addEventListener('click', () => this.navigate({ ...this.route, compare: [...this.selected.keys()] }));
    const clear = h('button', { type: 'button', text: 'Clear selection' });
    clear.addEventListener('click', () => {
      this.selected.clear();
      for (const box of this.body.querySelectorAll<HTMLInputElement>('.runs-table input[type="checkbox"]')) box.checked = false;
      this.updateSelectionBar();
    });
    const bar = h('div', { class: 'selection-bar' }, h('span', { id: 'runs-selected', role: 'status' }), compare, clear);
    queueMicrotask(() => this.updateSelectionBar());
    return bar;
  }

  private updateSelectionBar(): void {
    const count = this.selected.size;
    const problem = selectionProblem(count);
    const status = this.body.querySelector('#runs-selected');
    const button = this.body.querySelector<HTMLButtonElement>('#runs-compare');
    if (status) status.textContent = problem ?? `${count} selected: ready to compare.`;
    if (button) button.disabled = problem !== null;
  }

  private async compare(ids: readonly string[]): Promise<void> {
    const at = this.begin('loading');
    const back = h('button', { type: 'button', class: 'back', text: '← Back to the runs table' });
    back.addEventListener('click', () => this.navigate({ ...this.route, compare: [] }));
    const problem = selectionProblem(ids.length);
    if (problem) {
      this.paint(at, 'compare', back, h('p', { class: 'hint', role: 'status', text: problem }));
      return;
    }
    const runIds = ids.map((id) => parseIdOf(NodeType.RUN, id).parts[1]);
    // The search grammar strips quotes without unescaping: an id with a quote cannot be asked for.
    const search = `attributes.run_id IN (${runIds.filter((r) => !/['"]/.test(r)).map((r) => `'${r}'`).join(', ')})`;
    try {
      const known = ids.map((id) => this.selected.get(id));
      // Opened from the table, the selected rows name the metrics; from an address, one request learns them first.
      let keys = known.every((r) => r !== undefined) ? historyKeys(known as RunRow[]) : null;
      if (keys === null) {
        const first = await this.client.request<{ runs: { edges: { node: CompareRun }[] } }>(runComparison(0), { search });
        keys = historyKeys(first.runs.edges.map((e) => e.node).filter((r) => ids.includes(r.id)));
      }
      keys = keys.slice(0, MAX_HISTORY_KEYS);
      const vars = Object.fromEntries(keys.map((k, i) => [`k${i}`, k]));
      const { runs } = await this.client.request<{ runs: { edges: { node: CompareRun & Record<string, unknown> }[] } }>(runComparison(keys.length), { search, ...vars });
      if (at.seq !== this.seq) return;
      const byId = new Map(runs.edges.map((e) => [e.node.id, e.node]));
      const found = ids.map((id) => byId.get(id)).filter((r): r is CompareRun & Record<string, unknown> => r !== undefined);
      for (const r of found) r.histories = Object.fromEntries(keys.map((k, i) => [k, r[`h${i}`] as CompareRun['histories'][string]]));
      const missing = ids.length - found.length;
      if (missing > 0) this.messages.set('runs', 'warning', `${missing} of the runs to compare no longer exist${found.length < 2 ? ', so there is nothing to compare' : ''}.`);
      for (const r of found) this.selected.set(r.id, r);
      this.paint(at, 'compare', back,
        h('h3', { class: 'compare-title', text: `Comparing ${found.length} runs` }),
        found.length >= 2 ? renderComparison(found, keys) : h('p', { class: 'hint', text: `Pick 2 to ${MAX_COMPARE} runs in the table.` }));
    } catch (err) {
      this.fail(at, err, 'Comparing runs');
    }
  }
}
