/**
 * The data period a run covers, as an x value: the FAERS quarter (`2024Q1`) its model was
 * trained on. MLflow has no field for it, so the trends view reads, in this order: the run's
 * `data_period` param (what the demo pipeline and the teams log), its `pv.data_period`
 * tag, the period of the dataset it read for training (`Dataset.period`, which the ingester
 * reads from a name like `faers_2024Q1`), and the one period all its inputs share. A run none
 * of these name has no period and is left off a chart by period.
 */

export interface PeriodSources {
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly inputs: readonly { readonly context: string | null; readonly dataset: { readonly period: string | null } }[];
}

const QUARTER = /^(\d{4})-?Q([1-4])$/i;

/** `2024Q1` (or `2024-Q1`) as a count of quarters since year 0, so consecutive quarters are 1 apart; null for anything else. */
export function quarterOrdinal(text: string | null | undefined): number | null {
  const m = QUARTER.exec((text ?? '').trim());
  return m ? Number(m[1]) * 4 + Number(m[2]) - 1 : null;
}

/** The quarter an ordinal stands for, `2024Q1`; a value between quarters (a tick) is left as a number. */
export function formatQuarter(ordinal: number): string {
  if (!Number.isInteger(ordinal)) return String(ordinal);
  return `${Math.floor(ordinal / 4)}Q${(((ordinal % 4) + 4) % 4) + 1}`;
}

/** The run's data period (a quarter, normalised to `2024Q1`) and where it was read, or null. */
export function periodOf(run: PeriodSources): { period: string; from: string } | null {
  const training = run.inputs.filter((i) => i.context === 'training').map((i) => i.dataset.period);
  const all = [...new Set(run.inputs.map((i) => i.dataset.period).filter((p): p is string => p !== null))];
  const candidates: [string | null | undefined, string][] = [
    [run.params.data_period, 'param data_period'],
    [run.tags['pv.data_period'], 'tag pv.data_period'],
    [training.length === 1 ? training[0] : null, 'training dataset'],
    [all.length === 1 ? all[0] : null, 'input datasets'],
  ];
  for (const [text, from] of candidates) {
    const q = quarterOrdinal(text);
    if (q !== null) return { period: formatQuarter(q), from };
  }
  return null;
}
