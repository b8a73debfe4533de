import type { ColumnLineageRequest } from '../../domain/columnLineage';
import type { ColumnLineage, InputFieldRef, Transformation } from '../../domain/columnLineageFacet';
import { type DatasetField, FieldSource, PREFERRED_FIELD_SOURCE, type SchemaField, fieldId } from '../../domain/datasetField';
import { formatId } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import { LineageDirection, type OneWay, walksOf } from '../../domain/lineage';
import { toNeoDateTime, toNeoInt } from '../convert';
import type { GraphExecutor, Row, Tx } from '../executor';
import { refreshSearchTexts } from './searchTextRepository';

/**
 * Dataset fields and column lineage (docs/graph-model.md, "Fields and column lineage").
 *
 * `(:Dataset)-[:HAS_FIELD]->(:DatasetField)` carries the field's type, description and position,
 * so a field whose type changes closes its edge and opens a new one, and `asOf` reads the schema
 * as it stood, the way INPUT_TO does for runs. `(:DatasetField)-[:FIELD_FEEDS]->(:DatasetField)`
 * is one edge per input field, output field and transformation; `(:DatasetField)-[:FIELD_DEPENDENCY]->(:Dataset)`
 * keeps the facet's dataset-level list. Every edge has `since` and, once superseded, `until`.
 * A field named only by column lineage (not by a schema) is a DatasetField without HAS_FIELD.
 */

/**
 * Brings a dataset's live HAS_FIELD edges of one source (`$fieldSource`, a FieldSource) in line
 * with `fs` (id, name, type, description, position, sig), for the dataset bound to `ds`. `sig`
 * sums up type, description and position: an edge whose field left the schema or whose sig
 * changed is closed; a field without a live edge gets a new one. The other source's edges are
 * never touched, so an OpenLineage schema facet cannot close or rewrite MLflow's fields.
 */
export const SYNC_FIELDS = `
  CALL (ds, fs) {
    MATCH (ds)-[h:HAS_FIELD {source: $fieldSource}]->(f:DatasetField)
    WHERE h.until IS NULL AND NOT f.id + '|' + h.sig IN [x IN fs | x.id + '|' + x.sig]
    SET h.until = datetime()
  }
  CALL (ds, fs) {
    UNWIND fs AS x
    MERGE (f:DatasetField {id: x.id})
      ON CREATE SET f.datasetId = ds.id, f.namespace = ds.namespace, f.datasetName = ds.name, f.name = x.name, f.createdAt = datetime()
    WITH ds, f, x
    WHERE NOT EXISTS { MATCH (ds)-[h:HAS_FIELD {source: $fieldSource}]->(f) WHERE h.until IS NULL }
    CREATE (ds)-[:HAS_FIELD {since: datetime(), type: x.type, description: x.description, position: x.position, sig: x.sig, source: $fieldSource}]->(f)
  }`;

/** One field end of a column-lineage edge, created on first mention with its dataset. */
const mergeFieldEnd = (v: string, ref: string) => `
    MERGE (${v}d:Dataset {id: ${ref}.datasetId})
      ON CREATE SET ${v}d.namespace = ${ref}.namespace, ${v}d.name = ${ref}.datasetName
    MERGE (${v}:DatasetField {id: ${ref}.id})
      ON CREATE SET ${v}.datasetId = ${ref}.datasetId, ${v}.namespace = ${ref}.namespace, ${v}.datasetName = ${ref}.datasetName, ${v}.name = ${ref}.name, ${v}.createdAt = datetime()`;

/**
 * Replaces the column lineage into the dataset bound to `ds` with `cl` (`edges`, `deps`, each
 * entry keyed by input, output and transformation): edges the facet no longer lists are closed,
 * new ones created, unchanged ones left as they are.
 */
export const SYNC_COLUMN_LINEAGE = `
  CALL (ds, cl) {
    MATCH (:DatasetField)-[e:FIELD_FEEDS]->(:DatasetField {datasetId: ds.id})
    WHERE e.until IS NULL AND NOT e.key IN [x IN cl.edges | x.key]
    SET e.until = datetime()
  }
  CALL (ds, cl) {
    MATCH (:DatasetField)-[e:FIELD_DEPENDENCY]->(ds)
    WHERE e.until IS NULL AND NOT e.key IN [x IN cl.deps | x.key]
    SET e.until = datetime()
  }
  CALL (ds, cl) {
    UNWIND cl.edges AS x
    ${mergeFieldEnd('a', 'x.from')}
    ${mergeFieldEnd('b', 'x.to')}
    WITH a, b, x
    WHERE NOT EXISTS { MATCH (a)-[e:FIELD_FEEDS {key: x.key}]->(b) WHERE e.until IS NULL }
    CREATE (a)-[:FIELD_FEEDS {key: x.key, type: x.type, subtype: x.subtype, description: x.description, masking: x.masking, since: datetime()}]->(b)
  }
  CALL (ds, cl) {
    UNWIND cl.deps AS x
    ${mergeFieldEnd('a', 'x.from')}
    WITH ds, a, x
    WHERE NOT EXISTS { MATCH (a)-[e:FIELD_DEPENDENCY {key: x.key}]->(ds) WHERE e.until IS NULL }
    CREATE (a)-[:FIELD_DEPENDENCY {key: x.key, type: x.type, subtype: x.subtype, description: x.description, masking: x.masking, since: datetime()}]->(ds)
  }`;

/**
 * OpenLineage: the schema and column-lineage facets of each dataset of the event, applied only
 * when this event is the one whose facets the dataset now follows (UPSERT_DATASETS decided that
 * under the dataset's lock), so an older event delivered late never rewinds the fields. A facet
 * the event does not carry leaves what is stored alone.
 */
export const SYNC_OPENLINEAGE_FIELDS = `
CALL (ev) {
  UNWIND ev.datasets AS d
  WITH ev, d WHERE d.fields IS NOT NULL OR d.columnLineage IS NOT NULL
  MATCH (ds:Dataset {id: d.id}) WHERE ds.olFacetsEventId = ev.event.eventId
  CALL (ds, d) {
    WITH ds, d.fields AS fs WHERE fs IS NOT NULL
${SYNC_FIELDS}
  }
  CALL (ds, d) {
    WITH ds, d.columnLineage AS cl WHERE cl IS NOT NULL
${SYNC_COLUMN_LINEAGE}
  }
}`;

/** Datasets' schema fields from one source (`$fieldSource`): `rows` of {id, fields}, e.g. for the rows UPSERT_DATASETS just wrote. */
export const SYNC_DATASET_FIELDS = `
UNWIND $rows AS row
MATCH (ds:Dataset {id: row.id})
WITH ds, row.fields AS fs
${SYNC_FIELDS}`;

/** Runs SYNC_DATASET_FIELDS and gives the fields it may create their fragment texts. */
export async function syncDatasetFields(tx: Pick<Tx, 'run'>, rows: readonly { readonly id: string; readonly fields: readonly { readonly id: string }[] }[], fieldSource: FieldSource): Promise<void> {
  await tx.run(SYNC_DATASET_FIELDS, { rows, fieldSource });
  await refreshSearchTexts(tx, 'DatasetField', rows.flatMap((r) => r.fields.map((f) => f.id)));
}

/** SYNC_FIELDS' `fs` for one dataset's schema. */
export function fieldParams(dataset: { namespace: string; name: string }, fields: readonly SchemaField[]) {
  return fields.map((f, position) => ({
    id: fieldId(dataset.namespace, dataset.name, f.name),
    name: f.name,
    type: f.type,
    description: f.description,
    position,
    sig: JSON.stringify([f.type, f.description, position]),
  }));
}

const endParams = (r: InputFieldRef) => ({
  id: fieldId(r.namespace, r.name, r.field),
  datasetId: formatId(NodeType.DATASET, r.namespace, r.name),
  namespace: r.namespace,
  datasetName: r.name,
  name: r.field,
});
const transformationParams = (t: Transformation) => ({ type: t.type, subtype: t.subtype, description: t.description, masking: t.masking });

/** SYNC_COLUMN_LINEAGE's `cl` for the column-lineage facet of one output dataset. */
export function columnLineageParams(output: { namespace: string; name: string }, cl: ColumnLineage) {
  const edges = cl.fieldEdges.map((e) => {
    const from = endParams(e.from);
    const to = endParams({ ...output, field: e.toField });
    const t = transformationParams(e.transformation);
    return { from, to, ...t, key: JSON.stringify([from.id, to.id, t.type, t.subtype, t.description, t.masking]) };
  });
  const deps = cl.datasetDependencies.map((d) => {
    const from = endParams(d.from);
    const t = transformationParams(d.transformation);
    return { from, ...t, key: JSON.stringify([from.id, t.type, t.subtype, t.description, t.masking]) };
  });
  return { edges, deps };
}

const live = (r: string, asOf: boolean) =>
  asOf ? `(${r}.since IS NULL OR ${r}.since <= $asOf) AND (${r}.until IS NULL OR ${r}.until > $asOf)` : `${r}.until IS NULL`;

const FIELD_PROPS = (f: string, h: string) =>
  `{id: ${f}.id, datasetId: ${f}.datasetId, namespace: ${f}.namespace, datasetName: ${f}.datasetName, name: ${f}.name, type: ${h}.type, description: ${h}.description, source: ${h}.source}`;

/** Orders a field's HAS_FIELD edges so the preferred source's (`$preferred`) comes first. */
const PREFERRED_FIRST = (h: string) => `CASE WHEN ${h}.source = $preferred THEN 0 ELSE 1 END`;

/** Fields by id, with their current type (none once they left every schema). */
export const FIELDS_BY_IDS = `
UNWIND $ids AS key
MATCH (f:DatasetField {id: key})
OPTIONAL MATCH (:Dataset)-[h:HAS_FIELD]->(f) WHERE h.until IS NULL
WITH key, f, h ORDER BY ${PREFERRED_FIRST('h')}
WITH key, f, head(collect(h)) AS h
RETURN key, ${FIELD_PROPS('f', 'h')} AS node`;

/**
 * Each dataset's schema fields at `$asOf` (now when null), in schema position, then name: the
 * preferred source's (MLflow's) when it listed any, else the other's.
 */
export const fieldsOfDatasetsCypher = (asOf: boolean) => `
UNWIND $ids AS key
MATCH (:Dataset {id: key})-[h:HAS_FIELD]->(f:DatasetField)
WHERE ${live('h', asOf)}
WITH key, collect({f: f, h: h}) AS entries
WITH key, CASE WHEN any(e IN entries WHERE e.h.source = $preferred) THEN [e IN entries WHERE e.h.source = $preferred] ELSE entries END AS shown
UNWIND shown AS e
WITH key, e.f AS f, e.h AS h ORDER BY key, h.position, f.name
RETURN key, ${FIELD_PROPS('f', 'h')} AS node`;

function hop(direction: OneWay): string {
  return direction === LineageDirection.UPSTREAM ? '()<-[r:FIELD_FEEDS]-' : '()-[r:FIELD_FEEDS]->';
}

function bound(depth: number): number {
  if (!Number.isInteger(depth) || depth < 1 || depth > 100) throw new RangeError(`Depth bound ${depth} is not an integer from 1 to 100`);
  return depth;
}

/**
 * The column-lineage statement: one per request. The roots are one field, or every field of a
 * dataset (its schema fields and those only lineage names, found by `datasetId`). From each root
 * an `ANY SHORTEST` breadth-first walk over live FIELD_FEEDS edges, as `lineage` walks; a node
 * reached from several roots keeps its nearest depth. Then the live edges between kept fields,
 * the dataset-level dependencies touching them, and each field's type at the instant asked for.
 */
export function columnLineageCypher(rootIsDataset: boolean, req: ColumnLineageRequest): string {
  const asOf = req.asOf !== null;
  const nodeLive = asOf ? ' AND (x.createdAt IS NULL OR x.createdAt <= $asOf)' : '';
  const roots = rootIsDataset
    ? `MATCH (d:Dataset {id: $id})
WITH COLLECT { MATCH (f:DatasetField {datasetId: d.id}) WHERE true${asOf ? ' AND (f.createdAt IS NULL OR f.createdAt <= $asOf)' : ''} RETURN f ORDER BY f.id } AS roots`
    : `MATCH (root:DatasetField {id: $id})
WITH [root] AS roots`;
  const walk = (direction: OneWay) =>
    `MATCH p = ANY SHORTEST (root)(${hop(direction)}(x:DatasetField) WHERE ${live('r', asOf)}${nodeLive}){1,${bound(req.depth)}}(n)
    WHERE NOT n IN roots
    RETURN n, length(p) AS hops`;
  return `
${roots}
CALL (roots) {
  UNWIND roots AS root
  CALL (root, roots) {
    ${walksOf(req.direction).map(walk).join('\n    UNION\n    ')}
  }
  WITH n, min(hops) AS depth
  WITH n, depth ORDER BY depth, n.id
  LIMIT $fetch
  RETURN collect([n, depth]) AS found
}
WITH roots, found[0..$limit] AS kept, size(found) > $limit AS truncated
WITH [r IN roots | [r, 0]] + kept AS rows, roots + [k IN kept | k[0]] AS ns, truncated, [r IN roots | r.id] AS rootIds
CALL (rows) {
  UNWIND rows AS row
  WITH row[0] AS f, row[1] AS depth
  OPTIONAL MATCH (:Dataset)-[h:HAS_FIELD]->(f) WHERE ${live('h', asOf)}
  WITH f, depth, h ORDER BY ${PREFERRED_FIRST('h')}
  WITH f, depth, head(collect(h)) AS h
  RETURN collect([${FIELD_PROPS('f', 'h')}, depth]) AS nodes
}
CALL (ns) {
  UNWIND ns AS b
  MATCH (a:DatasetField)-[e:FIELD_FEEDS]->(b)
  WHERE a IN ns AND ${live('e', asOf)}
  RETURN collect(DISTINCT [a.id, b.id, e.type, e.subtype, e.description, e.masking]) AS edges
}
CALL (ns) {
  UNWIND ns AS a
  MATCH (a)-[e:FIELD_DEPENDENCY]->(d:Dataset)
  WHERE ${live('e', asOf)}
  RETURN collect(DISTINCT [a.id, d.id, e.type, e.subtype, e.description, e.masking]) AS depsOut
}
CALL (ns) {
  UNWIND ns AS f
  WITH DISTINCT f.datasetId AS did
  MATCH (a:DatasetField)-[e:FIELD_DEPENDENCY]->(:Dataset {id: did})
  WHERE ${live('e', asOf)}
  RETURN collect(DISTINCT [a.id, did, e.type, e.subtype, e.description, e.masking]) AS depsIn
}
RETURN rootIds, nodes, edges, depsOut + depsIn AS deps, truncated`;
}

type EdgeTuple = [string, string, string | null, string | null, string | null, boolean | null];

export interface RawColumnLineage {
  readonly rootIds: string[];
  readonly nodes: { field: DatasetField; depth: number }[];
  readonly edges: EdgeTuple[];
  readonly deps: EdgeTuple[];
  readonly truncated: boolean;
}

export function toDatasetField(p: Row): DatasetField {
  const s = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: String(p.id),
    datasetId: String(p.datasetId),
    namespace: String(p.namespace),
    datasetName: String(p.datasetName),
    name: String(p.name),
    type: s(p.type),
    description: s(p.description),
    source: p.source === FieldSource.MLFLOW || p.source === FieldSource.OPENLINEAGE ? p.source : null,
  };
}

export class DatasetFieldRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async byIds(ids: readonly string[]): Promise<(DatasetField | null)[]> {
    const rows = await this.graph.query('datasetField.byIds', FIELDS_BY_IDS, { ids, preferred: PREFERRED_FIELD_SOURCE });
    const found = new Map(rows.map((r) => [String(r.key), toDatasetField(r.node as Row)]));
    return ids.map((k) => found.get(k) ?? null);
  }

  /** For DataLoader: each dataset's fields at one instant, in key order. */
  async fieldsOfDatasets(ids: readonly string[], asOf: Date | null): Promise<DatasetField[][]> {
    const rows = await this.graph.query('datasetField.ofDatasets', fieldsOfDatasetsCypher(asOf !== null), { ids, asOf: asOf ? toNeoDateTime(asOf) : null, preferred: PREFERRED_FIELD_SOURCE });
    const byKey = new Map<string, DatasetField[]>();
    for (const r of rows) {
      const list = byKey.get(String(r.key)) ?? [];
      list.push(toDatasetField(r.node as Row));
      byKey.set(String(r.key), list);
    }
    return ids.map((k) => byKey.get(k) ?? []);
  }

  /** Null when the root field or dataset does not exist. */
  async columnLineage(rootIsDataset: boolean, id: string, req: ColumnLineageRequest): Promise<RawColumnLineage | null> {
    const cypher = columnLineageCypher(rootIsDataset, req);
    const params = { id, limit: toNeoInt(req.limit), fetch: toNeoInt(req.limit + 1), asOf: req.asOf ? toNeoDateTime(req.asOf) : null, preferred: PREFERRED_FIELD_SOURCE };
    const [row] = await this.graph.read('datasetField.columnLineage', (tx) => tx.run(cypher, params));
    if (!row) return null;
    return {
      rootIds: row.rootIds as string[],
      nodes: (row.nodes as [Row, number][]).map(([p, depth]) => ({ field: toDatasetField(p), depth })),
      edges: row.edges as EdgeTuple[],
      deps: row.deps as EdgeTuple[],
      truncated: row.truncated as boolean,
    };
  }
}
