import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BadInputError } from '../../domain/errors';
import { TrackingStoreKind } from '../../domain/trackingStore';

export interface StoreLocation {
  readonly kind: TrackingStoreKind;
  /** The canonical URI the TrackingStore node is keyed by. */
  readonly uri: string;
  /** Local path for FILE and SQLITE stores (absolute), base URL for REST. */
  readonly target: string;
  readonly displayName: string;
}

const WINDOWS_DRIVE = /^\/?([a-zA-Z]):[\\/]/;

function decode(s: string, argument: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new BadInputError(argument, `"${s}" is not valid percent-encoding`);
  }
}

/** `C:\Users\x` or `/C:/Users/x` → `file:///C:/Users/x` (Windows paths keep their drive letter). */
function windowsFileUri(p: string): string {
  const m = WINDOWS_DRIVE.exec(p) as RegExpExecArray;
  const rest = p.slice(m[0].length).replace(/\\/g, '/').replace(/\/+$/, '');
  const encoded = rest.split('/').map((s) => encodeURIComponent(s)).join('/');
  return `file:///${m[1].toUpperCase()}:/${encoded}`;
}

/**
 * The SQLAlchemy URL MLflow opens for a local file URI: `sqlite:///` followed by the path, so an
 * absolute POSIX path gets four slashes (`sqlite:////data/mlflow.db`; three would read
 * `data/mlflow.db` relative to the working folder) and a Windows path its drive
 * (`sqlite:///C:/data/mlflow.db`).
 */
function sqliteUriOf(fileUri: string): string {
  return `sqlite:///${fileUri.replace(/^file:\/\/(\/(?=[A-Z]:\/))?/, '')}`;
}

function localPathFrom(p: string, cwd: string): { uri: string; target: string } {
  if (WINDOWS_DRIVE.test(p)) {
    const uri = windowsFileUri(p);
    return { uri, target: p.replace(/^\//, '') };
  }
  const abs = path.resolve(cwd, p).replace(/\/+$/, '') || '/';
  return { uri: pathToFileURL(abs).href, target: abs };
}

/**
 * Normalises what a user typed into one canonical URI per store, so the same store reached as
 * `./mlruns`, `/abs/mlruns` or `file:///abs/mlruns` is one TrackingStore node:
 * - `http(s)://host[:port][/prefix]` → REST, lower-case scheme and host, no trailing slash;
 * - `sqlite:///rel.db` (relative to `cwd`, as MLflow reads it), `sqlite:////abs.db` or a path
 *   ending in `.db`/`.sqlite` → SQLITE, recorded as MLflow accepts it: `sqlite:////abs.db`
 *   (`sqlite:///C:/x.db` on Windows);
 * - `file://…` (percent-decoded, Windows drive letters kept) or a bare path → FILE.
 */
export function normaliseStoreUri(input: string, cwd = process.cwd(), argument = 'uri'): StoreLocation {
  const raw = input.trim();
  if (raw.length === 0) throw new BadInputError(argument, `Argument "${argument}" is empty`);
  if (/^https?:\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new BadInputError(argument, `"${raw}" is not a valid URL`);
    }
    const base = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
    return { kind: TrackingStoreKind.REST, uri: base, target: base, displayName: `MLflow server ${url.host}` };
  }
  if (/^sqlite:/i.test(raw)) {
    const m = /^sqlite:\/\/\/(.*)$/i.exec(raw);
    if (!m || m[1].length === 0) throw new BadInputError(argument, `"${raw}" is not a sqlite:/// URI (expected sqlite:///path/to/mlflow.db)`);
    const p = decode(m[1].split('?')[0], argument);
    const local = localPathFrom(p, cwd);
    const target = local.target;
    return { kind: TrackingStoreKind.SQLITE, uri: sqliteUriOf(local.uri), target, displayName: `SQLite ${path.basename(target)}` };
  }
  if (/^file:/i.test(raw)) {
    const m = /^file:\/\/([^/]*)(\/.*)?$/i.exec(raw);
    if (!m) throw new BadInputError(argument, `"${raw}" is not a file:// URI`);
    const host = m[1].toLowerCase();
    if (host !== '' && host !== 'localhost') throw new BadInputError(argument, `"${raw}" names a remote host; only local file stores can be read`);
    const local = localPathFrom(decode(m[2] ?? '/', argument), cwd);
    return { kind: TrackingStoreKind.FILE, uri: local.uri, target: local.target, displayName: `file store ${path.basename(local.target)}` };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    throw new BadInputError(argument, `Unsupported store URI scheme in "${raw}" (use a path, file://, sqlite:/// or http(s)://)`);
  }
  const local = localPathFrom(raw, cwd);
  if (/\.(db|sqlite|sqlite3)$/i.test(local.target)) {
    return { kind: TrackingStoreKind.SQLITE, uri: sqliteUriOf(local.uri), target: local.target, displayName: `SQLite ${path.basename(local.target)}` };
  }
  return { kind: TrackingStoreKind.FILE, uri: local.uri, target: local.target, displayName: `file store ${path.basename(local.target)}` };
}

/**
 * A recorded store URI written back as input that reads as the same store from any working
 * folder. Current URIs already are; a SQLite URI recorded before they were (`sqlite:///tmp/x.db`
 * for `/tmp/x.db`, which MLflow would read as the relative `tmp/x.db`) gets the absolute form
 * `sqlite:////tmp/x.db`. The next ingest or registration rewrites such a record.
 */
export function inputOfStoreUri(uri: string): string {
  const m = /^sqlite:\/\/\/(?!\/)(?![a-zA-Z]:)(.*)$/i.exec(uri);
  return m ? `sqlite:////${m[1]}` : uri;
}
