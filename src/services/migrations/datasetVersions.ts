import { systemActor } from '../../domain/audit/actor';
import { AuditKind } from '../../domain/audit/draft';
import { datasetVersionId } from '../../domain/datasetVersion';
import type { DatasetVersionRepository } from '../../graph/repositories/datasetVersionRepository';
import { DataMigration, type MigrationRepos, runOnce } from './runOnce';
import { versionedEdgeDrafts } from './versionedEdges';

export const DATASET_VERSIONS_ACTOR = systemActor('dataset-versions', 'pv-lineage dataset-versions migration');

const REASON = 'Each dataset snapshot is its own version (docs/graph-model.md, "Dataset versions"): a snapshot an older graph kept only as a digest on its input edges becomes a version node';

/**
 * Splits the snapshots an older graph merged into one Dataset node: each (dataset, store,
 * digest) its input edges name becomes a DatasetVersion, with the schema and profile MLflow
 * recorded on those edges, and the edges point at it. One audited transaction with one
 * `DATASET_VERSION_RECORDED` per version; a second run finds nothing to do. Answers the ids made.
 */
export async function versionDatasetSnapshots(repos: { readonly datasetVersions: DatasetVersionRepository } & MigrationRepos): Promise<string[]> {
  const { datasetVersions: repo } = repos;
  return runOnce(repos, DataMigration.DATASET_VERSIONS, async (tx) => {
    const snapshots = await repo.unversioned(tx);
    if (snapshots.length === 0) return [];
    const versions = snapshots.map((s) => ({
      props: {
        id: datasetVersionId(s.namespace, s.name, s.source, s.digest),
        datasetId: s.datasetId,
        source: s.source,
        digest: s.digest,
        ...(s.schema === null ? {} : { schema: s.schema }),
        ...(s.profile === null ? {} : { profile: s.profile }),
      },
      inputs: s.inputs,
    }));
    const pointed = await repo.createVersions(tx, versions);
    for (const v of versions) {
      const { id, ...facts } = v.props;
      tx.audit({ actor: DATASET_VERSIONS_ACTOR, kind: AuditKind.CREATE, action: 'DATASET_VERSION_RECORDED', entityType: 'DatasetVersion', entityId: id, newValue: { ...facts, inputs: v.inputs }, reason: REASON });
    }
    for (const d of versionedEdgeDrafts(DATASET_VERSIONS_ACTOR, pointed, REASON)) tx.audit(d);
    return versions.map((v) => v.props.id);
  });
}
