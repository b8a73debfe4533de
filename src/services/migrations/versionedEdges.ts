import type { Actor } from '../../domain/audit/actor';
import { AuditKind, type AuditDraft } from '../../domain/audit/draft';
import type { PointedEdge } from '../../graph/repositories/datasetVersionRepository';

/**
 * One `DATASET_INPUTS_VERSIONED` per dataset whose run edges a versions migration pointed at
 * versions, listing each edge (run, role, version) in run order: the edges change, so the trail
 * names the dataset they hang from, beside each new version's own `DATASET_VERSION_RECORDED`.
 */
export function versionedEdgeDrafts(actor: Actor, edges: readonly PointedEdge[], reason: string): AuditDraft[] {
  const last = new Map<string, PointedEdge>();
  for (const e of edges) last.set(`${e.dataset}\u0000${e.run}\u0000${e.role}`, e);
  const groups = new Map<string, PointedEdge[]>();
  const order = (a: PointedEdge, b: PointedEdge) => (a.run < b.run ? -1 : a.run > b.run ? 1 : a.role < b.role ? -1 : a.role > b.role ? 1 : 0);
  for (const e of [...last.values()].sort(order)) groups.set(e.dataset, [...(groups.get(e.dataset) ?? []), e]);
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([dataset, list]) => ({
      actor,
      kind: AuditKind.UPDATE,
      action: 'DATASET_INPUTS_VERSIONED',
      entityType: 'Dataset',
      entityId: dataset,
      oldValue: { versionedEdges: null },
      newValue: { versionedEdges: list.map(({ run, role, versionId }) => ({ run, role, versionId })) },
      reason,
    }));
}
