import { systemActor } from '../../domain/audit/actor';
import { AuditKind } from '../../domain/audit/draft';
import { fromOpenLineage } from '../../domain/datasetNaming';
import { formatId } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import type { DatasetIdentityRepository, DatasetKey } from '../../graph/repositories/datasetIdentityRepository';
import { DataMigration, type MigrationRepos, runOnce } from './runOnce';

export const DATASET_NAMES_ACTOR = systemActor('dataset-naming', 'pv-lineage dataset-naming migration');

const REASON = 'Dataset identity follows the OpenLineage naming spec (docs/graph-model.md): the same dataset reported under two spellings is one node';

export interface DatasetNameChange {
  readonly from: string;
  readonly to: string;
  /** `renamed`: no node held the canonical name yet; `merged`: its edges moved onto the node that did. */
  readonly change: 'renamed' | 'merged';
}

/**
 * Brings datasets written under an older naming rule to their canonical (namespace, name): a
 * dataset alone under its spelling is renamed; one whose canonical twin exists is merged into
 * it, edges and all. One audited transaction, so the graph and the trail never disagree, and a
 * second run finds nothing to do.
 */
export async function canonicaliseDatasetNames(
  repos: { readonly datasetIdentity: DatasetIdentityRepository } & MigrationRepos,
): Promise<DatasetNameChange[]> {
  const { datasetIdentity: repo } = repos;
  return runOnce(repos, DataMigration.DATASET_NAMES, async (tx) => {
    const keys = await repo.keys(tx);
    const taken = new Set(keys.map((k) => k.id));
    const changes: DatasetNameChange[] = [];
    for (const key of keys) {
      const canonical = canonicalKey(key);
      if (canonical.id === key.id) continue;
      const before = await repo.props(tx, key.id);
      if (taken.has(canonical.id)) {
        const moved = await repo.mergeInto(tx, key.id, canonical.id);
        tx.audit({ actor: DATASET_NAMES_ACTOR, kind: AuditKind.TOMBSTONE, action: 'DATASET_MERGED', entityType: 'Dataset', entityId: key.id, oldValue: before, newValue: null, reason: `${REASON}; merged into ${canonical.id}` });
        tx.audit({ actor: DATASET_NAMES_ACTOR, kind: AuditKind.UPDATE, action: 'DATASET_MERGED', entityType: 'Dataset', entityId: canonical.id, oldValue: null, newValue: { mergedFrom: key.id, movedEdges: moved }, reason: REASON });
        changes.push({ from: key.id, to: canonical.id, change: 'merged' });
      } else {
        await repo.rename(tx, key.id, canonical);
        tx.audit({ actor: DATASET_NAMES_ACTOR, kind: AuditKind.UPDATE, action: 'DATASET_RENAMED', entityType: 'Dataset', entityId: canonical.id, oldValue: { id: key.id, namespace: key.namespace, name: key.name }, newValue: { id: canonical.id, namespace: canonical.namespace, name: canonical.name }, reason: REASON });
        changes.push({ from: key.id, to: canonical.id, change: 'renamed' });
      }
      taken.delete(key.id);
      taken.add(canonical.id);
    }
    return changes;
  });
}

function canonicalKey(key: DatasetKey): DatasetKey {
  const { namespace, name } = fromOpenLineage(key.namespace, key.name);
  return { id: formatId(NodeType.DATASET, namespace, name), namespace, name };
}
