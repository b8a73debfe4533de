import type { Tx } from '../../graph/executor';

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
}

/**
 * THE hook point for per-run side effects. It is called once per batch, inside the batch's
 * write transaction, after the runs are written and before the commit, with every run of the
 * batch that was created, updated or marked deleted. Whatever it writes commits or rolls back
 * together with the runs: the audit issue appends one AuditEvent per change here.
 */
export type RunChangeHook = (tx: Tx, changes: readonly RunChange[]) => Promise<void>;
