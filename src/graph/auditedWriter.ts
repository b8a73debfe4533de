import type { AuditDraft } from '../domain/audit/draft';
import { categoryOf, checkDraft } from '../domain/audit/draft';
import type { AuditEventData } from '../domain/audit/event';
import { eventHash, eventLeafHash } from '../domain/audit/event';
import type { GraphExecutor, Row, Tx } from './executor';
import { appendAt, eventProps } from './repositories/auditRepository';

/** A write transaction that also collects the audit events describing its change. */
export interface AuditTx extends Tx {
  /** Queues one audit event; it is appended, with its sequence number and hashes, before the commit. */
  audit(draft: AuditDraft): void;
}

type Work<T> = (tx: AuditTx) => Promise<T>;

interface Pending {
  readonly operation: string;
  readonly work: Work<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
}

export interface AuditedWriterOptions {
  /** Units of work combined into one transaction at most. */
  readonly maxBatch?: number;
  /** Transactions in flight at once: their work overlaps; only their appends and commits queue on the log lock. */
  readonly maxInFlight?: number;
  readonly clock?: () => Date;
}

/**
 * THE write path. Every mutation, every ingest batch and every security event goes through
 * `write`: it opens the write transaction, runs the change, then appends the events the change
 * queued, all in one transaction. If the append fails the change rolls back; if the change fails
 * nothing is appended. There is deliberately no switch that skips the append.
 *
 * Appends serialise on the log's lock until commit, so one transaction per mutation would cap
 * throughput at one commit (one fsync) at a time. Units that arrive while a transaction is in
 * flight are therefore run one after another inside the next shared transaction (group commit),
 * each seeing the ones before it, as if serial. If a shared transaction fails, each of its units
 * is retried alone, so one bad unit never fails the others. Work with its own timeout (bulk
 * ingest) always runs alone.
 */
export class AuditedWriter {
  private queue: Pending[] = [];
  private inFlight = 0;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly clock: () => Date;
  /**
   * Where this writer expects the log to end: a guess that saves a round trip, never trusted.
   * The append statement checks it under the log's lock, and a wrong guess (another writer or
   * process appended, or a transaction rolled back) costs one more statement, not correctness.
   */
  private expectedSize: number | null = null;

  constructor(
    private readonly graph: GraphExecutor,
    options: AuditedWriterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 16;
    this.maxInFlight = options.maxInFlight ?? 8;
    this.clock = options.clock ?? (() => new Date());
  }

  write<T>(operation: string, work: Work<T>, timeoutMs?: number): Promise<T> {
    if (timeoutMs !== undefined) return this.alone(operation, work, timeoutMs);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ operation, work, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    if (batch.length === 1) {
      const [p] = batch;
      return this.alone(p.operation, p.work).then(p.resolve, p.reject);
    }
    const operation = `batch(${[...new Set(batch.map((p) => p.operation))].join(',')})`.slice(0, 200);
    let results: unknown[];
    try {
      results = await this.graph.write(operation, async (tx) => {
        const drafts: AuditDraft[] = [];
        const values: unknown[] = [];
        for (const p of batch) values.push(await p.work(this.collecting(tx, drafts)));
        if (drafts.length > 0) await this.append(tx, drafts);
        return values;
      });
    } catch {
      await Promise.all(batch.map((p) => this.alone(p.operation, p.work).then(p.resolve, p.reject)));
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]));
  }

  private alone<T>(operation: string, work: Work<T>, timeoutMs?: number): Promise<T> {
    return this.graph.write(
      operation,
      async (tx) => {
        // Declared per attempt: the driver may retry the whole unit after a transient failure.
        const drafts: AuditDraft[] = [];
        const value = await work(this.collecting(tx, drafts));
        if (drafts.length > 0) await this.append(tx, drafts);
        return value;
      },
      timeoutMs,
    );
  }

  private collecting(tx: Tx, drafts: AuditDraft[]): AuditTx {
    return {
      run: (cypher, params) => tx.run(cypher, params),
      audit: (draft) => {
        checkDraft(draft);
        drafts.push(draft);
      },
    };
  }

  private async append(tx: Tx, drafts: readonly AuditDraft[]): Promise<void> {
    const guess = this.expectedSize ?? 0;
    this.expectedSize = guess + drafts.length;
    const guessedAt = this.clock().toISOString();
    const first = await appendAt(tx, guess, guessedAt, eventRows(drafts, guess, guessedAt));
    if (first.ok) return;
    // The log's lock is held from the first statement on, so this second one cannot miss. The
    // time is taken now, after the lock, and never before the log's last time.
    const now = this.clock().toISOString();
    const at = first.lastAt !== null && first.lastAt > now ? first.lastAt : now;
    this.expectedSize = first.size + drafts.length;
    const second = await appendAt(tx, first.size, at, eventRows(drafts, first.size, at));
    if (!second.ok) throw new Error(`audit log moved while its lock was held (expected ${first.size}, found ${second.size})`);
  }
}

/** The stored form of each draft at its place in the log, with its hashes. */
function eventRows(drafts: readonly AuditDraft[], base: number, at: string): Row[] {
  return drafts.map((d, i) => {
    const event: AuditEventData = {
      seq: base + i,
      at,
      actorId: d.actor.id,
      actorRole: d.actor.role,
      actorName: d.actor.name,
      action: d.action,
      entityType: d.entityType,
      entityId: d.entityId,
      entityVersion: d.entityVersion ?? null,
      oldValue: d.oldValue ?? null,
      newValue: d.newValue ?? null,
      reason: d.reason?.trim() || null,
      category: categoryOf(d.kind),
    };
    return eventProps(event, eventHash(event), eventLeafHash(event).toString('hex'));
  });
}
