import { ApiProblem, type GraphQLClient } from './api';
import { h } from './dom';
import { AUDIT_TRAIL } from './queries';

export interface AuditEntry {
  seq: number;
  at: string;
  action: string;
  summary: string;
  reason: string | null;
  actor: { id: string; name: string | null; role: string | null };
  changes: { field: string; oldValue: unknown; newValue: unknown }[];
}

interface AuditTrailAnswer {
  auditTrail: { totalCount: number; edges: { node: AuditEntry }[] };
}

const show = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** One entry's changes, each `field: old → new`, in the order the server lists them. */
export function changeLines(entry: Pick<AuditEntry, 'changes'>): string[] {
  return entry.changes.map((c) => `${c.field}: ${show(c.oldValue)} → ${show(c.newValue)}`);
}

/** The entries as a table, newest first as the server sends them, with the total when more exist. */
export function auditTable(entries: readonly AuditEntry[], total: number): HTMLElement {
  const section = h('section', { class: 'audit-trail' }, h('h3', { text: 'Audit trail' }));
  if (entries.length === 0) {
    section.append(h('p', { class: 'hint', text: 'No audit events name this record.' }));
    return section;
  }
  const rows = entries.map((e) =>
    h('tr', { 'data-seq': String(e.seq) },
      h('td', { text: String(e.seq) }),
      h('td', { text: e.at }),
      h('td', { text: e.action }),
      h('td', { text: e.actor.name ? `${e.actor.name} (${e.actor.id}${e.actor.role ? ` · ${e.actor.role}` : ''})` : e.actor.id }),
      h('td', {}, ...[e.summary, ...changeLines(e), ...(e.reason ? [`Reason: ${e.reason}`] : [])].map((line) => h('div', { text: line }))),
    ),
  );
  section.append(
    h('table', {},
      h('caption', { text: total > entries.length ? `The newest ${entries.length} of ${total} events` : `${total} event${total === 1 ? '' : 's'}, newest first` }),
      h('thead', {}, h('tr', {}, ...['#', 'At (UTC)', 'Action', 'Actor', 'What changed'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, ...rows),
    ),
  );
  return section;
}

/**
 * A button that reads the record's audit trail on demand (one request) and shows it in place.
 * Reading it needs the REVIEWER or QA role; the server decides, and a refusal is said in words.
 */
export function auditTrailButton(client: GraphQLClient, entityId: string): HTMLElement {
  const holder = h('div', { class: 'audit-trail-holder' });
  const button = h('button', { type: 'button', class: 'audit', text: 'Show the audit trail' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const { auditTrail } = await client.request<AuditTrailAnswer>(AUDIT_TRAIL, { id: entityId });
      holder.replaceChildren(auditTable(auditTrail.edges.map((e) => e.node), auditTrail.totalCount));
    } catch (err) {
      const refused = err instanceof ApiProblem && (err.code === 'FORBIDDEN' || err.code === 'UNAUTHENTICATED');
      holder.replaceChildren(h('p', { class: 'hint', role: 'status', text: refused ? 'Reading the audit trail needs the REVIEWER or QA role: sign in as one.' : err instanceof Error ? err.message : String(err) }));
    }
  });
  holder.append(button);
  return holder;
}
