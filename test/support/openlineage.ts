import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphExecutor } from '../../src/graph/executor';
import type { TestApi } from './api';

/** The shared fixtures live beside the clone, as CI places them. */
export const OL_FIXTURES = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'openlineage');

export function olFixture(dir: 'spec' | 'marquez', file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(OL_FIXTURES, 'events', dir, file), 'utf8')) as Record<string, unknown>;
}

export function olFixtureFiles(): [dir: 'spec' | 'marquez', file: string][] {
  return (['spec', 'marquez'] as const).flatMap((dir) =>
    readdirSync(join(OL_FIXTURES, 'events', dir))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => [dir, f] as [typeof dir, string]),
  );
}

export interface PostResult {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * POSTs an event (an object, or raw text as given) to /api/v1/lineage with the test token. A test
 * that resets the graph deletes the test account; the default token is then issued anew (as
 * `api.gql` does) rather than failing once the server's token cache forgets the old one.
 */
export async function postEvent(api: TestApi, event: unknown, options: { token?: string | null; raw?: boolean } = {}): Promise<PostResult> {
  const useDefault = options.token === undefined;
  const send = async (token: string | null) => {
    const res = await fetch(`${api.url}/api/v1/lineage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: options.raw ? (event as string) : JSON.stringify(event),
    });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { text };
    }
    return { status: res.status, body };
  };
  const first = await send(useDefault ? api.token : (options.token ?? null));
  if (first.status !== 401 || !useDefault || !api.token) return first;
  await api.gql('{ me { id } }');
  return send(api.token);
}

const PRODUCER = 'https://github.com/pv-lineage/tests';
const RUN_SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';

export interface DatasetName {
  readonly namespace: string;
  readonly name: string;
}

/** A minimal valid RunEvent. */
export function runEvent(args: {
  eventType: string;
  runId: string;
  job: DatasetName;
  eventTime: string;
  inputs?: DatasetName[];
  outputs?: DatasetName[];
  runFacets?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    eventType: args.eventType,
    eventTime: args.eventTime,
    producer: PRODUCER,
    schemaURL: RUN_SCHEMA,
    run: { runId: args.runId, ...(args.runFacets ? { facets: args.runFacets } : {}) },
    job: { namespace: args.job.namespace, name: args.job.name },
    inputs: (args.inputs ?? []).map((d) => ({ ...d })),
    outputs: (args.outputs ?? []).map((d) => ({ ...d })),
  };
}

export function facet(body: Record<string, unknown>): Record<string, unknown> {
  return { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-0-0/Custom.json', ...body };
}

export const uuid = (): string => randomUUID();

/** The labels this feature writes or links to; identity and audit nodes are left out. */
const LINEAGE_LABELS = (v: string) => ['LineageEvent', 'Job', 'Run', 'Dataset', 'TrackingStore', 'Experiment', 'Report'].map((l) => `${v}:${l}`).join(' OR ').replace(/^/, '(').concat(')');

const VOLATILE = new Set(['since', 'receivedAt', 'ingestId']);

/**
 * Every node and relationship with its properties, minus the wall-clock ones (`since`,
 * `receivedAt`, `ingestId`), in a stable order: two snapshots are equal when the graph holds
 * the same facts.
 */
export async function graphSnapshot(graph: GraphExecutor): Promise<{ nodes: string[]; relationships: string[] }> {
  const clean = (p: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(Object.entries(p).filter(([k]) => !VOLATILE.has(k)).sort(([a], [b]) => (a < b ? -1 : 1))));
  const nodes = await graph.query('test.snapshot.nodes', `MATCH (n) WHERE ${LINEAGE_LABELS('n')} RETURN labels(n) AS labels, properties(n) AS props`);
  const rels = await graph.query(
    'test.snapshot.rels',
    `MATCH (a)-[r]->(b) WHERE ${LINEAGE_LABELS('a')} AND ${LINEAGE_LABELS('b')} RETURN type(r) AS type, coalesce(a.id, a.eventId) AS a, coalesce(b.id, b.eventId) AS b, properties(r) AS props`,
  );
  return {
    nodes: nodes.map((n) => `${(n.labels as string[]).sort().join(':')} ${clean(n.props as Record<string, unknown>)}`).sort(),
    relationships: rels.map((r) => `${String(r.a)} -${String(r.type)}-> ${String(r.b)} ${clean(r.props as Record<string, unknown>)}`).sort(),
  };
}
