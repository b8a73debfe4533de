import { h } from './dom';

/**
 * A small line chart drawn as SVG through the DOM (no markup strings, no inline script), for
 * metric histories overlaid. It is reachable by keyboard: Tab focuses it, ←/→ walk the points of
 * a line, ↑/↓ change line, Home/End jump to its ends, and a live region reads out each point.
 * The caller puts a table of the same values beside it.
 */

export interface ChartPoint {
  readonly x: number;
  /** Null for a value that cannot be drawn (NaN, ±∞): the line breaks there. */
  readonly y: number | null;
}

export interface ChartSeries {
  readonly label: string;
  readonly points: readonly ChartPoint[];
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly series: readonly ChartSeries[];
  /** How a point is read out, e.g. `xgb-2024Q1, step 10: 0.8512`. */
  readonly describe: (series: ChartSeries, point: ChartPoint) => string;
}

/** Okabe–Ito colours, told apart with colour blindness too; each line also has its own dash. */
export const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8F6A00'] as const;
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2'] as const;

/** About `count` round tick values covering [min, max] (steps of 1, 2 or 5 × 10ⁿ). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps to the middle of the range. */
export function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d0 === d1) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** The SVG path of a line, broken where a value cannot be drawn. */
export function linePath(points: readonly ChartPoint[], x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.y === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(p.x).toFixed(1)} ${y(p.y).toFixed(1)}`;
    pen = true;
  }
  return d;
}

const SVG = 'http://www.w3.org/2000/svg';
function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (SVGElement | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

const W = 560;
const H = 240;
const M = { top: 12, right: 16, bottom: 36, left: 56 };
const short = (v: number) => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(1) : String(Number(v.toPrecision(4))));

/** A figure with the chart, its legend and the point readout. */
export function lineChart(options: LineChartOptions): HTMLElement {
  const drawn = options.series.flatMap((se) => se.points.filter((p) => p.y !== null));
  const xs = drawn.map((p) => p.x);
  const ys = drawn.map((p) => p.y as number);
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  const [y0, y1] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  const x = scale(x0, x1, M.left, W - M.right);
  const y = scale(y0, y1, H - M.bottom, M.top);
  const readout = h('p', { class: 'chart-readout', role: 'status', 'aria-live': 'polite', text: 'Focus the chart and use the arrow keys to read its points.' });

  const axes = s('g', { class: 'axes' },
    s('line', { x1: M.left, y1: H - M.bottom, x2: W - M.right, y2: H - M.bottom }),
    s('line', { x1: M.left, y1: M.top, x2: M.left, y2: H - M.bottom }),
    ...niceTicks(x0, x1, 6).map((t) => s('text', { x: x(t), y: H - M.bottom + 16, 'text-anchor': 'middle' }, short(t))),
    ...niceTicks(y0, y1, 4).flatMap((t) => [s('line', { class: 'grid', x1: M.left, y1: y(t), x2: W - M.right, y2: y(t) }), s('text', { x: M.left - 6, y: y(t) + 4, 'text-anchor': 'end' }, short(t))]),
    s('text', { x: (M.left + W - M.right) / 2, y: H - 4, 'text-anchor': 'middle' }, options.xLabel),
  );
  const lines = options.series.map((se, i) =>
    s('g', { class: 'series', 'data-series': i },
      s('path', { d: linePath(se.points, x, y), fill: 'none', stroke: SERIES_COLOURS[i % SERIES_COLOURS.length], 'stroke-width': 2, 'stroke-dasharray': DASHES[i % DASHES.length] }),
      // A lone point between gaps has no line: a dot shows it.
      ...se.points.filter((p) => p.y !== null).map((p) => s('circle', { cx: x(p.x).toFixed(1), cy: y(p.y as number).toFixed(1), r: 2, fill: SERIES_COLOURS[i % SERIES_COLOURS.length] })),
    ),
  );
  const marker = s('circle', { class: 'chart-focus', r: 6, cx: -20, cy: -20, fill: 'none', stroke: '#1b1f24', 'stroke-width': 2 });
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'line-chart', tabindex: 0, role: 'group', 'aria-roledescription': 'chart', 'aria-label': `${options.title}. Arrow keys read the points; the table below holds the same values.` }, axes, ...lines, marker);

  let line = options.series.findIndex((se) => se.points.some((p) => p.y !== null));
  let index = -1;
  const visible = (i: number) => options.series[i]?.points.filter((p) => p.y !== null) ?? [];
  const show = () => {
    const pts = visible(line);
    if (line < 0 || pts.length === 0) return;
    index = Math.max(0, Math.min(index, pts.length - 1));
    const p = pts[index];
    marker.setAttribute('cx', x(p.x).toFixed(1));
    marker.setAttribute('cy', y(p.y as number).toFixed(1));
    readout.textContent = options.describe(options.series[line], p);
    svg.dataset.focusSeries = String(line);
    svg.dataset.focusIndex = String(index);
  };
  svg.addEventListener('keydown', (e) => {
    if (line < 0) return;
    const n = options.series.length;
    const step = (dir: number) => {
      for (let k = 1; k <= n; k++) {
        const next = (line + dir * k + n * k) % n;
        if (visible(next).length > 0) {
          const at = visible(line)[Math.max(0, index)]?.x;
          line = next;
          // Stay at about the same step on the other line.
          const pts = visible(line);
          index = at === undefined ? 0 : Math.max(0, pts.findIndex((p) => p.x >= at));
          return;
        }
      }
    };
    switch (e.key) {
      case 'ArrowRight': index = index + 1; break;
      case 'ArrowLeft': index = Math.max(0, index - 1); break;
      case 'Home': index = 0; break;
      case 'End': index = visible(line).length - 1; break;
      case 'ArrowDown': step(1); break;
      case 'ArrowUp': step(-1); break;
      default: return;
    }
    e.preventDefault();
    show();
  });
  svg.addEventListener('focus', () => {
    if (index < 0) {
      index = 0;
      show();
    }
  });

  const legend = h('ul', { class: 'chart-legend', 'aria-label': 'Lines' },
    ...options.series.map((se, i) => {
      const key = s('svg', { width: 28, height: 10, 'aria-hidden': 'true' }, s('line', { x1: 0, y1: 5, x2: 28, y2: 5, stroke: SERIES_COLOURS[i % SERIES_COLOURS.length], 'stroke-width': 2, 'stroke-dasharray': DASHES[i % DASHES.length] }));
      return h('li', {}, key, ` ${se.label}${se.points.some((p) => p.y !== null) ? '' : ' (nothing to draw)'}`);
    }),
  );
  return h('figure', { class: 'chart' }, h('figcaption', { text: options.title }), svg, legend, readout);
}
