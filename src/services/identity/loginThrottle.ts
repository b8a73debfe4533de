/**
 * Recent failures per key in a sliding window. In memory, so per replica: the per-account
 * lockout in Neo4j is the limit every replica shares.
 */
export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until this key may try again, or 0 when it may try now. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    return recent.length >= this.max ? Math.ceil((recent[0] + this.windowMs - now) / 1000) : 0;
  }

  fail(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.set(key, recent);
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }
}

/**
 * Failed sign-ins count per account and address together: behind a proxy many users share one
 * address, and one client's failures must not lock every other account out of that address.
 */
export const loginThrottleKey = (userId: string, address: string | null): string => `${userId.slice(0, 100)}\u0000${address ?? 'unknown'}`;
