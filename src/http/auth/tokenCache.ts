/** How long one cached answer may be trusted besides the cache's own TTL (epoch milliseconds). */
export interface Lifetime {
  /** The token's absolute expiry. */
  readonly expiresAt?: number | null;
  /** A session's idle timeout: the entry dies this long after its last use. */
  readonly idleMs?: number | null;
}

interface Entry<V> {
  readonly value: V;
  /** The earlier of the TTL and the token's expiry. */
  readonly until: number;
  readonly hardUntil: number;
  readonly idleMs: number | null;
  lastUse: number;
  readonly subject: string | null;
}

/**
 * Verified (and rejected) bearer tokens, kept for a short TTL so a request does not cost a Neo4j
 * round trip. The TTL is the longest a revocation made on another replica can lag. An entry never
 * outlives its token: it dies at the token's expiry and, for a session, once it has been idle for
 * the idle timeout, whichever comes first, so the cache never accepts what the database would
 * refuse.
 */
export class TokenCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, now = Date.now()): { value: V } | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (now >= hit.hardUntil || (hit.idleMs !== null && now - hit.lastUse > hit.idleMs)) {
      this.entries.delete(key);
      return undefined;
    }
    // Past the TTL the entry stays, unanswered, so `lastSeen` still knows its last use.
    if (now >= hit.until) return undefined;
    hit.lastUse = now;
    return { value: hit.value };
  }

  /** The last use this cache served of a token whose entry has aged out, so its idle clock is not set back. */
  lastSeen(key: string): number | undefined {
    return this.entries.get(key)?.lastUse;
  }

  set(key: string, value: V, now = Date.now(), lifetime: Lifetime = {}, subject: string | null = null): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value as string);
    const hardUntil = lifetime.expiresAt ?? Infinity;
    this.entries.set(key, { value, until: Math.min(now + this.ttlMs, hardUntil), hardUntil, idleMs: lifetime.idleMs ?? null, lastUse: now, subject });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every entry about one account (its roles, password or state changed). */
  deleteSubject(subject: string): void {
    for (const [key, entry] of this.entries) if (entry.subject === subject) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
