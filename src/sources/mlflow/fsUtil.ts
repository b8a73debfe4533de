import YAML from 'yaml';
import { SourceFileError } from './sourceFileError';
import type { StoreTree } from './storeTree';

export { SourceFileError };

/** Where and why, for a skipped item, from any error a reader met. */
export function describeError(err: unknown, file: string): { where: string; reason: string } {
  if (err instanceof SourceFileError) return { where: err.where, reason: err.reason };
  // Anything else may carry what was read (a parser quoting its input), so only its kind is named.
  return { where: file, reason: `cannot be read (${(err as Error).name})` };
}

/** Reads a meta.yaml; throws a SourceFileError naming the file and, for syntax errors, the line. */
export function readYaml(tree: StoreTree, file: string): Record<string, unknown> {
  const text = tree.readText(file);
  const doc = YAML.parseDocument(text, { uniqueKeys: false, intAsBigInt: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    // The parser's message quotes the offending text; the code names the rule without it.
    throw new SourceFileError(`${file}:${line ?? 1}`, `invalid YAML (${e.code})`);
  }
  // Integers are read as BigInt so that an unquoted 18-digit experiment id keeps every digit.
  const value = unBig(doc.toJS({ maxAliasCount: 100 }) as unknown);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SourceFileError(file, 'is not a YAML mapping');
  return value as Record<string, unknown>;
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
