/**
 * Failed logins per client address in a sliding window. In memory, so per replica: the
 * per-account lockout in Neo4j is the limit every replica shares.
 */
export class AddressThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until this address may try again, or 0 when it may try now. */
  retryAfter(address: string, now = Date.now()): number {
    const recent = this.recent(address, now);
    return recent.length >= this.max ? Math.ceil((recent[0] + this.windowMs - now) / 1000) : 0;
  }

  fail(address: string, now = Date.now()): void {
    const recent = this.recent(address, now);
    recent.push(now);
    this.failures.set(address, recent);
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((t) => t > now - this.windowMs);
  }
}
