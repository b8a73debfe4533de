/**
 * How long a signal has been in its stage, in whole days (GVP IX sets its deadlines in days):
 * from the last transition, or from detection when it never moved. Null when neither is known.
 */
export function daysInStage(since: string | null, now: Date): number | null {
  if (since === null) return null;
  const at = Date.parse(since);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.floor((now.getTime() - at) / 86_400_000));
}
