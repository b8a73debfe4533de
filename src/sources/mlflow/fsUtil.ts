import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** A file that cannot be read; `where` is the file, with `:line` for a syntax error. */
export class SourceFileError extends Error {
  constructor(
    readonly where: string,
    reason: string,
  ) {
    super(`${where}: ${reason}`);
  }
}

/** Where and why, for a skipped item, from any error a reader met. */
export function describeError(err: unknown, file: string): { where: string; reason: string } {
  if (err instanceof SourceFileError) return { where: err.where, reason: err.message.slice(err.where.length + 2) };
  return { where: file, reason: (err as Error).message };
}

/** Reads a meta.yaml; throws a SourceFileError naming the file and, for syntax errors, the line. */
export function readYaml(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new SourceFileError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const doc = YAML.parseDocument(text, { uniqueKeys: false, intAsBigInt: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    throw new SourceFileError(`${file}:${line ?? 1}`, `invalid YAML (${e.code}: ${e.message.split('\n')[0]})`);
  }
  // Integers are read as BigInt so that an unquoted 18-digit experiment id keeps every digit.
  const value = unBig(doc.toJS({ maxAliasCount: 100 }) as unknown);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SourceFileError(file, 'is not a YAML mapping');
  return value as Record<string, unknown>;
}

export function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function listDirs(p: string): string[] {
  try {
    return fs.readdirSync(p, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return [];
  }
}

/**
 * Reads a folder of one-file-per-key values (params, tags): keys may contain `/`, which the
 * store turns into nested folders, so the walk is recursive and the key is the relative path.
 */
export function readKeyFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full, `${prefix}${e.name}/`);
      else if (e.isFile()) out[`${prefix}${e.name}`] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

/** Lists the files under a folder with their keys (relative paths), recursively. */
export function listKeyFiles(dir: string): { key: string; file: string }[] {
  const out: { key: string; file: string }[] = [];
  const walk = (d: string, prefix: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full, `${prefix}${e.name}/`);
      else if (e.isFile()) out.push({ key: `${prefix}${e.name}`, file: full });
    }
  };
  walk(dir, '');
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

export function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v);
  return s.length === 0 ? null : s;
}

export function num(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Safe integers become numbers; larger ones (ids) become their exact decimal strings. */
function unBig(v: unknown): unknown {
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(unBig);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unBig(x)]));
  return v;
}
