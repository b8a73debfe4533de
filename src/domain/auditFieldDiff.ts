import { createHash } from 'node:crypto';
import { toWellFormedText } from './wellFormed';

/**
 * A record's audited fields as one flat map: field name → JSON value. Grouped fields carry their
 * group in the name (`params.lr`, `tags.team`), so each changed key is one top-level field and the
 * audit trail's `changes` (domain/audit/fieldChanges.ts) lists it as one line, old → new.
 */
export type FieldValue = string | number | boolean | null | readonly FieldValue[] | { readonly [key: string]: FieldValue };
export type FieldView = Readonly<Record<string, FieldValue>>;

/** The old → new pair an audit event stores: only the fields that differ, a missing side as null. */
export interface FieldDiff {
  readonly oldValue: Record<string, FieldValue>;
  readonly newValue: Record<string, FieldValue>;
  /** Names of every field that differs, in name order (also those left out by the field cap). */
  readonly fields: readonly string[];
}

/**
 * Bounds on one audit event's detail. An MLflow param may hold 6,000 characters and a tag more,
 * and a run may have thousands of each; the event keeps every change visible without copying
 * megabytes into an append-only log. A longer value is replaced by a `TruncatedValue`; past
 * the field cap, the remaining fields are counted in `omittedFields` (in newValue).
 */
export const MAX_AUDIT_VALUE_CHARS = 1000;
export const MAX_AUDIT_FIELDS = 500;

/** What stands in for a value whose JSON text exceeds MAX_AUDIT_VALUE_CHARS. */
export interface TruncatedValue {
  /** The first MAX_AUDIT_VALUE_CHARS characters of the value (its JSON text unless it is a string). */
  readonly truncated: string;
  /** Length of the full text in UTF-16 code units. */
  readonly chars: number;
  /** SHA-256 (hex) of the full text's UTF-8 bytes, so the value can be matched against the source. */
  readonly sha256: string;
}

/** Field name of the count of changed fields beyond MAX_AUDIT_FIELDS. */
export const OMITTED_FIELDS = 'omittedFields';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
  }
  return v;
}

/** Text two values are compared by: key order does not count, array order does. */
const comparable = (v: FieldValue | undefined): string => (v === undefined ? 'null' : JSON.stringify(sortKeys(v)));

/** A lone surrogate cannot be hashed into the log (RFC 8785 refuses it); U+FFFD stands in. */
function wellFormed(v: FieldValue): FieldValue {
  if (typeof v === 'string') return toWellFormedText(v);
  if (Array.isArray(v)) return v.map(wellFormed);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [toWellFormedText(k), wellFormed(x)]));
  return v;
}

/** The value as the audit event keeps it: whole when short, else its head, length and hash. */
export function boundedValue(v: FieldValue | undefined): FieldValue {
  if (v === undefined || v === null) return null;
  const safe = wellFormed(v);
  const text = typeof safe === 'string' ? safe : JSON.stringify(safe);
  if (text.length <= MAX_AUDIT_VALUE_CHARS) return safe;
  const cut: TruncatedValue = {
    truncated: toWellFormedText(text.slice(0, MAX_AUDIT_VALUE_CHARS)),
    chars: text.length,
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
  };
  return { ...cut };
}

/**
 * The fields of `before` and `after` that differ, old and new, in field-name order. A field
 * present on one side only is null on the other. Values are bounded (boundedValue) and at most
 * MAX_AUDIT_FIELDS fields are kept; `fields` names them all.
 */
export function diffFieldViews(before: FieldView, after: FieldView): FieldDiff {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort().filter((k) => comparable(before[k]) !== comparable(after[k]));
  const oldValue: Record<string, FieldValue> = {};
  const newValue: Record<string, FieldValue> = {};
  for (const k of fields.slice(0, MAX_AUDIT_FIELDS)) {
    const name = toWellFormedText(k);
    oldValue[name] = boundedValue(before[k]);
    newValue[name] = boundedValue(after[k]);
  }
  if (fields.length > MAX_AUDIT_FIELDS) newValue[OMITTED_FIELDS] = fields.length - MAX_AUDIT_FIELDS;
  return { oldValue, newValue, fields: fields.map(toWellFormedText) };
}

/** A number as JSON can carry it: NaN and ±infinity as the strings "NaN", "Infinity", "-Infinity", −0.0 as "-0". */
export function exactNumber(v: number): number | string {
  if (!Number.isFinite(v)) return String(v);
  return Object.is(v, -0) ? '-0' : v;
}

/** Prefixes each key of a map with its group, e.g. `params.` + key. */
export function grouped(group: string, entries: Readonly<Record<string, FieldValue>>): Record<string, FieldValue> {
  return Object.fromEntries(Object.entries(entries).map(([k, v]) => [`${group}.${k}`, v]));
}
