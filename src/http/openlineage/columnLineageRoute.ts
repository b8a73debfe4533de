import { type ErrorRequestHandler, type RequestHandler, Router } from 'express';
import type { Logger } from 'pino';
import type { ColumnLineageGraph, ColumnLineageNode } from '../../domain/columnLineage';
import { BadInputError } from '../../domain/errors';
import { parseId } from '../../domain/ids';
import { typedIdOfMarquezColumnNode } from '../../domain/marquezLineage';
import type { DatasetFieldRepository } from '../../graph/repositories/datasetFieldRepository';
import { AUTH } from '../../schema/authRules';
import { columnLineage } from '../../services/lineage/columnLineageService';
import { sendDomainError, sendJsonError as fail } from '../errorStatus';
import { requireRoles } from './router';

/** Marquez's default depth for `/column-lineage`, held to the configured maximum when that is lower. */
export const MARQUEZ_COLUMN_LINEAGE_DEPTH = 20;

export interface ColumnLineageRouteDeps {
  readonly fields: DatasetFieldRepository;
  readonly maxDepth: number;
  readonly authenticate: RequestHandler;
  readonly rateLimit: RequestHandler;
  readonly log: Logger;
}

interface MarquezEdge {
  readonly origin: string;
  readonly destination: string;
}

/**
 * One node of Marquez's column-lineage graph: `data` is Marquez's ColumnLineageNodeData
 * (namespace, dataset, datasetVersion, field, fieldType, the deprecated top-level
 * transformation pair, and `inputFields` with a transformation each).
 */
function marquezNode(n: ColumnLineageNode, g: ColumnLineageGraph, byId: ReadonlyMap<string, ColumnLineageNode>) {
  const into = g.edges.filter((e) => e.to === n.id);
  const inputFields = into.map((e) => {
    const from = byId.get(e.from);
    return {
      namespace: from?.namespace ?? null,
      dataset: from?.datasetName ?? null,
      datasetVersion: null,
      field: from?.name ?? null,
      transformationDescription: e.description,
      transformationType: e.type,
    };
  });
  const edge = (e: { from: string; to: string }): MarquezEdge => ({ origin: e.from, destination: e.to });
  return {
    id: n.id,
    type: 'DATASET_FIELD',
    data: {
      namespace: n.namespace,
      dataset: n.datasetName,
      datasetVersion: null,
      field: n.name,
      fieldType: n.type,
      transformationDescription: inputFields[0]?.transformationDescription ?? null,
      transformationType: inputFields[0]?.transformationType ?? null,
      inputFields,
    },
    inEdges: into.map(edge),
    outEdges: g.edges.filter((e) => e.from === n.id).map(edge),
  };
}

/** The Marquez `{graph: [...]}` body, nodes in id order, edges in (origin, destination) order. */
export function toMarquezGraph(g: ColumnLineageGraph) {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const nodes = [...g.nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { graph: nodes.map((n) => marquezNode(n, g, byId)) };
}

function depthOf(raw: unknown, maxDepth: number): number {
  if (raw === undefined) return Math.min(MARQUEZ_COLUMN_LINEAGE_DEPTH, maxDepth);
  if (typeof raw !== 'string' || !/^-?\d{1,6}$/.test(raw)) {
    throw new BadInputError('depth', `Query parameter "depth" must be an integer from 1 to ${maxDepth}`, { max: maxDepth });
  }
  return Number(raw);
}

function flagOf(raw: unknown, name: string): boolean {
  if (raw === undefined) return false;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new BadInputError(name, `Query parameter "${name}" must be true or false`);
}

/**
 * This API's typed id, or else Marquez's unescaped spelling of one (what Marquez tools send), so
 * both reach the same field; a value of neither form is left for the service to refuse by name.
 */
function columnNodeId(nodeId: string): string {
  try {
    parseId(nodeId, 'nodeId');
    return nodeId;
  } catch {
    return typedIdOfMarquezColumnNode(nodeId) ?? nodeId;
  }
}

/**
 * Marquez-compatible `GET /column-lineage?nodeId=datasetField:<ns>:<name>:<field>&depth=N&withDownstream=true`
 * (or `nodeId=dataset:<ns>:<name>` for all of a dataset's fields): upstream always, downstream
 * too when asked, in one statement. Ids are this API's typed ids (a part holding `:` or `/`
 * percent-encoded) or Marquez's unescaped spelling (docs/openlineage.md). Mounted under `/api/v1`; the read role, as GraphQL's
 * `columnLineage`.
 */
export function columnLineageRouter(deps: ColumnLineageRouteDeps): Router {
  const router = Router();
  router.get('/column-lineage', deps.authenticate, deps.rateLimit, requireRoles(AUTH.readLineage), async (req, res, next) => {
    try {
      const nodeId = req.query.nodeId;
      if (typeof nodeId !== 'string' || nodeId.length === 0) throw new BadInputError('nodeId', 'Query parameter "nodeId" is required: a datasetField or dataset id');
      const depth = depthOf(req.query.depth, deps.maxDepth);
      const alsoDownstream = flagOf(req.query.withDownstream, 'withDownstream');
      const g = await columnLineage({ fields: deps.fields, maxDepth: deps.maxDepth }, columnNodeId(nodeId), { depth, alsoDownstream }, 'nodeId');
      res.json(toMarquezGraph(g));
    } catch (err) {
      next(err);
    }
  });
  router.use(((err, req, res, next) => {
    if (res.headersSent) return next(err);
    if (sendDomainError(res, err)) return;
    (req.log ?? deps.log).error({ err }, 'column-lineage request failed');
    fail(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  }) as ErrorRequestHandler);
  return router;
}
