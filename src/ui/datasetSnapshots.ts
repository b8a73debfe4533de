/**
 * A dataset's snapshots as the runs saw them. pv-lineage keeps no snapshot list of its own: each
 * run's input edge keeps the digest it read, so a snapshot here is one distinct digest, with the
 * runs that read it and when they started.
 */
export interface ReaderRun {
  readonly id: string;
  readonly name: string | null;
  readonly runId: string;
  readonly startTime: string | null;
  readonly inputs: readonly { readonly context: string | null; readonly digest: string | null; readonly dataset: { readonly id: string } }[];
}

export interface Snapshot {
  /** Null for runs whose input recorded no digest. */
  readonly digest: string | null;
  readonly runs: readonly { readonly id: string; readonly name: string; readonly context: string | null }[];
  /** Earliest and latest start of the runs that read it (ISO); null when none has a start time. */
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  /** Whether it is the digest the dataset records as its latest. */
  readonly latest: boolean;
}

/** Groups the runs' inputs of `datasetId` by digest; newest last-seen first (never seen last), then digest. */
export function snapshotsOf(datasetId: string, latestDigest: string | null, runs: readonly ReaderRun[]): Snapshot[] {
  const groups = new Map<string | null, { runs: Snapshot['runs'][number][]; times: string[] }>();
  for (const run of runs) {
    for (const input of run.inputs) {
      if (input.dataset.id !== datasetId) continue;
      const group = groups.get(input.digest) ?? { runs: [], times: [] };
      group.runs.push({ id: run.id, name: run.name ?? run.runId, context: input.context });
      if (run.startTime) group.times.push(run.startTime);
      groups.set(input.digest, group);
    }
  }
  const snapshots = [...groups].map(([digest, g]): Snapshot => {
    const times = [...g.times].sort();
    return { digest, runs: g.runs, firstSeen: times[0] ?? null, lastSeen: times[times.length - 1] ?? null, latest: digest !== null && digest === latestDigest };
  });
  const key = (s: Snapshot) => s.lastSeen ?? '';
  return snapshots.sort((a, b) => (key(a) !== key(b) ? (key(a) < key(b) ? 1 : -1) : (a.digest ?? '\uffff') < (b.digest ?? '\uffff') ? -1 : 1));
}
