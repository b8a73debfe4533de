import { h } from './dom';
import { lineChart } from './chart';
import { type CompareRun, diffDatasets, diffParams, historyKeys, metricRows, stepTable } from './runCompare';
import { formatDuration, formatMetric, formatTime } from './runColumns';

/** The comparison of 2 to 5 runs: summary, params diff, metrics side by side, histories overlaid, datasets diff. */

const runLabel = (r: CompareRun) => r.name ?? r.runId.slice(0, 8);
const cell = (text: string, cls?: string) => h('td', { text, class: cls });

function table(caption: string, runs: readonly CompareRun[], first: string, rows: HTMLElement[], extra: string[] = []): HTMLElement {
  return h('div', { class: 'table-scroll' },
    h('table', { class: 'compare-table' },
      h('caption', { class: 'visually-hidden', text: caption }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: first }), ...runs.map((r) => h('th', { scope: 'col', 'data-id': r.id, text: runLabel(r) })), ...extra.map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, ...rows)));
}

function section(id: string, title: string, ...body: (Node | string)[]): HTMLElement {
  return h('section', { class: 'compare-section', 'data-section': id, 'aria-labelledby': `compare-${id}` }, h('h4', { id: `compare-${id}`, text: title }), ...body);
}

function summary(runs: readonly CompareRun[]): HTMLElement {
  const rows: [string, (r: CompareRun) => string][] = [
    ['Experiment', (r) => r.experiment?.name ?? '—'],
    ['Store', (r) => r.experiment?.store?.displayName ?? '—'],
    ['Status', (r) => r.status + (r.lifecycleStage === 'deleted' ? ' (deleted)' : '')],
    ['User', (r) => r.userId ?? '—'],
    ['Started (UTC)', (r) => formatTime(r.startTime)],
    ['Duration', (r) => formatDuration(r.startTime, r.endTime)],
    ['MLflow run id', (r) => r.runId],
  ];
  return section('runs', 'Runs', table('The compared runs', runs, 'Field', rows.map(([label, read]) => h('tr', {}, h('th', { scope: 'row', text: label }), ...runs.map((r) => cell(read(r)))))));
}

function params(runs: readonly CompareRun[]): HTMLElement {
  const diff = diffParams(runs);
  const differing = diff.filter((d) => d.differs).length;
  const rows = diff.map((d) =>
    h('tr', { 'data-key': d.key, class: d.differs ? 'differs' : undefined },
      h('th', { scope: 'row', class: 'mono', text: d.key }),
      ...d.values.map((v) => cell(v ?? '—', v === null ? 'absent' : undefined)),
      cell(d.differs ? 'differs' : 'same')),
  );
  const onlyDiffs = h('input', { type: 'checkbox', id: 'params-only-diffs' });
  const body = table('Params of each run; rows where they differ are marked', runs, 'Param', rows, ['Compared']);
  onlyDiffs.addEventListener('change', () => body.classList.toggle('only-diffs', onlyDiffs.checked));
  return section('params', `Params (${differing} of ${diff.length} differ)`,
    h('p', { class: 'hint' }, h('label', {}, onlyDiffs, ' Show only the params that differ')),
    diff.length === 0 ? h('p', { class: 'hint', text: 'None of these runs logged params.' }) : body);
}

function metrics(runs: readonly CompareRun[]): HTMLElement {
  const rows = metricRows(runs).map((m) =>
    h('tr', { 'data-key': m.key },
      h('th', { scope: 'row', class: 'mono', text: m.key }),
      ...m.values.map((v, i) => cell(v ? formatMetric(v) + (i === m.highest ? ' (highest)' : '') : '—', `num${i === m.highest ? ' highest' : ''}`))),
  );
  return section('metrics', 'Metrics: latest values side by side',
    rows.length === 0 ? h('p', { class: 'hint', text: 'None of these runs logged metrics.' }) : table('Latest value of each metric per run; the highest is marked', runs, 'Metric', rows));
}

const stepValue = (v: number | string | null) => (v === null ? '—' : typeof v === 'number' ? formatMetric({ value: v, special: null }) : formatMetric({ value: null, special: v }));

function histories(runs: readonly CompareRun[], keys: readonly string[]): HTMLElement {
  const charts = keys.map((key) => {
    const series = runs.map((r) => r.histories[key] ?? []);
    const chart = lineChart({
      title: `${key} by step`,
      xLabel: 'step',
      series: runs.map((r, i) => ({ label: runLabel(r), points: series[i].map((p) => ({ x: p.step, y: p.special && p.special !== 'NEGATIVE_ZERO' ? null : p.value })) })),
      describe: (se, p) => `${se.label}, step ${p.x}: ${formatMetric({ value: p.y, special: null })}`,
    });
    const rows = stepTable(series).map((row) => h('tr', {}, h('th', { scope: 'row', text: String(row.step) }), ...row.values.map((v) => cell(stepValue(v), 'num'))));
    return h('div', { class: 'history', 'data-key': key }, chart,
      h('details', { class: 'history-table' }, h('summary', { text: `${key}: the same values as a table (${rows.length} step${rows.length === 1 ? '' : 's'})` }),
        table(`${key} per step and run (the last value logged at a step)`, runs, 'Step', rows)));
  });
  return section('histories', 'Metric histories overlaid',
    keys.length === 0 ? h('p', { class: 'hint', text: 'None of these runs logged metrics.' }) : h('div', { class: 'histories' }, ...charts));
}

function datasets(runs: readonly CompareRun[]): HTMLElement {
  const diff = diffDatasets(runs);
  const rows = diff.map((d) =>
    h('tr', { 'data-dataset': d.datasetId, 'data-change': d.change, class: d.change === 'same' ? undefined : 'differs' },
      h('th', { scope: 'row' }, d.name, d.context ? h('span', { class: 'meta', text: ` ${d.context}` }) : null),
      ...d.digests.map((g) => cell(g === undefined ? 'not read' : (g ?? 'no digest'), g === undefined ? 'absent' : 'mono')),
      cell(d.change)),
  );
  return section('datasets', 'Datasets read',
    diff.length === 0 ? h('p', { class: 'hint', text: 'None of these runs recorded dataset inputs.' }) : table('Datasets each run read, by role, with the digest of the snapshot it read', runs, 'Dataset and role', rows, ['Compared']));
}

/** The whole comparison, runs in the order given; histories only for `keys` (those that were asked for). */
export function renderComparison(runs: readonly CompareRun[], keys: readonly string[] = historyKeys(runs)): HTMLElement {
  return h('div', { class: 'comparison' }, summary(runs), params(runs), metrics(runs), histories(runs, keys), datasets(runs));
}
