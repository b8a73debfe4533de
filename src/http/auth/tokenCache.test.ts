import { TokenCache } from './tokenCache';

describe('TokenCache', () => {
  const t0 = 1_000_000;

  it('keeps an entry for the TTL at most', () => {
    const cache = new TokenCache<string>(30_000);
    cache.set('k', 'v', t0);
    expect(cache.get('k', t0 + 29_999)).toEqual({ value: 'v' });
    expect(cache.get('k', t0 + 30_000)).toBeUndefined();
  });

  it('never keeps an entry past its token expiry, however long the TTL', () => {
    const cache = new TokenCache<string>(30_000);
    cache.set('k', 'v', t0, { expiresAt: t0 + 1_000 });
    expect(cache.get('k', t0 + 999)).toEqual({ value: 'v' });
    expect(cache.get('k', t0 + 1_000)).toBeUndefined();
    expect(cache.lastSeen('k')).toBeUndefined();
  });

  it('ends a session entry once idle for the idle timeout, and each use restarts that clock', () => {
    const cache = new TokenCache<string>(60_000);
    cache.set('k', 'v', t0, { idleMs: 10_000 });
    expect(cache.get('k', t0 + 10_000)).toEqual({ value: 'v' });
    expect(cache.get('k', t0 + 20_000)).toEqual({ value: 'v' });
    expect(cache.get('k', t0 + 30_001)).toBeUndefined();
    expect(cache.get('k', t0 + 30_002)).toBeUndefined();
  });

  it('remembers the last use of an entry that aged out by TTL, so the idle clock is not set back', () => {
    const cache = new TokenCache<string>(5_000);
    cache.set('k', 'v', t0, { idleMs: 60_000 });
    cache.get('k', t0 + 4_000);
    expect(cache.get('k', t0 + 5_000)).toBeUndefined();
    expect(cache.lastSeen('k')).toBe(t0 + 4_000);
  });

  it('drops every entry of one account at once', () => {
    const cache = new TokenCache<string>(30_000);
    cache.set('a1', 'alice', t0, {}, 'alice');
    cache.set('a2', 'alice', t0, {}, 'alice');
    cache.set('b1', 'bob', t0, {}, 'bob');
    cache.deleteSubject('alice');
    expect([cache.get('a1', t0), cache.get('a2', t0), cache.get('b1', t0)]).toEqual([undefined, undefined, { value: 'bob' }]);
  });

  it('caches nothing with a TTL of 0', () => {
    const cache = new TokenCache<string>(0);
    cache.set('k', 'v', t0);
    expect(cache.get('k', t0)).toBeUndefined();
  });
});
