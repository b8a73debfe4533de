import { type PeriodSources, periodOf, quarterOrdinal } from './dataPeriod';

/**
 * A metric's trend across runs: the runs of the trends request grouped into lines (one per
 * experiment, or one per registered model with a point per version), each point at the run's
 * data period or start time, and marked when the run feeds a signed report.
 */

/** A run as the trends request reads it (`TRENDS` in queries.ts). */
export interface TrendRun extends PeriodSources {
  id: string;
  name: string | null;
  runId: string;
  startTime: string | null;
  experiment: { id: string; name: string; store: { displayName: string } | null } | null;
  metrics: { key: string; value: number | null; special: string | null }[];
  modelVersions: { id: string; name: string; version: number; model: { id: string; name: string } | null }[];
  downstreamReports: { id: string; title: string; latestVersion: { version: number; signatures: { meaning: string }[] } | null }[];
}

export type TrendAxis = 'period' | 'time';

/** Which lines: every experiment, every registered model, or one of either by id. */
export type TrendGroup = { readonly kind: 'experiments' | 'models' } | { readonly kind: 'experiment' | 'model'; readonly id: string };

export interface TrendPoint {
  readonly x: number;
  /** Null for NaN or ±∞: listed in the table, not drawn. */
  readonly y: number | null;
  readonly value: { value: number | null; special: string | null };
  readonly runId: string;
  readonly runName: string;
  readonly startTime: string | null;
  /** The data period, when the run has one. */
  readonly period: string | null;
  /** `v3` on a registered model's line. */
  readonly version: string | null;
  /** Reports downstream of the run whose latest version is signed, by title. */
  readonly signedReports: readonly { id: string; title: string }[];
}

export interface TrendSeries {
  readonly id: string;
  readonly label: string;
  readonly points: readonly TrendPoint[];
}

export interface Trend {
  readonly series: TrendSeries[];
  /** Runs with the metric but no x value (no data period, or no start time). */
  readonly withoutX: number;
  /** Runs in the group that never logged the metric. */
  readonly withoutMetric: number;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every metric key the runs logged, sorted. */
export function metricKeysOf(runs: readonly TrendRun[]): string[] {
  return [...new Set(runs.flatMap((r) => r.metrics.map((m) => m.key)))].sort(byText);
}

/** The lines there are to choose from, each sorted by label: the runs' experiments and registered models. */
export function groupChoices(runs: readonly TrendRun[]): { experiments: { id: string; label: string }[]; models: { id: string; label: string }[] } {
  const experiments = new Map<string, { name: string; store: string }>();
  const models = new Map<string, { name: string; store: string }>();
  for (const r of runs) {
    const store = r.experiment?.store?.displayName ?? '';
    if (r.experiment) experiments.set(r.experiment.id, { name: r.experiment.name, store });
    for (const mv of r.modelVersions) models.set(mv.model?.id ?? `model-name:${store}:${mv.name}`, { name: mv.model?.name ?? mv.name, store });
  }
  return { experiments: labelled(experiments), models: labelled(models) };
}

/** Labels by name; two of one name (one per store) get their store beside it. */
function labelled(items: Map<string, { name: string; store: string }>): { id: string; label: string }[] {
  const count = new Map<string, number>();
  for (const { name } of items.values()) count.set(name, (count.get(name) ?? 0) + 1);
  return [...items]
    .map(([id, { name, store }]) => ({ id, label: (count.get(name) ?? 0) > 1 && store ? `${name} (${store})` : name }))
    .sort((a, b) => byText(a.label, b.label) || byText(a.id, b.id));
}

/** Reports the run feeds (at any depth) whose latest version carries a signature. */
export function signedReportsOf(run: TrendRun): { id: string; title: string }[] {
  return run.downstreamReports.filter((r) => (r.latestVersion?.signatures.length ?? 0) > 0).map((r) => ({ id: r.id, title: r.title }));
}

/** The x value of a run on `axis`: its data period's quarter ordinal, or its start time in ms; null if it has none. */
export function xOf(run: TrendRun, axis: TrendAxis): number | null {
  if (axis === 'time') {
    const t = run.startTime === null ? Number.NaN : Date.parse(run.startTime);
    return Number.isFinite(t) ? t : null;
  }
  return quarterOrdinal(periodOf(run)?.period);
}

/** The metric's trend: lines sorted by label (lines with no point left out unless one was asked for), points by x, then start time, then run id. */
export function trendOf(runs: readonly TrendRun[], metric: string, axis: TrendAxis, group: TrendGroup): Trend {
  const choices = groupChoices(runs);
  const byModels = group.kind === 'models' || group.kind === 'model';
  const lines = (byModels ? choices.models : choices.experiments).filter((c) => !('id' in group) || c.id === group.id);
  const points = new Map<string, TrendPoint[]>(lines.map((l) => [l.id, []]));
  let withoutX = 0;
  let withoutMetric = 0;
  for (const run of runs) {
    const store = run.experiment?.store?.displayName ?? '';
    const memberships = byModels
      ? run.modelVersions.map((mv) => ({ line: mv.model?.id ?? `model-name:${store}:${mv.name}`, version: `v${mv.version}` }))
      : run.experiment ? [{ line: run.experiment.id, version: null }] : [];
    const mine = memberships.filter((m) => points.has(m.line));
    if (mine.length === 0) continue;
    const m = run.metrics.find((k) => k.key === metric);
    if (!m) {
      withoutMetric++;
      continue;
    }
    const x = xOf(run, axis);
    if (x === null) {
      withoutX++;
      continue;
    }
    const drawable = m.value !== null && (m.special === null || m.special === 'NEGATIVE_ZERO');
    for (const { line, version } of mine) {
      points.get(line)!.push({
        x,
        y: drawable ? m.value : null,
        value: { value: m.value, special: m.special },
        runId: run.id,
        runName: run.name ?? run.runId,
        startTime: run.startTime,
        period: periodOf(run)?.period ?? null,
        version,
        signedReports: signedReportsOf(run),
      });
    }
  }
  const order = (a: TrendPoint, b: TrendPoint) => a.x - b.x || byText(a.startTime ?? '', b.startTime ?? '') || byText(a.runId, b.runId) || byText(a.version ?? '', b.version ?? '');
  const series = lines.map((l) => ({ id: l.id, label: l.label, points: points.get(l.id)!.sort(order) }));
  // Every experiment or model: only those with something to show; one asked for by id: always.
  return { series: 'id' in group ? series : series.filter((s) => s.points.length > 0), withoutX, withoutMetric };
}
