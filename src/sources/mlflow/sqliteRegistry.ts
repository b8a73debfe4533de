import type { IngestModelVersionRecord, RegisteredModelRecord } from '../../domain/records';
import type { RegistryContent } from './source';
import { type SqlRow, type SqliteSchema, keyValuesByOwner, sqlNum, sqlStr } from './sqliteSchema';
import { modelIdFromSource } from './values';

/**
 * The SQL store's model registry: registered models, their versions, tags and aliases. Stores
 * from before the registry existed have none; aliases arrived later than the registry itself.
 */
export function readSqliteRegistry(schema: SqliteSchema): RegistryContent {
  if (!schema.hasTable('registered_models') || !schema.hasTable('model_versions')) return { models: [], versions: [] };
  const nameTags = (table: string, keyCols: string) =>
    schema.hasTable(table)
      ? keyValuesByOwner(schema.db.prepare(`SELECT ${keyCols} AS k, key, value FROM ${table}`).raw().all() as unknown[][])
      : new Map<string, Record<string, string>>();
  // Version keys are built in SQL (name || char(0) || version) and in JS below; the two must agree.
  const modelTags = nameTags('registered_model_tags', 'name');
  const versionTags = nameTags('model_version_tags', "name || char(0) || version");
  const aliases = new Map<string, string[]>();
  if (schema.hasTable('registered_model_aliases')) {
    for (const r of schema.db.prepare("SELECT name || char(0) || version AS k, alias FROM registered_model_aliases ORDER BY alias").all() as SqlRow[]) {
      aliases.set(String(r.k), [...(aliases.get(String(r.k)) ?? []), String(r.alias)]);
    }
  }
  const rm = 'registered_models';
  const models: RegisteredModelRecord[] = (
    schema.db.prepare(`SELECT name, ${schema.col(rm, 'description')}, ${schema.col(rm, 'creation_time')}, ${schema.col(rm, 'last_updated_time')} FROM registered_models ORDER BY name`).all() as SqlRow[]
  ).map((r) => ({
    name: String(r.name),
    description: sqlStr(r.description),
    createdAt: sqlNum(r.creation_time),
    updatedAt: sqlNum(r.last_updated_time),
    tags: modelTags.get(String(r.name)) ?? {},
  }));
  const mv = 'model_versions';
  const versions: IngestModelVersionRecord[] = (
    schema.db
      .prepare(
        `SELECT name, version, ${schema.col(mv, 'current_stage')}, ${schema.col(mv, 'status')}, ${schema.col(mv, 'source')}, ${schema.col(mv, 'run_id')},
                ${schema.col(mv, 'description')}, ${schema.col(mv, 'creation_time')} FROM model_versions ORDER BY name, version`,
      )
      .all() as SqlRow[]
  ).map((r) => {
    const k = `${String(r.name)}\u0000${String(r.version)}`;
    return {
      name: String(r.name),
      version: Number(r.version),
      stage: sqlStr(r.current_stage) ?? 'None',
      status: sqlStr(r.status),
      source: sqlStr(r.source),
      runId: sqlStr(r.run_id),
      aliases: (aliases.get(k) ?? []).sort(),
      description: sqlStr(r.description),
      createdAt: sqlNum(r.creation_time),
      tags: versionTags.get(k) ?? {},
      modelId: modelIdFromSource(sqlStr(r.source)),
    };
  });
  return { models, versions };
}
