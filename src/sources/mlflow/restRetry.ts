/** How often and how long the REST client waits out a busy server (HTTP 429 / 503). */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** The first back-off; each further one doubles, up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  /** No wait is longer, whatever Retry-After asks. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

/** The statuses MLflow servers (and the proxies in front of them) answer when they want the client to come back later. */
export const RETRYABLE = new Set([429, 503]);

/**
 * The wait before attempt `attempt + 1` (`attempt` counts from 0): the server's Retry-After
 * (seconds or an HTTP date) when it sends one, else exponential back-off with full jitter so
 * that many ingesters do not come back in step. Always within [0, maxDelayMs].
 * (p-retry is ESM-only and cannot read Retry-After, hence this small policy.)
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfter: string | null, now = Date.now(), random = Math.random): number {
  const asked = parseRetryAfter(retryAfter, now);
  const ms = asked ?? random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.max(0, Math.min(policy.maxDelayMs, ms));
}

function parseRetryAfter(v: string | null, now: number): number | null {
  if (v === null || v.trim() === '') return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : at - now;
}
