import { retryDelayMs } from './restRetry';

const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };

describe('retryDelayMs', () => {
  it('honours Retry-After in seconds and as an HTTP date, bounded by maxDelayMs', () => {
    expect(retryDelayMs(policy, 0, '0')).toBe(0);
    expect(retryDelayMs(policy, 0, '1')).toBe(1000);
    expect(retryDelayMs(policy, 0, '120')).toBe(1000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryDelayMs(policy, 0, 'Thu, 01 Jan 2026 00:00:00 GMT', now + 500)).toBe(0);
    expect(retryDelayMs({ ...policy, maxDelayMs: 60_000 }, 0, 'Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
  });

  it('backs off exponentially with full jitter when the server names no wait', () => {
    expect(retryDelayMs(policy, 0, null, 0, () => 1)).toBe(100);
    expect(retryDelayMs(policy, 2, null, 0, () => 1)).toBe(400);
    expect(retryDelayMs(policy, 2, 'soon', 0, () => 0.5)).toBe(200);
    expect(retryDelayMs(policy, 10, null, 0, () => 1)).toBe(1000);
    expect(retryDelayMs(policy, 3, null, 0, () => 0)).toBe(0);
  });
});
