import { createHash } from 'node:crypto';
import { formatId } from '../../src/domain/ids';
import { NodeType } from '../../src/domain/nodeType';
import type { DatasetRecord, ReportRecord, RunRecord } from '../../src/domain/records';
import { storeKeyFor, TrackingStoreKind } from '../../src/domain/trackingStore';
import type { GraphExecutor } from '../../src/graph/executor';
import { CatalogWriteRepository } from '../../src/graph/repositories/catalogWriteRepository';

/**
 * Small hand-made lineage graphs, written through the same writer repository ingestion uses:
 * a diamond, a cycle of parent runs, a hub dataset and reports. Tests compute expectations
 * from the raw edge list (`rawEdges`) with their own BFS, never from the lineage query.
 */
export const STORE_URI = 'file:///lineage-test/mlruns';
export const storeKey = storeKeyFor(STORE_URI);
export const writer = new CatalogWriteRepository();

export const runId = (name: string) => formatId(NodeType.RUN, storeKey, name);
export const datasetId = (name: string) => formatId(NodeType.DATASET, 'faers', name);
export const reportId = (name: string) => formatId(NodeType.REPORT, name);
export const experimentId = formatId(NodeType.EXPERIMENT, storeKey, '1');
/** Relations data flows along (what the typed lineage fields follow). */
export const DATA_FLOW = new Set(['PARENT_OF', 'INPUT_TO', 'PRODUCED', 'REGISTERED_AS', 'FEEDS']);

export const digestOf = (name: string) => createHash('sha256').update(name).digest('hex').slice(0, 16);

export function dataset(name: string): DatasetRecord {
  return { namespace: 'faers', name, digest: digestOf(name), source: null, sourceType: null, period: '2024Q1', schema: null };
}

export function run(name: string, inputs: string[], parent: string | null = null): RunRecord {
  return {
    runId: name,
    experimentId: '1',
    name,
    status: 'FINISHED',
    lifecycleStage: 'active',
    startTime: Date.UTC(2024, 0, 1),
    endTime: null,
    userId: 'tester',
    sourceName: null,
    sourceType: null,
    gitCommit: null,
    artifactUri: null,
    params: {},
    tags: {},
    latestMetrics: [],
    parentRunId: parent,
    inputs: inputs.map((d) => ({ dataset: { namespace: 'faers', name: d }, digest: null, context: 'training' })),
  };
}

export function report(name: string, runs: string[], datasets: string[] = []): ReportRecord {
  return {
    reportId: name,
    title: `Report ${name}`,
    kind: 'PSUR',
    status: 'FINAL',
    period: '2024Q1',
    contentHash: '0'.repeat(64),
    uri: null,
    createdAt: Date.UTC(2024, 0, 2),
    runIds: runs.map(runId),
    modelVersionIds: [],
    datasetIds: datasets.map(datasetId),
    signalIds: [],
  };
}

export interface LineageFixture {
  readonly datasets: DatasetRecord[];
  readonly runs: RunRecord[];
  readonly reports: ReportRecord[];
}

/** Writes a fixture in one transaction (store, experiment, datasets, runs, reports). */
export async function writeFixture(graph: GraphExecutor, f: LineageFixture): Promise<void> {
  await graph.write('test.lineageFixture', async (tx) => {
    const { id } = await writer.writeStore(tx, { uri: STORE_URI, kind: TrackingStoreKind.FILE, displayName: 'test store' });
    await writer.writeExperiments(tx, id, storeKey, [
      { experimentId: '1', name: 'exp', lifecycleStage: 'active', artifactLocation: null, createdAt: null, updatedAt: null, tags: {} },
    ]);
    await writer.writeDatasets(tx, f.datasets);
    await writer.writeRuns(tx, storeKey, f.runs);
    for (const r of f.reports) await writer.writeReport(tx, r);
  });
}

export interface RawEdge {
  readonly from: string;
  readonly to: string;
  readonly type: string;
}

/** Every live edge in the graph, read with a plain MATCH: the independent source of truth. */
export async function rawEdges(graph: GraphExecutor): Promise<RawEdge[]> {
  const rows = await graph.query('test.edges', 'MATCH (a)-[r]->(b) WHERE r.until IS NULL AND NOT a:SchemaMigration RETURN a.id AS from, b.id AS to, type(r) AS type');
  return rows as unknown as RawEdge[];
}

/**
 * Breadth-first search over an edge list: node id → shortest depth from the root. BOTH is the
 * union of the upstream and the downstream search, each node at its nearer depth (the API's
 * meaning); EITHER follows edges either way at every step (how lineagePath connects two nodes).
 */
export function bfs(edges: readonly RawEdge[], root: string, direction: 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH' | 'EITHER', depth: number): Map<string, number> {
  if (direction === 'BOTH') {
    const union = bfs(edges, root, 'UPSTREAM', depth);
    for (const [id, d] of bfs(edges, root, 'DOWNSTREAM', depth)) union.set(id, Math.min(d, union.get(id) ?? d));
    return union;
  }
  const next = new Map<string, string[]>();
  const add = (a: string, b: string) => next.set(a, [...(next.get(a) ?? []), b]);
  for (const e of edges) {
    if (direction !== 'UPSTREAM') add(e.from, e.to);
    if (direction !== 'DOWNSTREAM') add(e.to, e.from);
  }
  const seen = new Map<string, number>([[root, 0]]);
  let frontier = [root];
  for (let d = 1; d <= depth && frontier.length > 0; d++) {
    const following: string[] = [];
    for (const n of frontier) {
      for (const m of next.get(n) ?? []) {
        if (!seen.has(m)) {
          seen.set(m, d);
          following.push(m);
        }
      }
    }
    frontier = following;
  }
  return seen;
}

/** The edges a lineage answer over `nodes` must hold: every live edge between two of them. */
export function edgesAmong(edges: readonly RawEdge[], nodes: ReadonlySet<string>): string[] {
  return edges.filter((e) => nodes.has(e.from) && nodes.has(e.to)).map((e) => `${e.from}|${e.to}|${e.type}`).sort();
}
