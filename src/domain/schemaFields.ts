import type { SchemaField } from './datasetField';

/**
 * Fields from the two schema formats the graph reads: the OpenLineage `schema` dataset facet
 * (`fields: [{name, type, description, fields}]`, nesting for structs) and MLflow's dataset
 * schema (`{"mlflow_colspec": [{name, type, required}]}`, as JSON text or parsed). Both keep the
 * schema's own order, nested fields right after their parent; a name seen twice keeps its first
 * entry, so a field has one type at a time. Anything else yields null: no schema, not an empty one.
 */
type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Nesting deeper than this is not followed: a schema is not a place for unbounded recursion. */
export const MAX_FIELD_DEPTH = 16;

export function openLineageSchemaFields(fields: unknown): SchemaField[] | null {
  if (!Array.isArray(fields)) return null;
  const out: SchemaField[] = [];
  const walk = (list: readonly unknown[], prefix: string, depth: number) => {
    for (const raw of list) {
      const f = obj(raw);
      const name = text(f?.name);
      if (!f || !name) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      out.push({ name: path, type: text(f.type), description: text(f.description) });
      if (Array.isArray(f.fields) && depth < MAX_FIELD_DEPTH) walk(f.fields, path, depth + 1);
    }
  };
  walk(fields, '', 1);
  return unique(out);
}

/** MLflow's dataset schema text as the graph keeps it: parsed JSON, or the text itself when it is not JSON. */
export function mlflowSchemaValue(raw: string | null): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export function mlflowSchemaFields(schema: unknown): SchemaField[] | null {
  let parsed: unknown = schema;
  if (typeof schema === 'string') {
    try {
      parsed = JSON.parse(schema);
    } catch {
      return null;
    }
  }
  const cols = obj(parsed)?.mlflow_colspec;
  if (!Array.isArray(cols)) return null;
  const out: SchemaField[] = [];
  cols.forEach((raw, i) => {
    const c = obj(raw);
    if (!c) return;
    // A column without a name is positional in MLflow; its index is the only name it has.
    const name = text(c.name) ?? String(i);
    const type = typeof c.type === 'string' ? c.type : c.type === undefined || c.type === null ? null : JSON.stringify(c.type);
    out.push({ name, type: text(type), description: null });
  });
  return unique(out);
}

function unique(fields: readonly SchemaField[]): SchemaField[] {
  const seen = new Set<string>();
  return fields.filter((f) => (seen.has(f.name) ? false : (seen.add(f.name), true)));
}
