import { systemActor } from '../../domain/audit/actor';
import { openLineageVersionLinks } from '../../domain/datasetVersion';
import { formatId } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import { OPENLINEAGE_STORE_KEY, OPENLINEAGE_STORE_URI, type OlEventRecord, toEventRecord } from '../../domain/openlineage';
import type { DatasetVersionRepository } from '../../graph/repositories/datasetVersionRepository';
import { datasetVersionDraft } from '../datasetVersionDraft';
import { DataMigration, type MigrationRepos, runOnce } from './runOnce';
import { versionedEdgeDrafts } from './versionedEdges';

export const OPENLINEAGE_VERSIONS_ACTOR = systemActor('openlineage-versions', 'pv-lineage OpenLineage dataset-versions migration');

const REASON = 'Each dataset snapshot is its own version (docs/graph-model.md, "Dataset versions"): an OpenLineage version facet an older graph kept only as the dataset\'s newest `version` becomes a version node, replayed from the logged event';

/** What one logged event's ingest would have written for its versions, as the replay statement's row. */
function replayRow(e: OlEventRecord) {
  const isRun = e.kind === 'RUN' && e.runId !== null && e.job !== null;
  return {
    event: { eventId: e.eventId },
    eventTime: e.eventTime,
    ...openLineageVersionLinks(e),
    run: isRun && e.runId ? { id: formatId(NodeType.RUN, OPENLINEAGE_STORE_KEY, e.runId.toLowerCase()) } : null,
  };
}

/**
 * Replays the version facets of OpenLineage events logged before versions were kept: each
 * version they name becomes a DatasetVersion (`DATASET_VERSION_RECORDED`), and each run's input
 * and output edges name the version their events gave, by the ingest's own rules; each dataset
 * whose edges were pointed gets one `DATASET_INPUTS_VERSIONED` listing them. One audited
 * transaction, run once. Answers the ids of the versions made.
 */
export async function versionOpenLineageSnapshots(repos: { readonly datasetVersions: DatasetVersionRepository } & MigrationRepos): Promise<string[]> {
  const { datasetVersions: repo } = repos;
  return runOnce(repos, DataMigration.OPENLINEAGE_VERSIONS, async (tx) => {
    const rows = (await repo.openLineageEventsWithVersions(tx)).flatMap((logged) => {
      try {
        return [replayRow(toEventRecord(JSON.parse(logged.payload) as Record<string, unknown>, logged.payload, logged.eventId))];
      } catch {
        return [];
      }
    });
    const named = rows.filter((r) => r.versions.length > 0);
    const known = await repo.existingIds(tx, [...new Set(named.flatMap((r) => r.versions.map((v) => v.id)))]);
    const pointed = await repo.replayOpenLineageVersions(tx, named);
    const made = new Map<string, Record<string, unknown>>();
    for (const r of named) for (const v of r.versions) if (!known.has(v.id) && !made.has(v.id)) made.set(v.id, { ...v, recordedByEvent: r.event.eventId });
    for (const v of made.values()) tx.audit({ ...datasetVersionDraft(OPENLINEAGE_VERSIONS_ACTOR, v, OPENLINEAGE_STORE_URI, REASON) });
    for (const d of versionedEdgeDrafts(OPENLINEAGE_VERSIONS_ACTOR, pointed, REASON)) tx.audit(d);
    return [...made.keys()];
  });
}
