/** How values read on paper: UTC times spelled out, JSON values on one line, long ones cut. */

/** `2024-04-30T08:15:02.123Z` → `2024-04-30 08:15:02.123 UTC`; anything else as it is. */
export function utc(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d+)?)Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

export function jsonText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `k=v; k2=v2` for a params or tags object, keys sorted. */
export function pairs(obj: Record<string, unknown> | null | undefined, max = 120): string {
  if (!obj) return '—';
  const keys = Object.keys(obj).sort();
  return keys.length === 0 ? '—' : keys.map((k) => `${k}=${cut(jsonText(obj[k]), max)}`).join('; ');
}

/** `[3, 4, 5, 9, 11, 12]` → `3–5, 9, 11–12`, for page and event numbers. */
export function ranges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j;
  }
  return parts.join(', ');
}
