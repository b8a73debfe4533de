import { fromOpenLineage } from './datasetNaming';
import { BadInputError } from './errors';
import { formatId } from './ids';
import { NodeType } from './nodeType';

/**
 * Marquez's lineage read (`GET /api/v1/lineage`): its node ids, `dataset:<namespace>:<name>` and
 * `job:<namespace>:<name>`, and its answer, a `graph` of dataset and job nodes with their
 * `inEdges` and `outEdges`. Runs are not nodes there: a job's edges are the union of its runs'.
 */
export type MarquezNodeType = 'DATASET' | 'JOB';

export interface MarquezNodeId {
  readonly type: MarquezNodeType;
  readonly namespace: string;
  readonly name: string;
}

export const DEFAULT_MARQUEZ_DEPTH = 20;
const MAX_NODE_ID_LENGTH = 2048;
const PREFIXES: Readonly<Record<string, MarquezNodeType>> = { dataset: 'DATASET', job: 'JOB' };

/**
 * The colon that ends the namespace: the first one not followed by `//` (a URI scheme) or a
 * digit (a port), as Marquez splits its ids, so `postgres://db:5432` stays one namespace.
 */
const NAMESPACE_END = /:(?!\/\/|\d)/;

/**
 * Parses a Marquez node id, or throws BAD_USER_INPUT naming `nodeId` and the accepted forms. The
 * parts' characters are checked by the caller, with the rules names are ingested under.
 */
export function parseMarquezNodeId(value: string | null | undefined): MarquezNodeId {
  const fail = (why: string): never => {
    throw new BadInputError('nodeId', `Query parameter "nodeId" ${why}; expected dataset:<namespace>:<name> or job:<namespace>:<name>`);
  };
  if (value === null || value === undefined || value === '') return fail('is required');
  if (value.length > MAX_NODE_ID_LENGTH) return fail(`is longer than ${MAX_NODE_ID_LENGTH} characters`);
  const colon = value.indexOf(':');
  const type = colon > 0 ? PREFIXES[value.slice(0, colon)] : undefined;
  if (!type) return fail(`has an unknown node type "${value.slice(0, Math.max(colon, 0)).slice(0, 40)}"`);
  const rest = value.slice(colon + 1);
  const end = NAMESPACE_END.exec(rest);
  if (!end || end.index === 0 || end.index === rest.length - 1) return fail('must name both a namespace and a name');
  return { type, namespace: rest.slice(0, end.index), name: rest.slice(end.index + 1) };
}

/** Marquez's id for a node: the namespace and name as stored, joined by colons. */
export function formatMarquezNodeId(type: MarquezNodeType, namespace: string, name: string): string {
  return `${type === 'DATASET' ? 'dataset' : 'job'}:${namespace}:${name}`;
}

/** The graph node a Marquez id names: datasets by their canonical pair, so any spelling of one table meets one node. */
export function graphIdOf(id: MarquezNodeId): string {
  if (id.type === 'JOB') return formatId(NodeType.JOB, id.namespace, id.name);
  const canonical = fromOpenLineage(id.namespace, id.name);
  return formatId(NodeType.DATASET, canonical.namespace, canonical.name);
}

/** Parses `depth`: an integer from 1 to `max`; absent means Marquez's default, clamped to `max`. */
export function parseMarquezDepth(value: string | null | undefined, max: number): number {
  if (value === null || value === undefined || value === '') return Math.min(DEFAULT_MARQUEZ_DEPTH, max);
  const n = Number(value);
  if (!/^\d{1,4}$/.test(value) || n < 1 || n > max) {
    throw new BadInputError('depth', `Query parameter "depth" must be an integer from 1 to ${max}, got "${value.slice(0, 40)}"`, { max });
  }
  return n;
}

export interface MarquezEdge {
  readonly origin: string;
  readonly destination: string;
}

export interface MarquezNode {
  readonly id: string;
  readonly type: MarquezNodeType;
  readonly data: Record<string, unknown>;
  readonly inEdges: MarquezEdge[];
  readonly outEdges: MarquezEdge[];
}

/** A node as read from the graph, before Marquez's ids and edges are attached. */
export interface LineageSubject {
  readonly graphId: string;
  readonly type: MarquezNodeType;
  readonly namespace: string;
  readonly name: string;
  readonly data: Record<string, unknown>;
}

/**
 * The Marquez answer from the nodes and the dataset→job / job→dataset edges between them (as
 * graph-id pairs). Nodes and edges come sorted by id, as Marquez sorts them, so answers compare.
 */
export function marquezGraph(subjects: readonly LineageSubject[], edges: readonly (readonly [string, string])[]): { graph: MarquezNode[] } {
  const idOf = new Map(subjects.map((s) => [s.graphId, formatMarquezNodeId(s.type, s.namespace, s.name)]));
  const inEdges = new Map<string, MarquezEdge[]>();
  const outEdges = new Map<string, MarquezEdge[]>();
  const push = (m: Map<string, MarquezEdge[]>, key: string, e: MarquezEdge) => m.set(key, [...(m.get(key) ?? []), e]);
  for (const [from, to] of edges) {
    const origin = idOf.get(from);
    const destination = idOf.get(to);
    if (origin === undefined || destination === undefined) continue;
    push(outEdges, origin, { origin, destination });
    push(inEdges, destination, { origin, destination });
  }
  const byEdge = (a: MarquezEdge, b: MarquezEdge) => compare(`${a.origin}\n${a.destination}`, `${b.origin}\n${b.destination}`);
  const graph = subjects.map((s) => {
    const id = idOf.get(s.graphId) as string;
    return { id, type: s.type, data: s.data, inEdges: (inEdges.get(id) ?? []).sort(byEdge), outEdges: (outEdges.get(id) ?? []).sort(byEdge) };
  });
  return { graph: graph.sort((a, b) => compare(a.id, b.id)) };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A column-lineage `nodeId` as Marquez tools send it, unescaped: `datasetField:<ns>:<name>:<field>`
 * (the field is after the last colon) or `dataset:<ns>:<name>`, split as Marquez splits them and
 * named by the canonical dataset pair. Null when the value has neither form.
 */
export function typedIdOfMarquezColumnNode(value: string): string | null {
  const FIELD = 'datasetField:';
  if (value.startsWith(FIELD)) {
    const rest = value.slice(FIELD.length);
    const last = rest.lastIndexOf(':');
    if (last <= 0 || last === rest.length - 1) return null;
    const dataset = rest.slice(0, last);
    const end = NAMESPACE_END.exec(dataset);
    if (!end || end.index === 0 || end.index === dataset.length - 1) return null;
    const canonical = fromOpenLineage(dataset.slice(0, end.index), dataset.slice(end.index + 1));
    return formatId(NodeType.DATASET_FIELD, canonical.namespace, canonical.name, rest.slice(last + 1));
  }
  try {
    const id = parseMarquezNodeId(value);
    return id.type === 'DATASET' ? graphIdOf(id) : null;
  } catch {
    return null;
  }
}
