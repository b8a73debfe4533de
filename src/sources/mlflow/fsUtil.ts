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

// PyYAML's implicit resolvers (YAML 1.1, yaml/resolver.py). MLflow writes meta.yaml with
// PyYAML, which quotes a string only when one of these would match it; YAML 1.2's core schema
// matches more (`1e5`, `1.5e5`, `0o17`, `1234e567` are strings to PyYAML, numbers to YAML 1.2),
// so plain scalars are resolved by these rules, as MLflow's own reader (PyYAML) resolves them.
const PY_NULL = /^(?:~|null|Null|NULL|)$/;
const PY_BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const PY_INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const PY_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** Base-60 `a:b:c` as PyYAML computes it (digits, then each part times 60). */
function sexagesimal(body: string): number {
  return body.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

/**
 * The value PyYAML's safe loader gives a plain (unquoted) scalar. Integers are BigInt, so an
 * 18-digit experiment id keeps every digit; timestamps stay strings (MLflow writes none).
 */
export function resolvePlainScalar(text: string): unknown {
  if (PY_NULL.test(text)) return null;
  if (PY_BOOL.test(text)) return /^(?:yes|true|on)$/i.test(text);
  if (PY_INT.test(text)) {
    const t = text.replace(/_/g, '');
    const sign = t.startsWith('-') ? -1n : 1n;
    const body = t.replace(/^[-+]/, '');
    if (body.includes(':')) return sign * BigInt(sexagesimal(body));
    if (body.startsWith('0b')) return sign * BigInt(body);
    if (body.startsWith('0x')) return sign * BigInt(body);
    if (body.length > 1 && body.startsWith('0')) return sign * BigInt(`0o${body.slice(1)}`);
    return sign * BigInt(body);
  }
  if (PY_FLOAT.test(text)) {
    const t = text.replace(/_/g, '').toLowerCase();
    if (t.endsWith('.nan')) return NaN;
    if (t.endsWith('.inf')) return t.startsWith('-') ? -Infinity : Infinity;
    if (t.includes(':')) {
      const sign = t.startsWith('-') ? -1 : 1;
      const body = t.replace(/^[-+]/, '');
      const [whole, frac] = body.split('.');
      return sign * (sexagesimal(whole) + Number(`0.${frac || '0'}`));
    }
    return Number(t);
  }
  return text;
}

/** Reads a meta.yaml; throws a SourceFileError naming the file and, for syntax errors, the line. */
export function readYaml(tree: StoreTree, file: string): Record<string, unknown> {
  const text = tree.readText(file);
  // The failsafe schema leaves every scalar a string; plain ones are then resolved as PyYAML does.
  const doc = YAML.parseDocument(text, { uniqueKeys: false, schema: 'failsafe' });
  if (doc.errors.length === 0) {
    YAML.visit(doc, {
      Scalar(_key, node) {
        if ((node.type === 'PLAIN' || node.type === undefined) && typeof node.value === 'string') node.value = resolvePlainScalar(node.value);
      },
    });
  }
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
