import { type FieldView, grouped } from './auditFieldDiff';
import type { ModelVersionRecord } from './records';

/** The fields of a registered model version the audit trail follows, as the graph keeps them. */
export type ModelVersionFieldSource = Pick<ModelVersionRecord, 'name' | 'version' | 'stage' | 'status' | 'source' | 'runId' | 'aliases' | 'description' | 'tags'>;

/**
 * A model version as one flat field map: `stage`, `status`, `aliases` (sorted), `description`,
 * `source`, `runId` (the source run), `tags.<key>`, plus `name` and `version`, which identify it
 * and so never differ between two states of one version.
 */
export function modelVersionFieldView(v: ModelVersionFieldSource): FieldView {
  return {
    name: v.name,
    version: v.version,
    stage: v.stage,
    status: v.status,
    aliases: [...v.aliases].sort(),
    description: v.description,
    source: v.source,
    runId: v.runId,
    ...grouped('tags', v.tags),
  };
}
