import type { RunRow } from './runColumns';

/** Runs one comparison holds: fewer says nothing, more no longer fits side by side. */
export const MIN_COMPARE = 2;
export const MAX_COMPARE = 5;

/** One logged point of a metric, as `Run.metricHistory` returns it. */
export interface HistoryPoint {
  step: number;
  timestamp: number;
  value: number | null;
  special: string | null;
}

/** A run as the comparison reads it: the table's fields, its inputs and its metric histories by key. */
export interface CompareRun extends RunRow {
  inputs: { context: string | null; digest: string | null; dataset: { id: string; name: string; digest: string | null } }[];
  histories: Record<string, HistoryPoint[]>;
}

/** Why a selection cannot be compared, or null when it can. */
export function selectionProblem(count: number): string | null {
  if (count < MIN_COMPARE) return `${count} selected: select at least ${MIN_COMPARE} runs to compare.`;
  if (count > MAX_COMPARE) return `${count} selected: select at most ${MAX_COMPARE} runs to compare.`;
  return null;
}

export interface ParamDiffRow {
  readonly key: string;
  /** One per run, in the runs' order; null where the run has no such param. */
  readonly values: readonly (string | null)[];
  /** Some run's value differs from another's, or some run lacks the param. */
  readonly differs: boolean;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const allSame = <T>(values: readonly T[]) => values.every((v) => v === values[0]);

/** Every param any of the runs has, sorted by key, with whether the runs disagree on it. */
export function diffParams(runs: readonly Pick<RunRow, 'params'>[]): ParamDiffRow[] {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort(byText);
  return keys.map((key) => {
    const values = runs.map((r) => (Object.prototype.hasOwnProperty.call(r.params, key) ? r.params[key] : null));
    return { key, values, differs: !allSame(values) };
  });
}

export interface MetricRow {
  readonly key: string;
  readonly values: readonly (RunRow['metrics'][number] | null)[];
  /** Index of the run with the highest finite latest value; null when fewer than two runs have one or all tie. */
  readonly highest: number | null;
}

/** Every metric any of the runs logged, sorted by key, with each run's latest value side by side. */
export function metricRows(runs: readonly Pick<RunRow, 'metrics'>[]): MetricRow[] {
  const keys = [...new Set(runs.flatMap((r) => r.metrics.map((m) => m.key)))].sort(byText);
  return keys.map((key) => {
    const values = runs.map((r) => r.metrics.find((m) => m.key === key) ?? null);
    const finite = values.map((v) => (v && v.value !== null && v.special === null ? v.value : null));
    const present = finite.filter((v): v is number => v !== null);
    const max = Math.max(...present);
    const highest = present.length >= 2 && !allSame(present) ? finite.indexOf(max) : null;
    return { key, values, highest };
  });
}

export type DatasetChange = 'same' | 'different snapshot' | 'not read by every run';

export interface DatasetDiffRow {
  readonly datasetId: string;
  readonly name: string;
  readonly context: string | null;
  /** The digest each run read (the input's, else the dataset's latest); undefined where the run did not read it in this role. */
  readonly digests: readonly (string | null | undefined)[];
  readonly change: DatasetChange;
}

/**
 * The datasets the runs read, one row per dataset and role (`training`, `evaluation`), ordered
 * by dataset name, then id, then role: which runs read the same snapshot, which another one,
 * and which did not read it at all.
 */
export function diffDatasets(runs: readonly Pick<CompareRun, 'inputs'>[]): DatasetDiffRow[] {
  const rows = new Map<string, { datasetId: string; name: string; context: string | null; digests: (string | null | undefined)[] }>();
  runs.forEach((run, i) => {
    for (const input of run.inputs) {
      const key = `${input.dataset.id}\u0000${input.context ?? ''}`;
      let row = rows.get(key);
      if (!row) {
        row = { datasetId: input.dataset.id, name: input.dataset.name, context: input.context, digests: runs.map(() => undefined) };
        rows.set(key, row);
      }
      row.digests[i] = input.digest ?? input.dataset.digest;
    }
  });
  return [...rows.values()]
    .sort((a, b) => byText(a.name, b.name) || byText(a.datasetId, b.datasetId) || byText(a.context ?? '', b.context ?? ''))
    .map((r) => ({
      ...r,
      change: r.digests.some((d) => d === undefined) ? 'not read by every run' : allSame(r.digests) ? 'same' : 'different snapshot',
    }));
}

/** The metric keys worth a history chart: every key any selected run logged, sorted. */
export function historyKeys(runs: readonly Pick<RunRow, 'metrics'>[]): string[] {
  return [...new Set(runs.flatMap((r) => r.metrics.map((m) => m.key)))].sort(byText);
}

export interface StepRow {
  readonly step: number;
  /** Per series, the value at this step (the last logged, as MLflow shows it), a special's name, or null where none was logged. */
  readonly values: readonly (number | string | null)[];
}

/** Several histories of one metric as one table, a row per step any of them logged, in step order. */
export function stepTable(series: readonly (readonly HistoryPoint[])[]): StepRow[] {
  const steps = [...new Set(series.flatMap((s) => s.map((p) => p.step)))].sort((a, b) => a - b);
  const at = series.map((s) => {
    const m = new Map<number, number | string>();
    // Points come in step then timestamp order, so the later point of a step overwrites.
    for (const p of s) m.set(p.step, p.special && p.special !== 'NEGATIVE_ZERO' ? p.special : (p.value ?? 'NAN'));
    return m;
  });
  return steps.map((step) => ({ step, values: at.map((m) => m.get(step) ?? null) }));
}
