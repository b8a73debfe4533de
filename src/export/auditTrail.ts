import type { AuditEventRecord } from './format';
import type { GraphQLClient } from './graphqlClient';
import { AUDIT_ENTRY_FIELDS } from './queries';

/**
 * Every audit event about the package's records that the checkpoint covers. `auditTrail` filters
 * by one entity per call, so there are two ways to read them, and the export takes whichever
 * needs fewer requests: each record's trail (aliased, several records per request), or the
 * whole log page by page, keeping the package's records. Events the checkpoint does not cover
 * (seq ≥ tree size) are kept apart: they mean a record changed after the checkpoint.
 */
const ENTITIES_PER_REQUEST = 10;
/** Page size per record: ENTITIES_PER_REQUEST pages of this size stay under the API's query cost limit. */
const ENTITY_PAGE = 100;
/** Page size of the whole log: the API's maximum. */
const LOG_PAGE = 500;

/** An AuditEntry as the API answers it: the canonical fields, with the actor as one object. */
type ApiEntry = Omit<AuditEventRecord, 'actorId' | 'actorRole' | 'actorName'> & { readonly actor: { id: string; role: string | null; name: string } };

interface TrailPage {
  totalCount?: number;
  edges: { node: ApiEntry }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface TrailResult {
  /** Events within the checkpoint, by seq. */
  readonly events: AuditEventRecord[];
  /** Events about the same records after the checkpoint: the records changed since it was signed. */
  readonly later: AuditEventRecord[];
}

const toEvent = (e: ApiEntry): AuditEventRecord => ({
  seq: e.seq,
  at: e.at,
  actorId: e.actor.id,
  actorRole: e.actor.role,
  actorName: e.actor.name,
  action: e.action,
  entityType: e.entityType,
  entityId: e.entityId,
  entityVersion: e.entityVersion,
  // GraphQL's JSON scalar answers a stored JSON null as null; an absent value is null too.
  oldValue: e.oldValue ?? null,
  newValue: e.newValue ?? null,
  reason: e.reason,
  category: e.category,
  hash: e.hash,
});

const LOG_PAGE_QUERY = `query ExportAuditLog($after: String) {
  auditTrail(first: ${LOG_PAGE}, after: $after) { totalCount edges { node { ...ExportAuditEntry } } pageInfo { hasNextPage endCursor } }
}
${AUDIT_ENTRY_FIELDS}`;

class Collector {
  private readonly within = new Map<number, AuditEventRecord>();
  private readonly after = new Map<number, AuditEventRecord>();
  constructor(private readonly treeSize: number) {}

  add(e: ApiEntry): void {
    // Pages are offsets into a log that may grow meanwhile, so an event can come twice; never less.
    (e.seq < this.treeSize ? this.within : this.after).set(e.seq, toEvent(e));
  }

  result(): TrailResult {
    const bySeq = (m: Map<number, AuditEventRecord>) => [...m.values()].sort((a, b) => a.seq - b.seq);
    return { events: bySeq(this.within), later: bySeq(this.after) };
  }
}

/** `auto` picks by request count; the others exist so tests can show both ways agree. */
export type TrailStrategy = 'auto' | 'log' | 'trails';

export async function fetchAuditEvents(
  client: GraphQLClient,
  entityIds: readonly string[],
  treeSize: number,
  onProgress: (done: number, total: number) => void,
  strategy: TrailStrategy = 'auto',
): Promise<TrailResult> {
  const wanted = new Set(entityIds);
  const collector = new Collector(treeSize);
  if (strategy === 'trails') {
    await readTrails(client, [...wanted].sort(), collector, onProgress);
    return collector.result();
  }
  const first = await client.request<{ auditTrail: TrailPage }>(LOG_PAGE_QUERY, { after: null });
  const logSize = first.auditTrail.totalCount ?? Infinity;
  if (strategy === 'log' || Math.ceil(logSize / LOG_PAGE) <= Math.ceil(wanted.size / ENTITIES_PER_REQUEST)) {
    await readWholeLog(client, first.auditTrail, wanted, collector, (n) => onProgress(Math.min(n, logSize), logSize));
  } else {
    await readTrails(client, [...wanted].sort(), collector, onProgress);
  }
  return collector.result();
}

async function readWholeLog(client: GraphQLClient, firstPage: TrailPage, wanted: Set<string>, collector: Collector, onProgress: (read: number) => void): Promise<void> {
  let page = firstPage;
  let read = 0;
  for (;;) {
    for (const { node } of page.edges) if (wanted.has(node.entityId)) collector.add(node);
    read += page.edges.length;
    onProgress(read);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    page = (await client.request<{ auditTrail: TrailPage }>(LOG_PAGE_QUERY, { after: page.pageInfo.endCursor })).auditTrail;
  }
}

async function readTrails(client: GraphQLClient, ids: readonly string[], collector: Collector, onProgress: (done: number, total: number) => void): Promise<void> {
  const queue = ids.map((id) => ({ id, after: null as string | null }));
  let finished = 0;
  while (queue.length > 0) {
    const group = queue.splice(0, ENTITIES_PER_REQUEST);
    const declarations = group.map((_g, i) => `$e${i}: ID!, $c${i}: String`).join(', ');
    const fields = group
      .map((_g, i) => `t${i}: auditTrail(entityId: $e${i}, first: ${ENTITY_PAGE}, after: $c${i}) { edges { node { ...ExportAuditEntry } } pageInfo { hasNextPage endCursor } }`)
      .join('\n  ');
    const variables = Object.assign({}, ...group.map((g, i) => ({ [`e${i}`]: g.id, [`c${i}`]: g.after })));
    const data = await client.request<Record<string, TrailPage>>(`query ExportAuditTrails(${declarations}) {\n  ${fields}\n}\n${AUDIT_ENTRY_FIELDS}`, variables);
    group.forEach((g, i) => {
      const page = data[`t${i}`];
      for (const { node } of page.edges) collector.add(node);
      if (page.pageInfo.hasNextPage && page.pageInfo.endCursor) queue.push({ id: g.id, after: page.pageInfo.endCursor });
      else finished += 1;
    });
    onProgress(finished, ids.length);
  }
}
