import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { isAbandoned } from './ingestionLease';

const running = (over: Partial<Parameters<typeof isAbandoned>[0]>) => ({
  id: 'i-1',
  storeId: 'store:abc',
  host: os.hostname(),
  pid: process.pid,
  actor: 'cli:test',
  startedAt: '2026-01-01T00:00:00Z',
  stale: false,
  ...over,
});

describe('isAbandoned: when a RUNNING ingestion counts as dead', () => {
  const deadPid = (() => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    return Number(child.stdout);
  })();

  it('is dead when its heartbeat is stale, wherever it ran', () => {
    expect(isAbandoned(running({ stale: true, host: 'elsewhere' }), os.hostname())).toBe(true);
  });

  it('is dead when it ran on this host under a pid that is gone', () => {
    expect(isAbandoned(running({ pid: deadPid }), os.hostname())).toBe(true);
  });

  it('is alive while its heartbeat is fresh and its process exists, or when it ran on another host', () => {
    expect(isAbandoned(running({}), os.hostname())).toBe(false);
    expect(isAbandoned(running({ pid: deadPid, host: 'elsewhere' }), os.hostname())).toBe(false);
    expect(isAbandoned(running({ pid: null }), os.hostname())).toBe(false);
  });
});
