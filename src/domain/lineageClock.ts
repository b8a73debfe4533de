import { nameOf, NodeType } from './nodeType';

/**
 * The two clocks a lineage question can be asked on (docs/time.md).
 *
 * - `asOf`, the recorded clock: what pv-lineage had recorded at that instant (edge `since` /
 *   `until`, set when pv-lineage wrote them). The auditor's question.
 * - `validAt`, the source clock: what the sources (MLflow, OpenLineage, the report record) say
 *   existed at that instant. The scientist's question.
 */
export enum LineageClock {
  RECORDED = 'asOf',
  SOURCE = 'validAt',
}

export interface LineageClocks {
  readonly asOf: Date | null;
  readonly validAt: Date | null;
}

/** No clock asked for: the live graph, with no source-time filter. */
export const NO_CLOCKS: LineageClocks = { asOf: null, validAt: null };

/**
 * The source time of a node of each type: the first of these properties that is set. Types not
 * listed (datasets, jobs, stores, fields) have no time of their own in their sources; they are
 * as old as the earliest timed node they are linked to (a dataset: the first run that touched it).
 */
export const SOURCE_TIME_PROPERTIES: Readonly<Partial<Record<NodeType, readonly string[]>>> = {
  // An MLflow run without a start time has at least an end time; an OpenLineage run's startTime
  // is its earliest START, else its earliest event (eventTime).
  [NodeType.RUN]: ['startTime', 'endTime'],
  [NodeType.REPORT]: ['createdAt'],
  [NodeType.MODEL_VERSION]: ['createdAt'],
  [NodeType.LOGGED_MODEL]: ['createdAt'],
  [NodeType.REGISTERED_MODEL]: ['createdAt'],
  [NodeType.EXPERIMENT]: ['createdAt'],
  [NodeType.SIGNAL]: ['detectedAt'],
};

/** What the answer says about its root on the clocks asked: whether it existed, and since when. */
export interface RootTimes {
  /** Earliest `since` of the root's lineage relationships; null when none is timestamped. */
  readonly recordedAt: Date | null;
  /** The root's source time (its own, or its earliest timed neighbour's); null when unknown. */
  readonly validFrom: Date | null;
}

/** The first clock on which the root did not yet exist, with the instant it came to. */
function absentOn(clocks: LineageClocks, t: RootTimes): { clock: LineageClock; at: Date; from: Date } | null {
  if (clocks.asOf && t.recordedAt && t.recordedAt.getTime() > clocks.asOf.getTime()) return { clock: LineageClock.RECORDED, at: clocks.asOf, from: t.recordedAt };
  if (clocks.validAt && t.validFrom && t.validFrom.getTime() > clocks.validAt.getTime()) return { clock: LineageClock.SOURCE, at: clocks.validAt, from: t.validFrom };
  return null;
}

/**
 * The human sentence for an empty answer whose root did not exist yet; null when it did. A root
 * with no time on a clock is taken to have existed: pv-lineage has no evidence to the contrary.
 */
export function rootAbsenceMessage(type: NodeType, id: string, clocks: LineageClocks, t: RootTimes): string | null {
  const gap = absentOn(clocks, t);
  if (!gap) return null;
  const what = `${nameOf(type)} "${id}"`;
  return gap.clock === LineageClock.RECORDED
    ? `${what} was first recorded by pv-lineage at ${gap.from.toISOString()}, after asOf ${gap.at.toISOString()}: pv-lineage held nothing of it then. Ask with validAt for the time its source records.`
    : `${what} dates from ${gap.from.toISOString()} in its source records, after validAt ${gap.at.toISOString()}: it did not exist yet then.`;
}

/** The two ends of a path question, as its arguments name them. */
export enum PathEnd {
  FROM = 'from',
  TO = 'to',
}

/**
 * The sentence for a path question one or both of whose ends did not exist yet: per such end,
 * which one, then its `rootAbsenceMessage`. Null when every end given existed.
 */
export function pathAbsenceMessage(absent: readonly { end: PathEnd; type: NodeType; id: string; times: RootTimes }[], clocks: LineageClocks): string | null {
  const sentences = absent.flatMap((e) => {
    const why = rootAbsenceMessage(e.type, e.id, clocks, e.times);
    return why === null ? [] : [`The "${e.end}" end did not exist yet: ${why}`];
  });
  return sentences.length > 0 ? sentences.join(' ') : null;
}
