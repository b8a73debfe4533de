export interface FieldRow {
  readonly name: string;
  readonly type: string | null;
  readonly source: string | null;
  readonly description: string | null;
  /** True for a field only the OpenLineage schema facet names, when `Dataset.fields` follows MLflow's schema. */
  readonly openLineageOnly?: boolean;
}

/**
 * `Dataset.fields` prefers MLflow's schema, so a column only the OpenLineage producer names is not
 * among them; it is appended from `openLineageSchema` (its `fields`, or the list itself) so the view
 * shows both sources' fields.
 */
export function mergeFields(fields: readonly FieldRow[], openLineageSchema: unknown): FieldRow[] {
  const list = Array.isArray(openLineageSchema) ? openLineageSchema : isObject(openLineageSchema) && Array.isArray(openLineageSchema.fields) ? openLineageSchema.fields : [];
  const known = new Set(fields.map((f) => f.name));
  const extra = (list as unknown[]).filter(isObject).filter((f) => typeof f.name === 'string' && !known.has(f.name)).map((f): FieldRow => ({
    name: f.name as string,
    type: typeof f.type === 'string' ? f.type : null,
    source: 'OPENLINEAGE',
    description: typeof f.description === 'string' ? f.description : null,
    openLineageOnly: true,
  }));
  return [...fields, ...extra];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
