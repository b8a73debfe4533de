import { TrackingStoreKind, storeKeyFor } from '../../domain/trackingStore';
import { inputOfStoreUri, normaliseStoreUri } from './uri';

describe('normaliseStoreUri', () => {
  it('gives one canonical URI for the spellings of a local file store', () => {
    const a = normaliseStoreUri('./mlruns/', '/data/pv');
    const b = normaliseStoreUri('/data/pv/mlruns', '/');
    const c = normaliseStoreUri('file:///data/pv/mlruns', '/');
    expect(a.uri).toBe('file:///data/pv/mlruns');
    expect(b.uri).toBe(a.uri);
    expect(c.uri).toBe(a.uri);
    expect(a.kind).toBe(TrackingStoreKind.FILE);
    expect(a.target).toBe('/data/pv/mlruns');
  });

  it('decodes percent-encoding and re-encodes canonically', () => {
    const loc = normaliseStoreUri('file:///data/my%20runs/ml%72uns', '/');
    expect(loc.target).toBe('/data/my runs/mlruns');
    expect(loc.uri).toBe('file:///data/my%20runs/mlruns');
  });

  it('keeps Windows drive letters, upper-cases them and turns backslashes into slashes', () => {
    const a = normaliseStoreUri('file:///c:/Users/pv/mlruns', '/');
    const b = normaliseStoreUri('C:\\Users\\pv\\mlruns', '/');
    expect(a.uri).toBe('file:///C:/Users/pv/mlruns');
    expect(b.uri).toBe(a.uri);
    expect(a.kind).toBe(TrackingStoreKind.FILE);
  });

  it('resolves relative and absolute sqlite:/// URIs and bare .db paths to one URI', () => {
    const rel = normaliseStoreUri('sqlite:///mlflow.db', '/data/pv');
    const abs = normaliseStoreUri('sqlite:////data/pv/mlflow.db', '/');
    const bare = normaliseStoreUri('/data/pv/mlflow.db', '/');
    expect(rel.uri).toBe('sqlite:////data/pv/mlflow.db');
    expect(abs.uri).toBe(rel.uri);
    expect(bare.uri).toBe(rel.uri);
    expect(rel.kind).toBe(TrackingStoreKind.SQLITE);
    expect(rel.target).toBe('/data/pv/mlflow.db');
  });

  it.each([
    ['/data/mlflow.db', '/', 'sqlite:////data/mlflow.db'],
    ['sqlite:////data/mlflow.db', '/', 'sqlite:////data/mlflow.db'],
    ['sqlite:///rel.db', '/data', 'sqlite:////data/rel.db'],
    ['rel.db', '/data', 'sqlite:////data/rel.db'],
    ['sqlite:///C:/stores/mlflow.db', '/', 'sqlite:///C:/stores/mlflow.db'],
    ['C:\\stores\\mlflow.db', '/', 'sqlite:///C:/stores/mlflow.db'],
    ['file:///C:/stores/mlruns', '/', 'file:///C:/stores/mlruns'],
    ['C:\\stores\\mlruns', '/', 'file:///C:/stores/mlruns'],
  ])('records %s (from %s) as MLflow accepts it: %s', (input, cwd, want) => {
    expect(normaliseStoreUri(input, cwd).uri).toBe(want);
    expect(normaliseStoreUri(want, '/elsewhere').uri).toBe(want);
  });

  it('keys an absolute SQLite store as before its URI gained the fourth slash', () => {
    expect(storeKeyFor('sqlite:////data/mlflow.db')).toBe(storeKeyFor('sqlite:///data/mlflow.db'));
    expect(storeKeyFor('sqlite:////data/mlflow.db')).not.toBe(storeKeyFor('sqlite:////data/other.db'));
  });

  it('normalises tracking-server URLs', () => {
    const loc = normaliseStoreUri('HTTP://127.0.0.1:5000/', '/');
    expect(loc.uri).toBe('http://127.0.0.1:5000');
    expect(loc.kind).toBe(TrackingStoreKind.REST);
  });

  it('rejects unsupported schemes and remote file hosts, naming the input', () => {
    expect(() => normaliseStoreUri('s3://bucket/mlruns', '/')).toThrow(/s3:\/\/bucket\/mlruns/);
    expect(() => normaliseStoreUri('file://server/share/mlruns', '/')).toThrow(/remote host/);
    expect(() => normaliseStoreUri('sqlite:mlflow.db', '/')).toThrow(/sqlite:\/\/\//);
  });
});

describe('inputOfStoreUri', () => {
  it('gives an absolute SQLite store an input that normalises back to the same store', () => {
    const uri = normaliseStoreUri('sqlite:////srv/stores/mlflow.db').uri;
    expect(inputOfStoreUri(uri)).toBe('sqlite:////srv/stores/mlflow.db');
    expect(normaliseStoreUri(inputOfStoreUri(uri), '/elsewhere').uri).toBe(uri);
    expect(inputOfStoreUri('file:///srv/mlruns')).toBe('file:///srv/mlruns');
    expect(inputOfStoreUri('sqlite:///srv/stores/mlflow.db')).toBe('sqlite:////srv/stores/mlflow.db');
    expect(inputOfStoreUri('sqlite:///C:/stores/mlflow.db')).toBe('sqlite:///C:/stores/mlflow.db');
  });
});
