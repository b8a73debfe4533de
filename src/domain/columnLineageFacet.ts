import { fromOpenLineage } from './datasetNaming';

/**
 * The `columnLineage` dataset facet, reduced to edges. Both forms of the facet are read:
 * - the current one: each input field carries `transformations: [{type, subtype, description, masking}]`;
 * - the deprecated one: `transformationType` / `transformationDescription` beside `inputFields`
 *   on the output field (or, as some producers send it, on each input field).
 * An input field with neither form gives one edge with no transformation. A deprecated
 * `MASKED` type is read as masking. Input datasets are named by the naming spec, so they meet
 * the nodes their events and MLflow created.
 */
export interface Transformation {
  readonly type: string | null;
  readonly subtype: string | null;
  readonly description: string | null;
  readonly masking: boolean | null;
}

export interface InputFieldRef {
  readonly namespace: string;
  readonly name: string;
  readonly field: string;
}

/** Input field → output field (the field of the dataset that carries the facet). */
export interface FieldEdge {
  readonly from: InputFieldRef;
  readonly toField: string;
  readonly transformation: Transformation;
}

/** Input field → the whole output dataset (filters, joins, grouping: the facet's `dataset` list). */
export interface DatasetDependency {
  readonly from: InputFieldRef;
  readonly transformation: Transformation;
}

export interface ColumnLineage {
  readonly fieldEdges: readonly FieldEdge[];
  readonly datasetDependencies: readonly DatasetDependency[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const NONE: Transformation = { type: null, subtype: null, description: null, masking: null };

function inputRef(raw: Json): InputFieldRef | null {
  const namespace = text(raw.namespace);
  const name = text(raw.name);
  const field = text(raw.field);
  if (!namespace || !name || !field) return null;
  return { ...fromOpenLineage(namespace, name), field };
}

function current(raw: unknown): Transformation | null {
  const t = obj(raw);
  if (!t) return null;
  return { type: text(t.type), subtype: text(t.subtype), description: text(t.description), masking: typeof t.masking === 'boolean' ? t.masking : null };
}

function deprecated(holder: Json | null): Transformation | null {
  const type = text(holder?.transformationType);
  const description = text(holder?.transformationDescription);
  if (!type && !description) return null;
  return { type, subtype: null, description, masking: type === null ? null : type.toUpperCase() === 'MASKED' };
}

/** One transformation per entry of the current form, else the deprecated one, else none. */
function transformationsOf(input: Json, outputField: Json | null): Transformation[] {
  const listed = list(input.transformations).map(current).filter((t): t is Transformation => t !== null);
  if (listed.length > 0) return listed;
  return [deprecated(input) ?? deprecated(outputField) ?? NONE];
}

const keyOf = (e: { from: InputFieldRef; transformation: Transformation }, to: string) =>
  JSON.stringify([e.from.namespace, e.from.name, e.from.field, to, e.transformation.type, e.transformation.subtype, e.transformation.description, e.transformation.masking]);

/** The facet's edges, each once, in a stable order; null when the facet is absent or not an object. */
export function readColumnLineage(facet: unknown): ColumnLineage | null {
  const f = obj(facet);
  if (!f) return null;
  const fieldEdges = new Map<string, FieldEdge>();
  for (const [toField, rawOut] of Object.entries(obj(f.fields) ?? {})) {
    const out = obj(rawOut);
    if (toField.length === 0 || !out) continue;
    for (const rawIn of list(out.inputFields)) {
      const input = obj(rawIn);
      const from = input ? inputRef(input) : null;
      if (!input || !from) continue;
      for (const transformation of transformationsOf(input, out)) {
        const edge = { from, toField, transformation };
        fieldEdges.set(keyOf(edge, toField), edge);
      }
    }
  }
  const deps = new Map<string, DatasetDependency>();
  for (const rawIn of list(f.dataset)) {
    const input = obj(rawIn);
    const from = input ? inputRef(input) : null;
    if (!input || !from) continue;
    for (const transformation of transformationsOf(input, null)) {
      const dep = { from, transformation };
      deps.set(keyOf(dep, ''), dep);
    }
  }
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { fieldEdges: sorted(fieldEdges), datasetDependencies: sorted(deps) };
}
