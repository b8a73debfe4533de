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

  it('reads the MLFLOW_TRACKING_* variables MLflow users set, and refuses combinations MLflow refuses', () => {
    expect(loadConfig(base).mlflowTracking).toEqual({ username: null, password: null, token: null, insecureTls: false, serverCertPath: null });
    const c = loadConfig({ ...base, MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 's3cret-pw', MLFLOW_TRACKING_TOKEN: 't', MLFLOW_TRACKING_INSECURE_TLS: 'True' });
    expect(c.mlflowTracking).toEqual({ username: 'u', password: 's3cret-pw', token: 't', insecureTls: true, serverCertPath: null });
    expect(() => loadConfig({ ...base, MLFLOW_TRACKING_USERNAME: 'u' })).toThrow(/MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD must be set together/);
    expect(() => loadConfig({ ...base, MLFLOW_TRACKING_INSECURE_TLS: 'yes' })).toThrow(/MLFLOW_TRACKING_INSECURE_TLS: must be true or false/);
    expect(() => loadConfig({ ...base, MLFLOW_TRACKING_SERVER_CERT_PATH: '/nonexistent/ca.pem' })).toThrow(/MLFLOW_TRACKING_SERVER_CERT_PATH: \/nonexistent\/ca.pem is not a readable file/);
    expect(() => loadConfig({ ...base, MLFLOW_TRACKING_INSECURE_TLS: 'true', MLFLOW_TRACKING_SERVER_CERT_PATH: __filename })).toThrow(/cannot both be set/);
    let message = '';
    try {
      loadConfig({ ...base, MLFLOW_TRACKING_PASSWORD: 's3cret-pw' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/must be set together/);
    expect(message).not.toContain('s3cret-pw');
  });
});
