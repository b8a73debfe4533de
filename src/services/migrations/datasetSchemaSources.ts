import { systemActor } from '../../domain/audit/actor';
import { AuditKind } from '../../domain/audit/draft';
import { FieldSource } from '../../domain/datasetField';
import { toEventRecord } from '../../domain/openlineage';
import { mlflowSchemaFields, mlflowSchemaValue, openLineageSchemaFields } from '../../domain/schemaFields';
import { fieldParams } from '../../graph/repositories/datasetFieldRepository';
import type { DatasetSchemaSourceRepository, LegacySchemaDataset, SchemaSources } from '../../graph/repositories/datasetSchemaSourceRepository';
import { DataMigration, type MigrationRepos, runOnce } from './runOnce';

export const SCHEMA_SOURCES_ACTOR = systemActor('schema-sources', 'pv-lineage schema-sources migration');

const REASON = 'Each source keeps its own schema (docs/graph-model.md, "Who may write what"): an OpenLineage schema facet no longer overwrites the schema MLflow recorded';

export interface SchemaSourcesChange {
  readonly datasetId: string;
  readonly schemaJson: string | null;
  readonly olSchemaJson: string | null;
}

/** The schema facet's fields of dataset `id` in a logged event's body; null when it has none or the body cannot be read. */
function openLineageSchemaOf(payload: string | null, dataset: { namespace: string; name: string }): unknown[] | null {
  if (!payload) return null;
  try {
    const e = toEventRecord(JSON.parse(payload) as Record<string, unknown>, payload, 'migration');
    const d = [...e.inputs, ...e.outputs, ...(e.dataset ? [e.dataset] : [])].find((x) => x.namespace === dataset.namespace && x.name === dataset.name);
    return Array.isArray(d?.schema) ? d.schema : null;
  } catch {
    return null;
  }
}

/** What each source recorded for one dataset, rebuilt from the sources themselves. */
function rebuilt(d: LegacySchemaDataset): SchemaSources & { olFields: unknown[] | null } {
  const ol = openLineageSchemaOf(d.payload, d);
  const olSchemaJson = ol === null ? null : JSON.stringify(ol);
  const mlflow = d.mlflowSchema === null ? null : JSON.stringify(mlflowSchemaValue(d.mlflowSchema));
  // With no MLflow input holding a schema, what the node holds stays, unless it is the facet's.
  const schemaJson = mlflow ?? (d.schemaJson === olSchemaJson ? null : d.schemaJson);
  return { id: d.id, schemaJson, olSchemaJson, olFields: ol };
}

/**
 * Splits the schemas an older graph merged: MLflow's back into `schemaJson` (from the newest
 * schema an MLflow input recorded), the OpenLineage facet's into `olSchemaJson` (from the logged
 * event the node follows), and field edges of no source closed and re-created per source. One
 * audited transaction, one audit event per dataset with its old and new values; a second run
 * finds nothing to do.
 */
export async function splitDatasetSchemaSources(repos: {
  readonly datasetSchemaSources: DatasetSchemaSourceRepository;
} & MigrationRepos): Promise<SchemaSourcesChange[]> {
  const { datasetSchemaSources: repo } = repos;
  return runOnce(repos, DataMigration.SCHEMA_SOURCES, async (tx) => {
    // A dataset the selection finds again (a facet with no schema beside MLflow's) but whose rebuilt values are already in place changes nothing.
    const all = await repo.legacy(tx);
    const pairs = all.map((d) => [d, rebuilt(d)] as const).filter(([d, r]) => d.legacyFields.length > 0 || r.schemaJson !== d.schemaJson || r.olSchemaJson !== null);
    if (pairs.length === 0) return [];
    const legacy = pairs.map(([d]) => d);
    const rows = pairs.map(([, r]) => r);
    await repo.setSources(tx, rows.map(({ id, schemaJson, olSchemaJson }) => ({ id, schemaJson, olSchemaJson })));
    const refield = legacy.filter((d) => d.legacyFields.length > 0);
    await repo.closeSourcelessFields(tx, refield.map((d) => d.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const mlflowFields = refield.flatMap((d) => {
      const fields = mlflowSchemaFields(byId.get(d.id)?.schemaJson ?? null);
      return fields === null ? [] : [{ id: d.id, fields: fieldParams(d, fields) }];
    });
    const olFields = refield.flatMap((d) => {
      const fields = openLineageSchemaFields(byId.get(d.id)?.olFields ?? null);
      return fields === null ? [] : [{ id: d.id, fields: fieldParams(d, fields) }];
    });
    await repo.syncFields(tx, FieldSource.MLFLOW, mlflowFields);
    await repo.syncFields(tx, FieldSource.OPENLINEAGE, olFields);
    const names = (list: { id: string; fields: { name: string }[] }[], id: string) => list.find((x) => x.id === id)?.fields.map((f) => f.name) ?? [];
    for (const d of legacy) {
      const r = byId.get(d.id) as SchemaSources;
      tx.audit({
        actor: SCHEMA_SOURCES_ACTOR,
        kind: AuditKind.UPDATE,
        action: 'DATASET_SCHEMA_SOURCES_SPLIT',
        entityType: 'Dataset',
        entityId: d.id,
        oldValue: { schemaJson: d.schemaJson, olSchemaJson: null, ...(d.legacyFields.length > 0 ? { fields: d.legacyFields } : {}) },
        newValue: { schemaJson: r.schemaJson, olSchemaJson: r.olSchemaJson, ...(d.legacyFields.length > 0 ? { mlflowFields: names(mlflowFields, d.id), openLineageFields: names(olFields, d.id) } : {}) },
        reason: REASON,
      });
    }
    return rows.map(({ id, schemaJson, olSchemaJson }) => ({ datasetId: id, schemaJson, olSchemaJson }));
  });
}
