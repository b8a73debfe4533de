/**
 * Dataset identity after the OpenLineage naming spec: a dataset is (namespace, name), where the
 * namespace is the data source (`scheme://authority`, or a bare scheme for global services) and
 * the name is the dataset within it. MLflow records a source URI, OpenLineage producers send the
 * pair; both are reduced here to one canonical pair, so a table reaches one node whichever tool
 * reported it. The canonical pair is the spec's own form, so ids match what producers send.
 */
export interface DatasetName {
  readonly namespace: string;
  readonly name: string;
}

/** How the part after the authority becomes the dataset name. */
type NameShape =
  /** Object stores: the object key, without a leading slash (`s3://bucket` + `a/b.parquet`). */
  | 'objectKey'
  /** File systems: an absolute path (`hdfs://nn:8020` + `/user/hive/warehouse/t1`). */
  | 'path'
  /** Databases, warehouses and topics: a dotted or plain name (`db.schema.table`, `topic`). */
  | 'qualified';

interface SchemeRule {
  readonly scheme: string;
  readonly shape: NameShape;
  /** The port a namespace gets when the source leaves it out, so `pg:5432` and `pg` meet. */
  readonly defaultPort?: number;
  /** A global service with no authority: the namespace is the bare scheme (BigQuery). */
  readonly global?: boolean;
  /** The leading part of the path that belongs to the namespace (Cosmos DB's `/dbs/<db>`). */
  readonly namespacePath?: RegExp;
}

const rule = (scheme: string, shape: NameShape, extra: Partial<SchemeRule> = {}): SchemeRule => ({ scheme, shape, ...extra });

/**
 * Every scheme the naming spec lists, plus the aliases tools write for them (`s3a`, `gcs`,
 * `postgresql`). Default ports are the servers' documented defaults.
 */
const SCHEMES: Readonly<Record<string, SchemeRule>> = Object.freeze({
  s3: rule('s3', 'objectKey'),
  s3a: rule('s3', 'objectKey'),
  s3n: rule('s3', 'objectKey'),
  gs: rule('gs', 'objectKey'),
  gcs: rule('gs', 'objectKey'),
  wasbs: rule('wasbs', 'objectKey'),
  abfss: rule('abfss', 'objectKey'),
  hdfs: rule('hdfs', 'path'),
  webhdfs: rule('webhdfs', 'path'),
  dbfs: rule('dbfs', 'path'),
  file: rule('file', 'path'),
  postgres: rule('postgres', 'qualified', { defaultPort: 5432 }),
  postgresql: rule('postgres', 'qualified', { defaultPort: 5432 }),
  mysql: rule('mysql', 'qualified', { defaultPort: 3306 }),
  redshift: rule('redshift', 'qualified', { defaultPort: 5439 }),
  sqlserver: rule('sqlserver', 'qualified', { defaultPort: 1433 }),
  mssql: rule('sqlserver', 'qualified', { defaultPort: 1433 }),
  oracle: rule('oracle', 'qualified', { defaultPort: 1521 }),
  db2: rule('db2', 'qualified', { defaultPort: 50000 }),
  teradata: rule('teradata', 'qualified', { defaultPort: 1025 }),
  trino: rule('trino', 'qualified', { defaultPort: 8080 }),
  cassandra: rule('cassandra', 'qualified', { defaultPort: 9042 }),
  crate: rule('crate', 'qualified', { defaultPort: 4200 }),
  oceanbase: rule('oceanbase', 'qualified', { defaultPort: 2881 }),
  snowflake: rule('snowflake', 'qualified'),
  awsathena: rule('awsathena', 'qualified'),
  azurekusto: rule('azurekusto', 'qualified'),
  azurecosmos: rule('azurecosmos', 'qualified', { namespacePath: /^(\/dbs\/[^/]+)(?:\/|$)/ }),
  kafka: rule('kafka', 'qualified', { defaultPort: 9092 }),
  bigquery: rule('bigquery', 'qualified', { global: true }),
});

/** The schemes with a rule of their own, canonical names first; documentation and tests use it. */
export const KNOWN_SCHEMES: readonly string[] = Object.freeze(Object.keys(SCHEMES));

const SCHEME_AUTHORITY = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)(.*)$/;
const OPAQUE = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?!\/\/)(.+)$/;
const WINDOWS_PATH = /^[a-zA-Z]:[\\/]/;

/** The canonical pair for an OpenLineage (namespace, name). */
export function fromOpenLineage(namespace: string, name: string): DatasetName {
  const bare = /^([a-zA-Z][a-zA-Z0-9+.-]*)(?::\/\/)?$/.exec(namespace);
  if (bare) {
    const r = SCHEMES[bare[1].toLowerCase()];
    // `file`, `file://` and a global service's bare scheme: no authority at all.
    if (r && (r.global || r.scheme === 'file')) return { namespace: r.scheme, name: shapeName(r, name) };
  }
  const m = SCHEME_AUTHORITY.exec(namespace);
  if (!m) return { namespace, name };
  const scheme = m[1].toLowerCase();
  const r = SCHEMES[scheme];
  const nsPath = r?.namespacePath?.exec(m[3]);
  if (m[3] !== '' && !(nsPath && nsPath[0].replace(/\/$/, '') === m[3].replace(/\/$/, ''))) return { namespace, name };
  if (!r) return { namespace: `${scheme}://${authorityOf(m[2])}`, name };
  return { namespace: namespaceOf(r, m[2]) + (nsPath?.[1] ?? ''), name: shapeName(r, name) };
}

/**
 * The canonical pair for a source URI (`s3://bucket/key`, `postgres://host/db.schema.table`,
 * `file:///abs/path`, an absolute local path), or null when it names no location: a relative
 * path, or text that is not a URI.
 */
export function fromUri(uri: string): DatasetName | null {
  if (WINDOWS_PATH.test(uri)) return { namespace: 'file', name: shapeName(SCHEMES.file, `/${uri.replace(/\\/g, '/')}`) };
  if (uri.startsWith('/')) return { namespace: 'file', name: shapeName(SCHEMES.file, uri) };
  const m = SCHEME_AUTHORITY.exec(uri);
  if (m) {
    const scheme = m[1].toLowerCase();
    const r = SCHEMES[scheme];
    const path = decodeSafe(stripQuery(m[3]));
    if (r?.global) return { namespace: r.scheme, name: [m[2], path.replace(/^\/+/, '').replace(/\//g, '.')].filter(Boolean).join('.') };
    if (r?.scheme === 'file' && m[2] === '') return { namespace: 'file', name: shapeName(r, path) };
    if (!r) return path.replace(/^\/+/, '') === '' ? null : { namespace: `${scheme}://${authorityOf(m[2])}`, name: trimSlashes(path) };
    const nsPath = r.namespacePath?.exec(path);
    const name = shapeName(r, nsPath ? path.slice(nsPath[1].length) : path);
    return name === '' || name === '/' ? null : { namespace: namespaceOf(r, m[2]) + (nsPath?.[1] ?? ''), name };
  }
  const opaque = OPAQUE.exec(uri);
  const r = opaque ? SCHEMES[opaque[1].toLowerCase()] : undefined;
  if (opaque && r?.global) return { namespace: r.scheme, name: decodeSafe(stripQuery(opaque[2])) };
  return null;
}

function namespaceOf(r: SchemeRule, rawAuthority: string): string {
  let authority = authorityOf(rawAuthority, r);
  if (r.defaultPort !== undefined && authority !== '' && !/:\d+$/.test(authority)) authority = `${authority}:${r.defaultPort}`;
  return `${r.scheme}://${authority}`;
}

/**
 * Credentials never become part of an id, and host names are case-insensitive. Azure object
 * stores put `container@account` in the authority, so their `@` is part of the name.
 */
function authorityOf(raw: string, r?: SchemeRule): string {
  const keepAt = r?.shape === 'objectKey';
  return (keepAt ? raw : raw.slice(raw.lastIndexOf('@') + 1)).toLowerCase();
}

function shapeName(r: SchemeRule, name: string): string {
  if (r.shape === 'path') {
    const collapsed = `/${name.replace(/^\/+/, '')}`.replace(/\/{2,}/g, '/');
    return collapsed.length > 1 ? collapsed.replace(/\/+$/, '') : collapsed;
  }
  return trimSlashes(name);
}

function trimSlashes(name: string): string {
  return name.replace(/^\/+/, '').replace(/\/+$/, '');
}

function stripQuery(rest: string): string {
  return rest.replace(/[?#].*$/, '');
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
