import { checkOrigin, checkRoot, isInsideRoot, originOf, parseAllowedOrigin } from './ingestAllowList';

describe('ingest allow-lists', () => {
  const allow = { roots: [], origins: ['http://127.0.0.1:5000'] };

  it('normalises an address however it is spelt before comparing origins', () => {
    expect(originOf('http://2130706433:5000/x', 'uri')).toBe('http://127.0.0.1:5000');
    expect(originOf('HTTP://0x7f.1:5000', 'uri')).toBe('http://127.0.0.1:5000');
    expect(() => checkOrigin(allow, 'http://127.1:5000/prefix', 'uri')).not.toThrow();
    expect(() => checkOrigin(allow, 'http://2130706433:5001', 'uri')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => checkOrigin(allow, 'http://localhost:5000', 'uri')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('refuses user-info and non-http schemes as bad input, naming the argument', () => {
    expect(() => originOf('http://127.0.0.1:5000@10.0.0.1/', 'input.uri')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { argument: 'input.uri' } }));
    expect(() => originOf('http://u:p@127.0.0.1:5000', 'input.uri')).toThrow(/user-info/);
    expect(() => originOf('ftp://127.0.0.1', 'input.uri')).toThrow(/http/);
  });

  it('accepts only bare origins in PVL_INGEST_ORIGINS', () => {
    expect(parseAllowedOrigin('https://mlflow.example.org:443')).toBe('https://mlflow.example.org');
    expect(() => parseAllowedOrigin('https://mlflow.example.org/api')).toThrow(/not an origin/);
  });

  it('counts a path as inside a root only below it, not beside it', () => {
    expect(isInsideRoot('/srv/stores/a/mlruns', '/srv/stores')).toBe(true);
    expect(isInsideRoot('/srv/stores', '/srv/stores')).toBe(true);
    expect(isInsideRoot('/srv/stores-other/x', '/srv/stores')).toBe(false);
    expect(isInsideRoot('/etc', '/srv/stores')).toBe(false);
    expect(isInsideRoot('/srv/stores/..data', '/srv/stores')).toBe(true);
    expect(() => checkRoot([], '/srv/stores/a', 'input.uri')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', details: { argument: 'input.uri', rule: 'PVL_INGEST_ROOTS' } }));
  });
});
