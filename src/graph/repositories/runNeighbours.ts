import type { DatasetInput, DatasetInputFacts } from '../../domain/dataset';
import { type RunRelated, RunRelation } from '../../domain/run';
import type { Row } from '../executor';
import { toDataset, toExperiment, toLoggedModel, toModelVersion, toReport } from '../mappers';

/**
 * A run's direct neighbours (experiment, inputs, model versions, reports, logged models): the Cypher that finds
 * them and the mapping back to domain objects. The DataLoader batches and the run pages build
 * their statements from the same pattern and order, so both give the same answer.
 */
interface Neighbour {
  /** Matches the neighbour `n` of run `r`. */
  readonly pattern: string;
  /** The order of the GraphQL field. */
  readonly order: string;
  /** Properties of the relationship carried beside the node. */
  readonly edge: string;
  readonly toDomain: (props: Row) => unknown;
  /** The field's value from its linked nodes, in order. */
  readonly assemble: (links: readonly Link[]) => unknown;
}

function toInputFacts(f: Row | undefined): DatasetInputFacts | null {
  if (!f || typeof f.mlflowName !== 'string') return null;
  const s = (v: unknown) => (typeof v === 'string' ? v : null);
  return { name: f.mlflowName, sourceType: s(f.mlflowSourceType), source: s(f.mlflowSource), schema: s(f.mlflowSchema), profile: s(f.mlflowProfile) };
}

interface Link {
  readonly facts?: Row;
  readonly node: unknown;
  readonly context?: string | null;
  readonly digest?: string | null;
  readonly versionId?: string | null;
}

const NEIGHBOURS: Readonly<Record<RunRelation, Neighbour>> = {
  [RunRelation.EXPERIMENT]: {
    pattern: '(n:Experiment)-[:HAS_RUN]->(r)',
    order: 'n.id',
    edge: '',
    toDomain: toExperiment,
    assemble: (links) => links[0]?.node ?? null,
  },
  [RunRelation.INPUTS]: {
    pattern: '(n:Dataset)-[i:INPUT_TO WHERE i.until IS NULL]->(r)',
    order: 'n.id, i.context',
    edge: ', context: i.context, digest: i.digest, versionId: i.versionId, facts: i{.mlflowName, .mlflowSourceType, .mlflowSource, .mlflowSchema, .mlflowProfile}',
    toDomain: toDataset,
    assemble: (links) => links.map((l): DatasetInput => ({ dataset: l.node as DatasetInput['dataset'], context: l.context ?? null, digest: l.digest ?? null, versionId: l.versionId ?? null, mlflow: toInputFacts(l.facts) })),
  },
  [RunRelation.MODEL_VERSIONS]: {
    pattern: '(r)-[:PRODUCED]->(n:ModelVersion)',
    order: 'n.name, n.version',
    edge: '',
    toDomain: toModelVersion,
    assemble: (links) => links.map((l) => l.node),
  },
  [RunRelation.REPORTS]: {
    pattern: '(r)-[fe:FEEDS WHERE fe.until IS NULL]->(n:Report)',
    order: 'n.createdAt DESC, n.id',
    edge: '',
    toDomain: toReport,
    assemble: (links) => links.map((l) => l.node),
  },
  // Deleted ones too: the field filters them, as `includeDeleted` asks.
  [RunRelation.LOGGED_MODELS]: {
    pattern: '(r)-[:PRODUCED]->(n:LoggedModel)',
    order: 'n.createdAt, n.modelId',
    edge: '',
    toDomain: toLoggedModel,
    assemble: (links) => links.map((l) => l.node),
  },
};

/** The links of run `r` in field order, each node as `node` (its properties, or just its id). */
const links = (rel: RunRelation, node: 'n{.*}' | 'n.id') => {
  const { pattern, order, edge } = NEIGHBOURS[rel];
  return `COLLECT { MATCH ${pattern} WITH * ORDER BY ${order} RETURN {node: ${node}${edge}} }`;
};

/** DataLoader batch for one relation: `key, related` per run that exists. */
export function neighboursOfRunsCypher(rel: RunRelation): string {
  return `
UNWIND $ids AS key
MATCH (r:Run {id: key})
RETURN key, ${links(rel, 'n{.*}')} AS related`;
}

export function neighboursFromBatch(rel: RunRelation, related: unknown): unknown {
  const spec = NEIGHBOURS[rel];
  return spec.assemble((related as Row[]).map((l) => ({ ...l, node: spec.toDomain(l.node as Row) })));
}

const ordered = (relations: ReadonlySet<RunRelation>) => Object.values(RunRelation).filter((rel) => relations.has(rel));

/**
 * The tail of a run page statement, after `page` (a list of runs): each run's properties with
 * its links by id, then each neighbour once. Neighbours are shared (a hub dataset is read by
 * most runs), and the driver's decoding is the larger cost, so each is sent once, not per run.
 */
export function pageNeighboursCypher(relations: ReadonlySet<RunRelation>): string {
  const rels = ordered(relations);
  const perRun = rels.map((rel) => `, ${rel}: ${links(rel, 'n.id')}`).join('');
  const distinct = rels.map((rel) => `
CALL (page) {
  UNWIND page AS r
  MATCH ${NEIGHBOURS[rel].pattern}
  WITH DISTINCT n
  RETURN collect(n{.*}) AS ${rel}Nodes
}`).join('');
  return `
CALL (page) {
  UNWIND page AS r
  RETURN collect({run: r{.*}${perRun}}) AS items
}${distinct}
RETURN total, items${rels.map((rel) => `, ${rel}Nodes`).join('')}`;
}

/** Each page item's neighbours, from the row of `pageNeighboursCypher`. */
export function neighboursFromPage(row: Row, relations: ReadonlySet<RunRelation>): RunRelated[] {
  const rels = ordered(relations);
  const byId = new Map<RunRelation, Map<string, unknown>>(
    rels.map((rel) => [rel, new Map((row[`${rel}Nodes`] as Row[]).map((p) => [String(p.id), NEIGHBOURS[rel].toDomain(p)]))]),
  );
  return (row.items as Row[]).map((item) => {
    const related: Record<string, unknown> = {};
    for (const rel of rels) {
      const nodes = byId.get(rel) as Map<string, unknown>;
      related[rel] = NEIGHBOURS[rel].assemble((item[rel] as Row[]).map((l) => ({ ...l, node: nodes.get(String(l.node)) })));
    }
    return related as RunRelated;
  });
}
