import { canonicalJson } from '../domain/audit/canonical';
import { changeFlag, eventsByEntity } from './changes';
import {
  type AuditEventRecord,
  type AuditFile,
  type CheckpointRef,
  type CheckpointView,
  type LineageFile,
  type LineageGraphRecord,
  type OtherRecord,
  type ReportSubject,
  SCHEMA_VERSION,
  type SignalSubject,
  type Subject,
} from './format';
import type { Unflagged, UpstreamRecords } from './records';
import type { ApiSubject } from './subjects';

/**
 * Builds lineage.json and audit.json from what the API answered. Nothing here depends on the
 * time of export, and every list has a fixed order, so the same checkpoint gives the same
 * bytes (RFC 8785). Versions and signatures made after the checkpoint are left out: their
 * audit events are not in its tree, so the package could not prove them.
 */
export interface Collected {
  readonly scope: LineageFile['scope'];
  readonly checkpoint: CheckpointView;
  readonly subjects: readonly { readonly api: ApiSubject; readonly lineage: LineageGraphRecord }[];
  readonly records: UpstreamRecords;
  /** Events within the checkpoint. */
  readonly events: readonly AuditEventRecord[];
  /** Events about the same records after it. */
  readonly later: readonly AuditEventRecord[];
}

export interface Assembled {
  readonly lineage: LineageFile;
  readonly audit: AuditFile;
  readonly warnings: string[];
}

const VERSION_ACTIONS = new Set(['REPORT_REGISTERED', 'REPORT_REVISED']);
const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function checkpointRef(c: CheckpointView): CheckpointRef {
  return { origin: c.origin, treeSize: c.treeSize, rootHash: c.rootHash };
}

/** Canonical bytes of a package JSON file. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

export function sortGraph(g: LineageGraphRecord): LineageGraphRecord {
  return {
    nodes: [...g.nodes].sort((a, b) => a.depth - b.depth || cmp(a.id, b.id)),
    edges: [...g.edges].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.type, b.type)),
    truncated: g.truncated,
    truncationReason: g.truncationReason ?? null,
  };
}

export function assemble(c: Collected): Assembled {
  const warnings: string[] = [];
  const byEntity = eventsByEntity(c.events);
  const flag = (id: string) => changeFlag(byEntity.get(id) ?? []);
  const subjects = c.subjects.map(({ api, lineage }) => subjectRecord(api, sortGraph(lineage), flag(api.id), c.later, warnings));
  for (const s of subjects) {
    if (s.lineage.truncated) warnings.push(`the lineage of ${s.id} is partial (${s.lineage.truncationReason}); the package holds the nearest 10,000 nodes`);
  }

  const detailed = new Set([...c.records.runs.keys(), ...c.records.modelVersions.keys(), ...c.records.datasets.keys(), ...c.records.jobs.keys(), ...subjects.map((s) => s.id)]);
  const other = new Map<string, Unflagged<OtherRecord>>();
  for (const s of subjects) {
    for (const n of s.lineage.nodes) if (!detailed.has(n.id)) other.set(n.id, { id: n.id, type: n.type, displayName: n.displayName, summary: n.summary ?? null });
  }
  const withFlags = <T extends { id: string }>(items: Iterable<T>) => [...items].sort(byId).map((r) => ({ ...r, ...flag(r.id) }));

  const changedLater = [...new Set(c.later.map((e) => e.entityId))].sort();
  if (changedLater.length > 0) {
    warnings.push(
      `${changedLater.length} record(s) changed after checkpoint ${c.checkpoint.treeSize} (${changedLater.slice(0, 5).join(', ')}${changedLater.length > 5 ? ', …' : ''}); the package shows them as they are now, with the audit events up to the checkpoint`,
    );
  }

  const ref = checkpointRef(c.checkpoint);
  return {
    lineage: {
      schemaVersion: SCHEMA_VERSION,
      scope: c.scope,
      checkpoint: ref,
      subjects,
      records: {
        runs: withFlags(c.records.runs.values()),
        modelVersions: withFlags(c.records.modelVersions.values()),
        datasets: withFlags(c.records.datasets.values()),
        jobs: withFlags(c.records.jobs.values()),
        other: withFlags(other.values()),
      },
    },
    audit: { schemaVersion: SCHEMA_VERSION, checkpoint: ref, events: [...c.events].sort((a, b) => a.seq - b.seq) },
    warnings,
  };
}

function subjectRecord(api: ApiSubject, lineage: LineageGraphRecord, flag: ReturnType<typeof changeFlag>, later: readonly AuditEventRecord[], warnings: string[]): Subject {
  if (api.type === 'SIGNAL') {
    const { type: _t, run, reports, history, ...signal } = api;
    const s: SignalSubject = {
      type: 'SIGNAL',
      ...signal,
      detectedByRun: run?.id ?? null,
      reports: [...reports].sort(byId),
      history,
      lineage,
      ...flag,
    };
    return s;
  }
  const mine = later.filter((e) => e.entityId === api.id);
  const laterSignatures = new Set(mine.filter((e) => e.action === 'REPORT_SIGNED').map((e) => idOf(e.newValue)));
  const laterVersions = new Set(mine.filter((e) => VERSION_ACTIONS.has(e.action)).map((e) => e.entityVersion));
  const versions = api.versions.filter((v) => !laterVersions.has(String(v.version)));
  const signatures = api.signatures.filter((s) => !laterSignatures.has(s.id));
  const dropped = api.versions.length - versions.length + api.signatures.length - signatures.length;
  if (dropped > 0) warnings.push(`${api.id}: ${dropped} version(s) or signature(s) were made after the checkpoint and are left out; export at a later checkpoint to include them`);
  const { type: _t, ...report } = api;
  const s: ReportSubject = {
    type: 'REPORT',
    ...report,
    withdrawal: report.withdrawal ?? null,
    versions: [...versions].sort((a, b) => a.version - b.version),
    signatures: [...signatures].sort((a, b) => cmp(a.signedAt, b.signedAt) || cmp(a.id, b.id)),
    lineage,
    ...flag,
  };
  return s;
}

const idOf = (v: unknown): string | null => (typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' ? (v as { id: string }).id : null);
