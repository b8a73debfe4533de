import { ApiProblem, type GraphQLClient } from './api';
import { destroyCharts, lineChart } from './chart';
import { formatQuarter } from './dataPeriod';
import { h } from './dom';
import type { Messages } from './messages';
import { TRENDS, TRENDS_RUNS } from './queries';
import { formatMetric, formatTime } from './runColumns';
import { type Trend, type TrendGroup, type TrendPoint, type TrendRun, groupChoices, metricKeysOf, trendOf } from './trends';
import { DEFAULT_TRENDS, type TrendsRoute, formatTrendsRoute } from './trendsRoute';

export interface TrendsHooks {
  /** Draws a run's lineage (leaves the trends view). */
  readonly openLineage: (id: string) => void;
  /** The server refused the stored token, or wants one: ask for a sign-in. */
  readonly unauthenticated: () => void;
}

interface Answer {
  readonly totalCount: number;
  readonly runs: TrendRun[];
}

const PREFERRED_METRIC = 'AUC_test';
const MARK_HELP = '◆ marks a point whose run feeds a signed report (one whose latest version carries a signature, at any depth downstream).';
const groupValue = (g: TrendGroup) => ('id' in g ? `${g.kind}:${g.id}` : g.kind);
const xText = (p: TrendPoint, by: TrendsRoute['by']) => (by === 'period' ? (p.period ?? '—') : formatTime(p.startTime));

/**
 * The trends view (`?view=trends`): one metric across runs, by data period or start time, one
 * line per experiment or per registered model's versions, drawn by the shared chart module with
 * a table of the same points. One `runs` request (`TRENDS`) feeds every choice of metric, axis
 * and lines; a sign-in or out asks again.
 */
export class TrendsView {
  private route: TrendsRoute = DEFAULT_TRENDS;
  private answer: Promise<Answer> | null = null;
  private seq = 0;
  private readonly body = h('div', { class: 'trends-body' });

  constructor(
    private readonly el: HTMLElement,
    private readonly client: GraphQLClient,
    private readonly messages: Messages,
    private readonly hooks: TrendsHooks,
  ) {
    el.append(this.body);
  }

  show(route: TrendsRoute): void {
    this.route = route;
    this.el.hidden = false;
    document.body.dataset.view = 'trends';
    void this.render();
  }

  hide(): void {
    this.seq++;
    this.el.hidden = true;
    this.messages.remove('trends');
    document.body.dataset.view = 'lineage';
  }

  /** Signed in or out: the runs one may read changed. */
  reload(): void {
    this.answer = null;
    if (!this.el.hidden) this.show(this.route);
  }

  private navigate(route: TrendsRoute): void {
    history.pushState(null, '', formatTrendsRoute(route));
    this.show(route);
  }

  private async render(): Promise<void> {
    const seq = ++this.seq;
    const started = performance.now();
    this.messages.remove('trends');
    Object.assign(this.el.dataset, { state: 'loading' });
    this.el.setAttribute('aria-busy', 'true');
    this.answer ??= this.client
      .request<{ runs: { totalCount: number; edges: { node: TrendRun }[] } }>(TRENDS, { first: TRENDS_RUNS })
      .then(({ runs }) => ({ totalCount: runs.totalCount, runs: runs.edges.map((e) => e.node) }));
    let answer: Answer;
    try {
      answer = await this.answer;
    } catch (err) {
      this.answer = null;
      if (seq !== this.seq) return;
      if (!(err instanceof ApiProblem)) throw err;
      if (err.kind === 'UNAUTHENTICATED') this.hooks.unauthenticated();
      const text = `Loading the trends failed: ${err.message}`;
      this.messages.set('trends', 'error', text, err.kind === 'NETWORK' || err.kind === 'UNAVAILABLE' ? { label: 'Try again', run: () => this.show(this.route) } : undefined);
      this.paint(started, 'error', h('p', { class: 'hint', text }));
      return;
    }
    if (seq !== this.seq) return;
    const keys = metricKeysOf(answer.runs);
    const metric = this.route.metric ?? (keys.includes(PREFERRED_METRIC) ? PREFERRED_METRIC : (keys[0] ?? null));
    if (metric === null) {
      this.paint(started, 'empty', h('p', { class: 'hint', role: 'status', text: answer.runs.length === 0 ? 'No runs have been ingested yet.' : 'None of the runs logged a metric.' }));
      return;
    }
    const route = { ...this.route, metric };
    const trend = trendOf(answer.runs, metric, route.by, route.group);
    this.paint(started, 'ready', this.controls(answer, keys, route), this.notes(answer, trend, route), ...this.figure(trend, route));
  }

  private paint(started: number, state: string, ...content: (Node | string)[]): void {
    destroyCharts(this.body);
    this.body.replaceChildren(...content);
    this.el.setAttribute('aria-busy', 'false');
    Object.assign(this.el.dataset, { state, renderMs: (performance.now() - started).toFixed(1) });
  }

  private controls(answer: Answer, keys: string[], route: TrendsRoute & { metric: string }): HTMLElement {
    const metric = h('select', { id: 'trends-metric' }, ...keys.map((k) => h('option', { value: k, text: k, selected: k === route.metric })));
    const by = h('select', { id: 'trends-by' },
      h('option', { value: 'period', text: 'Data period (FAERS quarter)', selected: route.by === 'period' }),
      h('option', { value: 'time', text: 'Start time', selected: route.by === 'time' }));
    const choices = groupChoices(answer.runs);
    const current = groupValue(route.group);
    const option = (value: string, text: string) => h('option', { value, text, selected: value === current });
    const lines = h('select', { id: 'trends-group' },
      h('optgroup', { label: 'Experiments' }, option('experiments', 'Every experiment'), ...choices.experiments.map((c) => option(`experiment:${c.id}`, c.label))),
      h('optgroup', { label: 'Registered models (a point per version)' }, option('models', 'Every registered model'), ...choices.models.map((c) => option(`model:${c.id}`, c.label))));
    const read = (): TrendsRoute => {
      const g = lines.value;
      const colon = g.indexOf(':');
      const group: TrendGroup = colon < 0 ? { kind: g === 'models' ? 'models' : 'experiments' } : { kind: g.slice(0, colon) === 'model' ? 'model' : 'experiment', id: g.slice(colon + 1) };
      return { metric: metric.value, by: by.value === 'time' ? 'time' : 'period', group };
    };
    for (const select of [metric, by, lines]) select.addEventListener('change', () => this.navigate(read()));
    return h('form', { class: 'trends-controls', 'aria-label': 'What the trend shows' },
      h('label', {}, 'Metric ', metric), h('label', {}, 'Along ', by), h('label', {}, 'Lines ', lines));
  }

  private notes(answer: Answer, trend: Trend, route: TrendsRoute): HTMLElement {
    const left: string[] = [];
    if (answer.totalCount > answer.runs.length) left.push(`Only the newest ${answer.runs.length} of ${answer.totalCount} runs are read.`);
    if (trend.withoutX > 0) left.push(`${trend.withoutX} run${trend.withoutX === 1 ? '' : 's'} with the metric but no ${route.by === 'period' ? 'data period (param data_period, tag pv.data_period or a training dataset with a period)' : 'start time'} ${trend.withoutX === 1 ? 'is' : 'are'} left out.`);
    if (trend.withoutMetric > 0) left.push(`${trend.withoutMetric} run${trend.withoutMetric === 1 ? '' : 's'} of these lines did not log ${route.metric}.`);
    return h('div', { class: 'trends-notes' }, h('p', { class: 'hint', text: MARK_HELP }), ...left.map((t) => h('p', { class: 'hint', text: t })));
  }

  private figure(trend: Trend, route: TrendsRoute & { metric: string }): HTMLElement[] {
    const points = trend.series.reduce((n, s) => n + s.points.length, 0);
    if (points === 0) return [h('p', { class: 'hint', role: 'status', id: 'trends-empty', text: `No run of these lines has ${route.metric} with a ${route.by === 'period' ? 'data period' : 'start time'}.` })];
    const byModel = route.group.kind === 'models' || route.group.kind === 'model';
    const signedText = (p: TrendPoint) => (p.signedReports.length ? `feeds signed ${p.signedReports.map((r) => r.title).join(', ')}` : '');
    const describe = (s: { label: string }, p: TrendPoint) =>
      [`${p.runName}${p.version ? ` (${s.label} ${p.version})` : ` (${s.label})`}, ${xText(p, route.by)}: ${formatMetric(p.value)}`, signedText(p)].filter(Boolean).join('; ');
    const chart = lineChart<TrendPoint>({
      title: `${route.metric} by ${route.by === 'period' ? 'data period' : 'start time'}, ${byModel ? 'per registered model version' : 'per experiment'}`,
      xLabel: route.by === 'period' ? 'data period' : 'start time (UTC)',
      yLabel: route.metric,
      series: trend.series,
      describe,
      formatX: route.by === 'period' ? formatQuarter : (x) => new Date(x).toISOString().slice(0, 10),
      xStep: route.by === 'period' ? 1 : undefined,
      marked: (p) => p.signedReports.length > 0,
      open: (_, p) => this.hooks.openLineage(p.runId),
    });
    const rows = trend.series.flatMap((s) => s.points.map((p) => {
      const open = h('button', { type: 'button', class: 'link', text: p.runName, title: 'Draw this run’s lineage' });
      open.addEventListener('click', () => this.hooks.openLineage(p.runId));
      return h('tr', { 'data-run': p.runId, 'data-signed': p.signedReports.length > 0 ? 'true' : undefined },
        h('td', { text: s.label }), h('th', { scope: 'row' }, open), byModel && h('td', { text: p.version ?? '' }),
        h('td', { text: xText(p, route.by) }), h('td', { class: 'num', text: formatMetric(p.value) }),
        h('td', { text: p.signedReports.length ? `◆ ${p.signedReports.map((r) => r.title).join(', ')}` : '—' }));
    }));
    const head = ['Line', 'Run', ...(byModel ? ['Version'] : []), route.by === 'period' ? 'Data period' : 'Started (UTC)', route.metric, 'Signed reports fed'];
    const table = h('details', { class: 'trends-table' }, h('summary', { text: `The same ${points} point${points === 1 ? '' : 's'} as a table` }),
      h('div', { class: 'table-scroll' }, h('table', { class: 'compare-table' },
        h('caption', { class: 'visually-hidden', text: `${route.metric} per run, in the chart's order` }),
        h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, ...rows))));
    return [h('div', { class: 'trend', 'data-points': String(points) }, chart), table];
  }
}
