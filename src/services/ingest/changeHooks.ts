import type { FieldValue } from '../../domain/auditFieldDiff';
import type { AuditTx } from '../../graph/auditedWriter';

export type RunChangeKind = 'created' | 'updated' | 'deleted';

/** One created, updated or marked-deleted run, as the ingester saw it. */
export interface RunChange {
  readonly ingestionId: string;
  readonly runNodeId: string;
  readonly runId: string;
  readonly storeKey: string;
  readonly change: RunChangeKind;
  /** Fingerprint parts that changed (`info`, `params`, `tags`, `metrics`, ...); all of them for a new run. */
  readonly fields: readonly string[];
  readonly actor: string;
  /** Fingerprint and lifecycle before and after, for the audit trail's old → new. */
  readonly before: { readonly fingerprint: string | null; readonly lifecycleStage: string | null } | null;
  readonly after: { readonly fingerprint: string | null; readonly status: string | null; readonly lifecycleStage: string | null };
  /**
   * For an updated or deleted run: each field that changed, old and new (domain/runFieldDiff.ts),
   * with the fingerprint and lifecycle stage on both sides. Null for a created run.
   */
  readonly diff: { readonly oldValue: Record<string, FieldValue>; readonly newValue: Record<string, FieldValue> } | null;
  /** For a created run: every field as created (domain/runFieldDiff.ts); null otherwise. */
  readonly created: Record<string, FieldValue> | null;
}

/**
 * THE hook point for per-run side effects. It is called once per batch, inside the batch's
 * audited write transaction, after the runs are written and before the commit, with every run of
 * the batch that was created, updated or marked deleted. Whatever it writes commits or rolls back
 * together with the runs; the ingester's own hook queues one audit event per change.
 */
export type RunChangeHook = (tx: AuditTx, changes: readonly RunChange[]) => Promise<void>;
