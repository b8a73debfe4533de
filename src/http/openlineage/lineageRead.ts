import type { RequestHandler } from 'express';
import type { MarquezLineageRepository } from '../../graph/repositories/marquezLineageRepository';
import { marquezLineage } from '../../services/openlineage/marquezLineage';

/** Set when more nodes were within `depth` than one answer holds (Marquez's body has no place for it). */
export const TRUNCATED_HEADER = 'x-lineage-truncated';

/**
 * `GET /api/v1/lineage?nodeId=dataset:<ns>:<name>|job:<ns>:<name>&depth=N`: Marquez's lineage
 * graph, so its web UI and clients read ours unchanged. 400 on a bad nodeId or depth, 404 when the
 * node does not exist.
 */
export function lineageRead(repo: MarquezLineageRepository, maxDepth: number): RequestHandler {
  return async (req, res, next) => {
    const q = (k: string) => (typeof req.query[k] === 'string' ? (req.query[k] as string) : null);
    try {
      const { graph, truncated } = await marquezLineage(repo, { nodeId: q('nodeId'), depth: q('depth') }, maxDepth);
      if (truncated) res.setHeader(TRUNCATED_HEADER, 'true');
      res.json({ graph });
    } catch (err) {
      next(err);
    }
  };
}
