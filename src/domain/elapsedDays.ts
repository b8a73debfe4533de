/**
 * Whole days from `since` to `now` (GVP IX and review procedures set their deadlines in days):
 * how long a signal has been in its stage, or a signature has been waiting. Null when `since` is
 * unknown or unreadable; never negative, for a clock a little ahead.
 */
export function elapsedDays(since: string | null, now: Date): number | null {
  if (since === null) return null;
  const at = Date.parse(since);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.floor((now.getTime() - at) / 86_400_000));
}
