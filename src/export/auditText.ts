import type { AuditEventData } from '../domain/audit/event';

/**
 * How one audit entry reads on paper. The stored old and new values are partial snapshots, so
 * a plain old → new diff misleads: a registration that took over an imported record showed
 * `id: report:… → —`, which reads as a deletion. Here an entry is first classed as a creation,
 * an update or a deletion, and each field is worded for that class. The values themselves are
 * the audit log's, untouched (audit.json holds them whole).
 */
export type EntryKind = 'CREATION' | 'UPDATE' | 'DELETION';

/** Actions that bring a record (or a signature, an event, a token) into being. */
const CREATES = /_(CREATED|REGISTERED|RECORDED|SIGNED|ISSUED)$/;
/** Actions that take a record out of use; the record itself stays in the log. */
const DELETES = /_(DELETED|MARKED_DELETED|WITHDRAWN|RETIRED|REVOKED)$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const present = (v: unknown): boolean => v !== null && v !== undefined;
/** Whether a value holds anything: an old value of only nulls (`{fingerprint: null}`) means "nothing before". */
const hasContent = (v: unknown): boolean => (isObj(v) ? Object.values(v).some(present) : present(v));

export function entryKind(e: Pick<AuditEventData, 'action' | 'oldValue' | 'newValue'>): EntryKind {
  if (DELETES.test(e.action) || (hasContent(e.oldValue) && !present(e.newValue))) return 'DELETION';
  if (CREATES.test(e.action) || !hasContent(e.oldValue)) return 'CREATION';
  return 'UPDATE';
}

/**
 * One line per field: a creation lists the values as created (a field taken over from a record
 * imported before auditing is marked so, and one the registration replaced shows both); an
 * update lists the changed fields old → new; a deletion lists what was removed as
 * old → (deleted). Values longer than `max` characters are cut.
 */
export function entryLines(e: Pick<AuditEventData, 'action' | 'oldValue' | 'newValue'>, max = 160): string[] {
  const kind = entryKind(e);
  const cut = (v: unknown) => {
    const s = show(v);
    return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
  };
  const o: Obj = isObj(e.oldValue) ? e.oldValue : hasContent(e.oldValue) ? { value: e.oldValue } : {};
  const n: Obj = isObj(e.newValue) ? e.newValue : present(e.newValue) ? { value: e.newValue } : {};
  const fields = [...new Set([...Object.keys(o), ...Object.keys(n)])].sort();
  const lines: string[] = [];
  for (const f of fields) {
    const [was, now] = [o[f], n[f]];
    const same = show(was) === show(now);
    if (kind === 'CREATION') {
      if (present(now) && (!present(was) || same)) lines.push(`${f}: ${cut(now)}`);
      else if (present(now)) lines.push(`${f}: ${cut(now)} (the imported record had ${cut(was)})`);
      else if (present(was)) lines.push(`${f}: ${cut(was)} (from the imported record)`);
    } else if (same || (!present(was) && !present(now))) {
      continue;
    } else if (!present(now)) {
      lines.push(`${f}: ${cut(was)} → ${kind === 'DELETION' ? '(deleted)' : '(removed)'}`);
    } else {
      lines.push(`${f}: ${present(was) ? cut(was) : '(not set)'} → ${cut(now)}`);
    }
  }
  return lines;
}

/** The words a PDF cell opens with, so a reader sees the class before the fields. */
export const KIND_LABEL: Record<EntryKind, string> = { CREATION: 'Created with', UPDATE: 'Changed (old → new)', DELETION: 'Deleted or withdrawn' };

/**
 * Who acted, for people: the printed name, the account id and the role. An account with no role
 * is the server acting on its own behalf; it is named for the work it did, since its stored
 * name (e.g. `demo`) says nothing to an inspector: "MLflow ingest from file store mlruns",
 * "pv-lineage demo loader".
 */
export interface ActorContext {
  /** Tracking store labels by store key (`88188a81a13d` → `file store mlruns`). */
  readonly storeLabels: ReadonlyMap<string, string>;
}

/** Accounts the demo loader writes under: the seeding's default actor and its system: form. */
const DEMO_LOADER = /^(demo|system:demo(-seed)?)$/;
const MLFLOW_ENTITY = /^(run|experiment|loggedmodel|model|modelversion|dataset|store):([0-9a-f]{6,}):/;

export interface ActorText {
  readonly printedName: string;
  readonly role: string;
  readonly account: string;
}

export function actorText(e: Pick<AuditEventData, 'actorId' | 'actorName' | 'actorRole' | 'action' | 'entityId' | 'newValue'>, ctx: ActorContext): ActorText {
  const producer = e.action.startsWith('OPENLINEAGE_') && isObj(e.newValue) && typeof e.newValue.producer === 'string' ? e.newValue.producer : null;
  // An OpenLineage event posted with a pipeline's token: the account, and the producer that wrote the event when the entry records it.
  if (e.actorRole !== null) return { printedName: producer ? `${e.actorName} (OpenLineage producer ${producer})` : e.actorName, role: e.actorRole, account: e.actorId };
  const loader = DEMO_LOADER.test(e.actorId);
  const store = MLFLOW_ENTITY.exec(e.entityId)?.[2];
  let work: string;
  if (store !== undefined && !e.action.startsWith('REPORT_') && !e.action.startsWith('SIGNAL_')) {
    work = `MLflow ingest from ${ctx.storeLabels.get(store) ?? `store ${store}`}${loader ? ' (pv-lineage demo loader)' : ''}`;
  } else if (e.action.startsWith('OPENLINEAGE_')) {
    work = `OpenLineage producer ${producer ?? e.actorName}`;
  } else if (loader) {
    work = 'pv-lineage demo loader';
  } else {
    work = e.actorName;
  }
  return { printedName: work, role: 'system (no user role)', account: e.actorId };
}

export function actorCell(a: ActorText): string {
  return `${a.printedName}\n${a.account} · ${a.role}`;
}

/**
 * The role each person acted under, as the audit events record it, for the places of the PDF
 * that show a person from lineage.json (version authors, signers, signal steps, a withdrawal),
 * whose records carry the name but not the role.
 */
export interface ActorRoles {
  version(reportId: string, version: number): string | null;
  signature(signatureId: string): string | null;
  transition(signalId: string, to: string, actorId: string): string | null;
  withdrawal(reportId: string): string | null;
}

export function actorRoles(events: readonly AuditEventData[]): ActorRoles {
  const versions = new Map<string, string | null>();
  const signatures = new Map<string, string | null>();
  const transitions = new Map<string, string | null>();
  const withdrawals = new Map<string, string | null>();
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const n = isObj(e.newValue) ? e.newValue : {};
    if ((e.action === 'REPORT_REGISTERED' || e.action === 'REPORT_REVISED') && typeof n.version === 'number') versions.set(`${e.entityId}\u0000${n.version}`, e.actorRole);
    else if (e.action === 'REPORT_SIGNED' && typeof n.id === 'string') signatures.set(n.id, typeof n.signerRole === 'string' ? n.signerRole : e.actorRole);
    else if (e.action === 'SIGNAL_TRANSITIONED' && typeof n.status === 'string') transitions.set(`${e.entityId}\u0000${n.status}\u0000${e.actorId}`, e.actorRole);
    else if (e.action === 'REPORT_WITHDRAWN') withdrawals.set(e.entityId, e.actorRole);
  }
  return {
    version: (reportId, version) => versions.get(`${reportId}\u0000${version}`) ?? null,
    signature: (id) => signatures.get(id) ?? null,
    transition: (signalId, to, actorId) => transitions.get(`${signalId}\u0000${to}\u0000${actorId}`) ?? null,
    withdrawal: (reportId) => withdrawals.get(reportId) ?? null,
  };
}

/** A role as the PDF prints it; a person whose event is outside the checkpoint has none to show. */
export const roleText = (role: string | null): string => role ?? 'role not in the exported audit trail';
