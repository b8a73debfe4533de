import type { FieldSource } from '../../domain/datasetField';
import type { Tx } from '../executor';
import { syncDatasetFields } from './datasetFieldRepository';

/**
 * Datasets written before each source kept its own schema (docs/graph-model.md, "Who may write
 * what"): an OpenLineage facet then wrote the node's `schemaJson`, MLflow's slot, and field edges
 * carried no source. Selected: a dataset whose OpenLineage schema was never kept apart while its
 * `schemaJson` is set; one whose MLflow schema was cleared although an MLflow input recorded
 * one; one with a live field edge of no source. Each row carries what the sources themselves
 * hold, to rebuild from: the logged event whose facets the node follows, and the newest schema
 * an MLflow input recorded. In id order, so the audit events come out in a stable order.
 */
export const LEGACY_SCHEMA_DATASETS = `
MATCH (ds:Dataset)
WHERE (ds.olFacetsEventId IS NOT NULL AND ds.olSchemaJson IS NULL AND ds.schemaJson IS NOT NULL)
   OR (ds.schemaJson IS NULL AND EXISTS { MATCH (ds)-[i:INPUT_TO]->() WHERE i.mlflowSchema IS NOT NULL })
   OR EXISTS { MATCH (ds)-[h:HAS_FIELD]->() WHERE h.source IS NULL AND h.until IS NULL }
OPTIONAL MATCH (e:LineageEvent {eventId: ds.olFacetsEventId})
RETURN ds.id AS id, ds.namespace AS namespace, ds.name AS name, ds.schemaJson AS schemaJson, e.payload AS payload,
  COLLECT { MATCH (ds)-[i:INPUT_TO]->() WHERE i.mlflowSchema IS NOT NULL RETURN i.mlflowSchema ORDER BY i.since DESC LIMIT 1 }[0] AS mlflowSchema,
  COLLECT { MATCH (ds)-[h:HAS_FIELD]->(f:DatasetField) WHERE h.source IS NULL AND h.until IS NULL RETURN f.name ORDER BY h.position, f.name } AS legacyFields
ORDER BY id`;

export const SET_SCHEMA_SOURCES = `
UNWIND $rows AS row
MATCH (ds:Dataset {id: row.id})
SET ds.schemaJson = row.schemaJson, ds.olSchemaJson = row.olSchemaJson`;

/** Closed, not deleted: `asOf` still reads the fields as they stood before the split. */
export const CLOSE_SOURCELESS_FIELDS = `
UNWIND $ids AS id
MATCH (:Dataset {id: id})-[h:HAS_FIELD]->()
WHERE h.source IS NULL AND h.until IS NULL
SET h.until = datetime()`;

export interface LegacySchemaDataset {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly schemaJson: string | null;
  /** The verbatim body of the event whose facets the node follows; null when none. */
  readonly payload: string | null;
  /** The newest schema text an MLflow input recorded; null when none did. */
  readonly mlflowSchema: string | null;
  readonly legacyFields: readonly string[];
}

export interface SchemaSources {
  readonly id: string;
  readonly schemaJson: string | null;
  readonly olSchemaJson: string | null;
}

/** The migration's statements; each takes the caller's audited transaction. */
export class DatasetSchemaSourceRepository {
  async legacy(tx: Tx): Promise<LegacySchemaDataset[]> {
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    return (await tx.run(LEGACY_SCHEMA_DATASETS)).map((r) => ({
      id: String(r.id),
      namespace: String(r.namespace),
      name: String(r.name),
      schemaJson: str(r.schemaJson),
      payload: str(r.payload),
      mlflowSchema: str(r.mlflowSchema),
      legacyFields: (r.legacyFields as string[]) ?? [],
    }));
  }

  async setSources(tx: Tx, rows: readonly SchemaSources[]): Promise<void> {
    if (rows.length > 0) await tx.run(SET_SCHEMA_SOURCES, { rows });
  }

  async closeSourcelessFields(tx: Tx, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await tx.run(CLOSE_SOURCELESS_FIELDS, { ids });
  }

  /** `rows` of {id, fields} with fields as `fieldParams` gives them. */
  async syncFields(tx: Tx, source: FieldSource, rows: readonly { id: string; fields: readonly { id: string }[] }[]): Promise<void> {
    if (rows.length > 0) await syncDatasetFields(tx, rows, source);
  }
}
