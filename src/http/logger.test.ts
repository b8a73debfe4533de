import { Writable } from 'node:stream';
import { createLogger, logFormatFor } from './logger';

describe('log format', () => {
  it('is readable on a terminal and JSON elsewhere, unless LOG_FORMAT says otherwise', () => {
    expect(logFormatFor(undefined, true)).toBe('pretty');
    expect(logFormatFor(undefined, false)).toBe('json');
    expect(logFormatFor('json', true)).toBe('json');
    expect(logFormatFor('pretty', false)).toBe('pretty');
  });

  const capture = (format: 'json' | 'pretty') => {
    const out: string[] = [];
    const log = createLogger('info', format, new Writable({ write: (c, _e, done) => (out.push(String(c)), done()) }));
    log.info({ port: 4000, password: 'hunter2' }, 'pv-lineage listening');
    return out.join('');
  };

  it('writes one JSON object per line in JSON format', () => {
    expect(JSON.parse(capture('json'))).toMatchObject({ level: 30, msg: 'pv-lineage listening', port: 4000, password: '[redacted]', service: 'pv-lineage' });
  });

  it('writes a readable line through pino-pretty, redacted alike, in pretty format', () => {
    const text = capture('pretty');
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toMatch(/INFO.*pv-lineage listening/);
    expect(text).toContain('port: 4000');
    expect(text).not.toContain('hunter2');
  });
});
