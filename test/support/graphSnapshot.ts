import type { GraphExecutor, Row } from '../../src/graph/executor';

/**
 * Every node's properties and every relationship of the graph, keyed so that two snapshots can be
 * compared: a node by its typed id (a child node without one by its owner and its own key), a
 * relationship by its element id. The audit log itself and migration bookkeeping are left out:
 * they are what records changes, not what is changed; so are the fragment texts of search
 * (`SearchText`, migration v0105), an index derived from the nodes like Lucene's own.
 */
export const NOT_SNAPSHOT = ['AuditEvent', 'AuditLog', 'AuditCheckpoint', 'SchemaMigration', 'DataMigration', 'SearchText'] as const;

export interface NodeSnap {
  readonly key: string;
  /** The typed id of the record an audit event must name: its own, or its owner's. */
  readonly owner: string;
  readonly label: string;
  readonly props: Row;
}

export interface RelSnap {
  readonly key: string;
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly props: Row;
}

export interface GraphSnapshot {
  readonly nodes: ReadonlyMap<string, NodeSnap>;
  readonly rels: ReadonlyMap<string, RelSnap>;
}

/** Child nodes with no id of their own: the property naming their owner and the one naming them within it. */
const CHILDREN: Readonly<Record<string, { owner: string; own: string }>> = {
  MetricSeries: { owner: 'runNodeId', own: 'key' },
  SignalTransition: { owner: 'signalId', own: 'step' },
  // A field is part of its dataset's schema: the dataset's event names it.
  DatasetField: { owner: 'datasetId', own: 'id' },
  ReportVersion: { owner: 'reportId', own: 'version' },
  Signature: { owner: 'reportId', own: 'id' },
};

/** Child nodes whose owner is the far end of a relationship: an account's tokens. */
const OWNED_THROUGH: Readonly<Record<string, string>> = { ApiToken: 'ISSUED_TO' };

/** Records whose node id is not yet typed: the prefix the audit trail names them by. */
const TYPED_PREFIX: Readonly<Record<string, string>> = { Ingestion: 'ingestion:' };

/** Records the audit trail names by another property than `id`. */
const ID_PROPERTY: Readonly<Record<string, string>> = { LineageEvent: 'eventId' };

const SNAPSHOT_NODES = `
MATCH (n) WHERE none(l IN labels(n) WHERE l IN $excluded)
RETURN elementId(n) AS element, labels(n) AS labels, properties(n) AS props`;

const SNAPSHOT_RELS = `
MATCH (a)-[r]->(b) WHERE none(l IN labels(a) + labels(b) WHERE l IN $excluded)
RETURN elementId(r) AS element, type(r) AS type, elementId(a) AS a, elementId(b) AS b, properties(r) AS props`;

export async function snapshotGraph(graph: GraphExecutor): Promise<GraphSnapshot> {
  const excluded = [...NOT_SNAPSHOT];
  const nodeRows = await graph.query('test.snapshot.nodes', SNAPSHOT_NODES, { excluded });
  const byElement = new Map<string, NodeSnap>();
  for (const r of nodeRows) {
    const label = [...(r.labels as string[])].sort()[0];
    const props = r.props as Row;
    const child = CHILDREN[label];
    const owner = child ? String(props[child.owner]) : `${TYPED_PREFIX[label] ?? ''}${String(props[ID_PROPERTY[label] ?? 'id'] ?? `${label}:${String(r.element)}`)}`;
    const key = child ? `${owner}#${label}:${String(props[child.own])}` : owner;
    byElement.set(String(r.element), { key, owner, label, props });
  }
  const relRows = await graph.query('test.snapshot.rels', SNAPSHOT_RELS, { excluded });
  for (const r of relRows) {
    const child = byElement.get(String(r.a));
    const owner = byElement.get(String(r.b));
    if (child && owner && OWNED_THROUGH[child.label] === r.type) byElement.set(String(r.a), { ...child, owner: owner.owner });
  }
  const nodes = new Map([...byElement.values()].map((n) => [n.key, n]));
  const rels = new Map<string, RelSnap>();
  for (const r of relRows) {
    const from = byElement.get(String(r.a))?.owner ?? String(r.a);
    const to = byElement.get(String(r.b))?.owner ?? String(r.b);
    rels.set(String(r.element), { key: String(r.element), type: String(r.type), from, to, props: r.props as Row });
  }
  return { nodes, rels };
}

/** One difference between two snapshots, named as an auditor would look for it. */
export interface GraphChange {
  readonly what: 'node created' | 'node deleted' | 'property changed' | 'relationship created' | 'relationship deleted' | 'relationship property changed';
  /** Typed ids of the records an audit event may name to cover the change. */
  readonly entities: readonly string[];
  readonly label: string;
  /** The property, for a property change. */
  readonly field?: string;
  readonly oldValue?: unknown;
  readonly newValue?: unknown;
  /** The relationship's other end, which the covering event must mention. */
  readonly other?: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function propertyChanges(before: Row, after: Row): { field: string; oldValue: unknown; newValue: unknown }[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return fields.filter((f) => !same(before[f] ?? null, after[f] ?? null)).map((f) => ({ field: f, oldValue: before[f] ?? null, newValue: after[f] ?? null }));
}

export function diffSnapshots(before: GraphSnapshot, after: GraphSnapshot): GraphChange[] {
  const changes: GraphChange[] = [];
  for (const [key, n] of after.nodes) {
    const old = before.nodes.get(key);
    if (!old) changes.push({ what: 'node created', entities: [n.owner], label: n.label, newValue: n.props });
    else for (const c of propertyChanges(old.props, n.props)) changes.push({ what: 'property changed', entities: [n.owner], label: n.label, ...c });
  }
  for (const [key, n] of before.nodes) if (!after.nodes.has(key)) changes.push({ what: 'node deleted', entities: [n.owner], label: n.label, oldValue: n.props });
  const relLabel = (r: RelSnap) => `${r.type}`;
  for (const [key, r] of after.rels) {
    const old = before.rels.get(key);
    if (!old) changes.push({ what: 'relationship created', entities: [r.from, r.to], label: relLabel(r), newValue: r.props, other: `${r.from} -> ${r.to}` });
    else for (const c of propertyChanges(old.props, r.props)) changes.push({ what: 'relationship property changed', entities: [r.from, r.to], label: relLabel(r), ...c, other: `${r.from} -> ${r.to}` });
  }
  for (const [key, r] of before.rels) if (!after.rels.has(key)) changes.push({ what: 'relationship deleted', entities: [r.from, r.to], label: relLabel(r), oldValue: r.props, other: `${r.from} -> ${r.to}` });
  return changes;
}
