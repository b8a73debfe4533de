import type { GraphExecutor, Row } from '../../src/graph/executor';
import { type GraphChange, diffSnapshots, snapshotGraph } from './graphSnapshot';

export interface LoggedEvent {
  readonly seq: number;
  readonly action: string;
  readonly entityId: string;
  readonly oldValue: Row | null;
  readonly newValue: Row | null;
}

export async function lastSeq(graph: GraphExecutor): Promise<number> {
  const [row] = await graph.query('test.lastSeq', 'OPTIONAL MATCH (e:AuditEvent) RETURN coalesce(max(e.seq), -1) AS seq');
  return Number(row.seq);
}

export async function eventsAfter(graph: GraphExecutor, seq: number): Promise<LoggedEvent[]> {
  const rows = await graph.query(
    'test.eventsAfter',
    'MATCH (e:AuditEvent) WHERE e.seq > $seq RETURN e.seq AS seq, e.action AS action, e.entityId AS entityId, e.oldValue AS oldValue, e.newValue AS newValue ORDER BY e.seq',
    { seq },
  );
  const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as Row) : null);
  return rows.map((r) => ({ seq: Number(r.seq), action: String(r.action), entityId: String(r.entityId), oldValue: json(r.oldValue), newValue: json(r.newValue) }));
}

/** A change with what an auditor reads first: the entity, what changed, and how. */
export const describeChange = (c: GraphChange) => `${c.what} ${c.label}${c.field ? `.${c.field}` : ''} on ${c.entities.join(' / ')}`;

/** Graph property → the audit field it is recorded under, where the two names differ. */
function auditFields(label: string, field: string): string[] {
  const grouped: [RegExp, string][] =
    label === 'Run' || label === 'LoggedModel'
      ? [[/^p\.(.*)$/, 'params.$1'], [/^t\.(.*)$/, 'tags.$1'], [/^m[st]?\.(.*)$/, 'metrics.$1'], [/^dm\..*$/, 'detectionMethod']]
      : label === 'ModelVersion'
        ? [[/^t\.(.*)$/, 'tags.$1']]
        : [];
  for (const [re, to] of grouped) if (re.test(field)) return [field.replace(re, to)];
  return [field];
}

/**
 * The changes no audit event of the write covers. A created or deleted record is covered by an
 * event naming it; a changed property by an event naming the record whose old and new values
 * hold that field, with the graph's old and new value where it keeps the graph's name (`derived`
 * lists the properties computed from other audited fields, which an event naming the record
 * covers); a relationship by an event naming either end; a record moved to a new id by the event
 * on the new id whose old value names the old one; a record an event lists in `records` (an
 * OpenLineage event, whose body the log keeps and from which the record's values follow) by that
 * event, but never its deletion.
 */
export function uncoveredChanges(changes: readonly GraphChange[], events: readonly LoggedEvent[], derived: Readonly<Record<string, readonly string[]>>): GraphChange[] {
  const byEntity = new Map<string, LoggedEvent[]>();
  for (const e of events) byEntity.set(e.entityId, [...(byEntity.get(e.entityId) ?? []), e]);
  // An event that keeps its source verbatim (an OpenLineage event) lists the records it derives.
  const derivedFrom = new Set(events.flatMap((e) => (Array.isArray(e.newValue?.records) ? (e.newValue.records as string[]) : [])));
  const naming = (c: GraphChange) => c.entities.flatMap((id) => byEntity.get(id) ?? []);
  // A record moved to another id (a rename) is covered by the event on its new id that names the old one.
  const renamedFrom = new Set(events.flatMap((e) => (typeof e.oldValue?.id === 'string' && e.oldValue.id !== e.entityId ? [e.oldValue.id] : [])));
  return changes.filter((c) => {
    if (c.what === 'node deleted' && c.entities.some((id) => renamedFrom.has(id))) return false;
    if (c.what !== 'node deleted' && c.entities.some((id) => derivedFrom.has(id))) return false;
    const named = naming(c);
    if (named.length === 0) return true;
    if (c.what !== 'property changed' || !c.field) return false;
    if ((derived[c.label] ?? []).includes(c.field) || (derived['*'] ?? []).includes(c.field)) return false;
    const names = auditFields(c.label, c.field);
    return !named.some((e) => names.some((n) => holds(e.newValue, n) || holds(e.oldValue, n)) && (names[0] !== c.field || valuesMatch(e, c)));
  });
}

const holds = (v: Row | null, name: string) => v !== null && Object.keys(v).some((k) => k === name || k.startsWith(`${name}.`));

/** Where the event keeps the property under its own name, it holds the old and new value the graph shows. */
function valuesMatch(e: LoggedEvent, c: GraphChange): boolean {
  const field = c.field as string;
  const shown = (v: unknown) => (v !== null && typeof v === 'object' && 'truncated' in (v as object) ? undefined : JSON.stringify(v ?? null));
  const newShown = shown(e.newValue?.[field]);
  const oldShown = e.oldValue === null ? JSON.stringify(null) : shown(e.oldValue[field]);
  return (newShown === undefined || newShown === JSON.stringify(c.newValue ?? null)) && (oldShown === undefined || oldShown === JSON.stringify(c.oldValue ?? null));
}

/** The changes one write makes that no audit event of that write covers, described; and how many changes it made. */
export async function uncoveredDuring(graph: GraphExecutor, write: () => Promise<unknown>, derived: Readonly<Record<string, readonly string[]>> = {}): Promise<{ changes: number; uncovered: string[] }> {
  const before = await snapshotGraph(graph);
  const seq = await lastSeq(graph);
  await write();
  const changes = diffSnapshots(before, await snapshotGraph(graph));
  return { changes: changes.length, uncovered: [...new Set(uncoveredChanges(changes, await eventsAfter(graph, seq), derived).map(describeChange))] };
}
