import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  const base = { NEO4J_PASSWORD: 'pw' };

  it('applies defaults', () => {
    const c = loadConfig(base);
    expect(c.port).toBe(4000);
    expect(c.neo4j.uri).toBe('bolt://127.0.0.1:7687');
    expect(c.maxLineageDepth).toBe(20);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ NEO4J_URI: 'http://localhost:7474' }, 'NEO4J_URI'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ PVL_MAX_PAGE_SIZE: '0' }, 'PVL_MAX_PAGE_SIZE'],
  ])('names the variable in error for %j', (bad, name) => {
    expect(() => loadConfig({ ...base, ...bad })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...bad })).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}:`));
  });

  it('requires the Neo4j password', () => {
    expect(() => loadConfig({})).toThrow(/NEO4J_PASSWORD/);
  });
});
