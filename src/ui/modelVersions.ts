/** A model version as the registry view lists it. */
export interface VersionRow {
  readonly id: string;
  readonly version: number;
  readonly stage: string;
  readonly aliases: readonly string[];
  readonly status: string | null;
  readonly createdAt: string | null;
  readonly runId: string | null;
  readonly run: { readonly id: string; readonly name: string | null } | null;
  readonly reports: readonly { readonly id: string; readonly title: string }[];
  readonly signals: readonly { readonly id: string; readonly drug: string; readonly eventTerm: string; readonly status: string }[];
}

/** Newest version first: the order MLflow's registry page shows. */
export function sortVersions(rows: readonly VersionRow[]): VersionRow[] {
  return [...rows].sort((a, b) => b.version - a.version || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The version an alias or stage serves, for the model's summary line: `champion → v2`, `Production → v2`. */
export function servingSummary(rows: readonly VersionRow[]): string[] {
  const sorted = sortVersions(rows);
  const aliases = sorted.flatMap((v) => v.aliases.map((a) => `${a} → v${v.version}`)).sort();
  const stages = sorted.filter((v) => v.stage === 'Production' || v.stage === 'Staging').map((v) => `${v.stage} → v${v.version}`);
  return [...aliases, ...stages];
}
