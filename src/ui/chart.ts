import { CategoryScale, Chart, type ChartDataset, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import { h } from './dom';

/**
 * The explorer's one chart module: line charts drawn by Chart.js (bundled by esbuild, never from
 * a CDN) for the compare view's metric histories and the trends view. Chart.js draws on a
 * canvas, so everything a canvas cannot say is added here: the canvas is an image with a
 * summary for its name, its container takes the focus and walks the points by keyboard (←/→
 * along a line, ↑/↓ to another line, Home/End, Enter to open a point), a live region reads the
 * point out, and the caller puts a table of the same values beside it.
 */

// Only what these line charts use, so the bundle leaves the rest of Chart.js out.
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend);

export interface ChartPoint {
  readonly x: number;
  /** Null for a value that cannot be drawn (NaN, ±∞): the line breaks there and the keys skip it. */
  readonly y: number | null;
}

export interface ChartSeries<P extends ChartPoint = ChartPoint> {
  readonly label: string;
  readonly points: readonly P[];
}

export interface LineChartOptions<P extends ChartPoint = ChartPoint> {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel?: string;
  readonly series: readonly ChartSeries<P>[];
  /** How a point is read out, e.g. `xgb-2024Q1, step 10: 0.8512`. */
  readonly describe: (series: ChartSeries<P>, point: P) => string;
  /** Tick and summary text of an x value (default: the number). */
  readonly formatX?: (x: number) => string;
  /** Distance between x ticks, e.g. 1 for one tick per quarter. */
  readonly xStep?: number;
  /** Points drawn as a larger, outlined diamond (the trends view's signed-report mark). */
  readonly marked?: (point: P) => boolean;
  /** Enter on a point. */
  readonly open?: (series: ChartSeries<P>, point: P) => void;
}

/** Okabe–Ito colours, told apart with colour blindness too; each line also has its own dash. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8F6A00'] as const;
const DASHES: readonly number[][] = [[], [6, 3], [2, 3], [8, 3, 2, 3], [1, 2]];

const short = (v: number) => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(1) : String(Number(v.toPrecision(4))));

/** What the chart shows, in one sentence: the canvas's accessible name. */
function summary<P extends ChartPoint>(o: LineChartOptions<P>): string {
  const drawn = o.series.flatMap((s) => s.points.filter((p) => p.y !== null));
  if (drawn.length === 0) return `${o.title}: nothing to draw.`;
  const fx = o.formatX ?? short;
  const xs = drawn.map((p) => p.x);
  const ys = drawn.map((p) => p.y as number);
  const marked = o.marked ? drawn.filter(o.marked).length : 0;
  return `${o.title}: ${o.series.length} line${o.series.length === 1 ? '' : 's'}, ${drawn.length} point${drawn.length === 1 ? '' : 's'}; ${o.xLabel} from ${fx(Math.min(...xs))} to ${fx(Math.max(...xs))}, values from ${short(Math.min(...ys))} to ${short(Math.max(...ys))}${marked ? `; ${marked} marked` : ''}.`;
}

function datasetOf<P extends ChartPoint>(o: LineChartOptions<P>, s: ChartSeries<P>, i: number): ChartDataset<'line', { x: number; y: number | null }[]> {
  const colour = COLOURS[i % COLOURS.length];
  const mark = (p: P) => (o.marked?.(p) ?? false);
  return {
    label: s.label,
    data: s.points.map((p) => ({ x: p.x, y: p.y })),
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 2,
    borderDash: DASHES[i % DASHES.length],
    pointStyle: s.points.map((p) => (mark(p) ? 'rectRot' : 'circle')),
    pointRadius: s.points.map((p) => (mark(p) ? 7 : 2.5)),
    pointHoverRadius: s.points.map((p) => (mark(p) ? 9 : 6)),
    pointBorderColor: s.points.map((p) => (mark(p) ? '#1b1f24' : colour)),
    pointBorderWidth: s.points.map((p) => (mark(p) ? 2 : 1)),
    spanGaps: false,
  };
}

/** Every chart made here still drawing inside `root`, destroyed: call before replacing its content. */
export function destroyCharts(root: ParentNode): void {
  for (const canvas of root.querySelectorAll('canvas.line-chart')) Chart.getChart(canvas as HTMLCanvasElement)?.destroy();
}

/** A figure with the chart (its legend drawn by Chart.js) and the point readout. */
export function lineChart<P extends ChartPoint>(o: LineChartOptions<P>): HTMLElement {
  const fx = o.formatX ?? short;
  const readout = h('p', { class: 'chart-readout', role: 'status', 'aria-live': 'polite', text: `Focus the chart and use the arrow keys to read its points${o.open ? '; Enter opens one' : ''}.` });
  const canvas = h('canvas', { class: 'line-chart', role: 'img', 'aria-label': summary(o) });
  const box = h('div', {
    class: 'chart-box',
    tabindex: '0',
    role: 'group',
    'aria-roledescription': 'chart',
    'aria-label': `${o.title}. ←/→ read the points of a line, ↑/↓ change line${o.open ? ', Enter opens the point' : ''}; the table holds the same values.`,
  }, canvas);
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: o.series.map((s, i) => datasetOf(o, s, i)) },
    options: {
      // Drawn at once: the first paint is measured, and motion helps nobody read a value.
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', intersect: true },
      scales: {
        x: { type: 'linear', title: { display: true, text: o.xLabel }, ticks: { callback: (v) => fx(Number(v)), ...(o.xStep ? { stepSize: o.xStep } : {}) } },
        y: { type: 'linear', title: { display: o.yLabel !== undefined, text: o.yLabel ?? '' }, ticks: { callback: (v) => short(Number(v)) } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: false, boxHeight: 2 } },
        tooltip: { callbacks: { label: (item) => o.describe(o.series[item.datasetIndex], o.series[item.datasetIndex].points[item.dataIndex]), title: () => '' } },
      },
    },
  });

  // The keys walk drawn points only; `index` counts within those of line `line`.
  const drawn = (i: number) => (o.series[i]?.points ?? []).flatMap((p, k) => (p.y === null ? [] : [k]));
  let line = o.series.findIndex((_, i) => drawn(i).length > 0);
  let index = -1;
  const current = () => (line < 0 || index < 0 ? null : { series: o.series[line], point: o.series[line].points[drawn(line)[index]] });
  const show = () => {
    const pts = drawn(line);
    if (line < 0 || pts.length === 0) return;
    index = Math.max(0, Math.min(index, pts.length - 1));
    const active = [{ datasetIndex: line, index: pts[index] }];
    chart.setActiveElements(active);
    const el = chart.getDatasetMeta(line).data[pts[index]];
    chart.tooltip?.setActiveElements(active, { x: el?.x ?? 0, y: el?.y ?? 0 });
    chart.update('none');
    const at = current()!;
    readout.textContent = o.describe(at.series, at.point);
    Object.assign(box.dataset, { focusSeries: String(line), focusIndex: String(index) });
  };
  const step = (dir: number) => {
    const n = o.series.length;
    const at = current()?.point.x;
    for (let k = 1; k < n; k++) {
      const next = (((line + dir * k) % n) + n) % n;
      const pts = drawn(next);
      if (pts.length === 0) continue;
      line = next;
      // Stay at about the same x on the other line.
      index = at === undefined ? 0 : Math.max(0, pts.findIndex((d) => o.series[next].points[d].x >= at));
      return;
    }
  };
  box.addEventListener('keydown', (e) => {
    if (line < 0) return;
    switch (e.key) {
      case 'ArrowRight': index = index + 1; break;
      case 'ArrowLeft': index = Math.max(0, index - 1); break;
      case 'Home': index = 0; break;
      case 'End': index = drawn(line).length - 1; break;
      case 'ArrowDown': step(1); break;
      case 'ArrowUp': step(-1); break;
      case 'Enter': {
        const at = current();
        if (!o.open || !at) return;
        e.preventDefault();
        o.open(at.series, at.point);
        return;
      }
      default: return;
    }
    e.preventDefault();
    show();
  });
  box.addEventListener('focus', () => {
    if (index < 0) {
      index = 0;
      show();
    }
  });
  if (o.open) {
    canvas.addEventListener('click', (e) => {
      const [hit] = chart.getElementsAtEventForMode(e, 'nearest', { intersect: true }, false);
      if (hit) o.open!(o.series[hit.datasetIndex], o.series[hit.datasetIndex].points[hit.index]);
    });
  }
  return h('figure', { class: 'chart' }, h('figcaption', { text: o.title }), box, readout);
}
