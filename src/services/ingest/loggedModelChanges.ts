import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/audit/actor';
import { AuditKind, type AuditDraft } from '../../domain/audit/draft';
import { numberExactReplacer } from '../../domain/metric';
import type { LoggedModelRecord } from '../../domain/records';
import type { StoredFingerprint } from '../../graph/repositories/ingestRepository';

/** The parts of a logged model compared separately, so its change event can say what changed. */
export const LOGGED_MODEL_PARTS = ['info', 'params', 'tags', 'metrics', 'runs'] as const;

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value, numberExactReplacer)).digest('base64').slice(0, 22);
const sorted = (m: Readonly<Record<string, string>>) => Object.keys(m).sort().map((k) => [k, m[k]]);

/** One content hash per part; `runs` are the node ids of the runs linked to it as producers. */
export function loggedModelFingerprintParts(m: LoggedModelRecord, runNodeIds: readonly string[]): string[] {
  return [
    hash([m.experimentId, m.name, m.sourceRunId, m.status, m.modelType, m.artifactLocation, m.lifecycleStage, m.createdAt, m.updatedAt]),
    hash(sorted(m.params)),
    hash(sorted(m.tags)),
    // Metrics are already in a fixed order (key, dataset name, dataset digest).
    hash(m.metrics),
    hash(runNodeIds),
  ];
}

export function loggedModelFingerprint(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 32);
}

/** A logged model as the ingester writes it, with the fingerprint the row carries. */
export interface LoggedModelWrite {
  readonly row: { readonly props: Record<string, unknown>; readonly runNodeIds: readonly string[] };
  readonly fingerprint: string;
  readonly parts: readonly string[];
}

export interface LoggedModelChange extends LoggedModelWrite {
  readonly change: 'created' | 'updated';
  readonly before: StoredFingerprint | null;
  readonly fields: readonly string[];
}

/**
 * The models to write: new ones and those whose fingerprint differs from the stored one (`stored`
 * holds the models the graph has). An unchanged model is neither written nor audited, so
 * re-ingesting an unchanged store records nothing about its models. A node stored before models
 * had fingerprints counts as updated.
 */
export function loggedModelChanges(writes: readonly LoggedModelWrite[], stored: readonly StoredFingerprint[]): LoggedModelChange[] {
  const byId = new Map(stored.map((s) => [s.id, s]));
  return writes.flatMap((w): LoggedModelChange[] => {
    const before = byId.get(String(w.row.props.id)) ?? null;
    if (before?.fingerprint === w.fingerprint) return [];
    const fields = before?.parts ? LOGGED_MODEL_PARTS.filter((_, i) => before.parts?.[i] !== w.parts[i]) : [...LOGGED_MODEL_PARTS];
    return [{ ...w, change: before ? 'updated' : 'created', before, fields }];
  });
}

/** One audit event per logged model the ingester created or changed, in the transaction that writes it. */
export function loggedModelChangeDrafts(actor: Actor, changes: readonly LoggedModelChange[], reason: string): AuditDraft[] {
  return changes.map((c) => ({
    actor,
    kind: c.change === 'created' ? AuditKind.CREATE : AuditKind.UPDATE,
    action: c.change === 'created' ? 'LOGGED_MODEL_CREATED' : 'LOGGED_MODEL_UPDATED',
    entityType: 'LoggedModel',
    entityId: String(c.row.props.id),
    entityVersion: c.fingerprint,
    oldValue: c.before ? { fingerprint: c.before.fingerprint, lifecycleStage: c.before.lifecycleStage } : null,
    newValue: { fingerprint: c.fingerprint, status: c.row.props.status ?? null, lifecycleStage: c.row.props.lifecycleStage ?? null, changed: [...c.fields] },
    reason,
  }));
}

/** One tombstone event per logged model the store no longer lists, marked deleted in the graph. */
export function missingLoggedModelDrafts(actor: Actor, gone: readonly { id: string; status: string | null }[], reason: string): AuditDraft[] {
  return gone.map((g) => ({
    actor,
    kind: AuditKind.TOMBSTONE,
    action: 'LOGGED_MODEL_MARKED_DELETED',
    entityType: 'LoggedModel',
    entityId: g.id,
    oldValue: { lifecycleStage: 'active' },
    newValue: { fingerprint: null, status: g.status, lifecycleStage: 'deleted' },
    reason,
  }));
}

/**
 * Whether models absent from this read may be marked deleted: not when the server does not
 * offer the listing (before MLflow 3), or when the reader had to skip a model, or an experiment
 * or store part whose models it could then not list.
 */
export function mayMarkMissingModels(notOffered: readonly string[], skipped: readonly { kind: string }[]): boolean {
  return !notOffered.includes('logged-models/search') && !skipped.some((s) => s.kind === 'model' || s.kind === 'experiment' || s.kind === 'store');
}
