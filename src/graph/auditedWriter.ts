import type { Logger } from 'pino';
import type { AuditDraft } from '../domain/audit/draft';
import { checkDraft } from '../domain/audit/draft';
import { eventRows } from './auditEventRows';
import type { GraphExecutor, Tx } from './executor';
import { appendAt } from './repositories/auditRepository';

/** A write transaction that also collects the audit events describing its change. */
export interface AuditTx extends Tx {
  /** Queues one audit event; it is appended, with its sequence number and hashes, before the commit. */
  audit(draft: AuditDraft): void;
}

type Work<T> = (tx: AuditTx) => Promise<T>;

/**
 * Units of one kind whose items can share one call inside a shared transaction (e.g. one UNWIND
 * statement for many events), so a batch costs one round trip for them instead of one each.
 */
export interface Lane<I, R> {
  readonly operation: string;
  /** Applies the items in order, answering one result per item. */
  run(tx: AuditTx, items: readonly I[]): Promise<R[]>;
  /** Items in one call at most. */
  readonly maxBatch: number;
  /**
   * Transactions holding this lane's items at once. Units that contend on the same nodes gain
   * little from overlapping: one lane in flight lets the next batch gather while it commits.
   */
  readonly maxInFlight: number;
}

interface Pending {
  readonly lane: Lane<unknown, unknown>;
  readonly item: unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
}

/** One lane's units in a shared transaction. */
interface Group {
  readonly lane: Lane<unknown, unknown>;
  readonly units: Pending[];
}

export interface AuditedWriterOptions {
  /** Calls (a plain unit, or one lane's items) combined into one transaction at most. */
  readonly maxBatch?: number;
  /** Transactions in flight at once: their work overlaps; only their appends and commits queue on the log lock. */
  readonly maxInFlight?: number;
  readonly clock?: () => Date;
  /** Where a failed shared transaction's reason goes: its units' own retries answer the callers. */
  readonly log?: Pick<Logger, 'warn'>;
}

/** A plain unit is a lane of its own, so it never shares a call with another. */
const soloLane = <T>(operation: string, work: Work<T>): Lane<undefined, T> => ({
  operation,
  maxBatch: 1,
  maxInFlight: Infinity,
  run: async (tx) => [await work(tx)],
});

/**
 * THE write path. Every mutation, every ingest batch and every security event goes through
 * `write`: it opens the write transaction, runs the change, then appends the events the change
 * queued, all in one transaction. If the append fails the change rolls back; if the change fails
 * nothing is appended. There is deliberately no switch that skips the append.
 *
 * Appends serialise on the log's lock until commit, so one transaction per mutation would cap
 * throughput at one commit (one fsync) at a time. Units that arrive while a transaction is in
 * flight are therefore run one after another inside the next shared transaction (group commit),
 * each seeing the ones before it, as if serial; a lane's items there share one call (`submit`).
 * If a shared transaction fails, its reason is logged and each of its units is retried alone,
 * so one bad unit never fails the others. Work with its own timeout (bulk ingest) always runs alone.
 */
export class AuditedWriter {
  private queue: Pending[] = [];
  private inFlight = 0;
  private readonly laneInFlight = new Map<Lane<unknown, unknown>, number>();
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly clock: () => Date;
  private readonly log: Pick<Logger, 'warn'> | null;
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
    this.log = options.log ?? null;
  }

  write<T>(operation: string, work: Work<T>, timeoutMs?: number): Promise<T> {
    if (timeoutMs !== undefined) return this.alone(operation, work, timeoutMs);
    return this.submit(soloLane(operation, work), undefined);
  }

  /** Writes one item of `lane`; items queued together share the lane's call in one transaction. */
  submit<I, R>(lane: Lane<I, R>, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ lane: lane as Lane<unknown, unknown>, item, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight) {
      const groups = this.take();
      if (groups.length === 0) return;
      this.inFlight++;
      for (const g of groups) this.laneInFlight.set(g.lane, (this.laneInFlight.get(g.lane) ?? 0) + 1);
      void this.flush(groups).finally(() => {
        this.inFlight--;
        for (const g of groups) {
          const left = (this.laneInFlight.get(g.lane) ?? 1) - 1;
          if (left === 0) this.laneInFlight.delete(g.lane);
          else this.laneInFlight.set(g.lane, left);
        }
        this.pump();
      });
    }
  }

  /** The next transaction's groups, in arrival order; units whose lane is at its limit wait. */
  private take(): Group[] {
    const groups: Group[] = [];
    const byLane = new Map<Lane<unknown, unknown>, Group>();
    const waiting: Pending[] = [];
    for (const p of this.queue) {
      const group = byLane.get(p.lane);
      if (group && group.units.length < p.lane.maxBatch) {
        group.units.push(p);
      } else if (!group && groups.length < this.maxBatch && (this.laneInFlight.get(p.lane) ?? 0) < p.lane.maxInFlight) {
        const fresh = { lane: p.lane, units: [p] };
        groups.push(fresh);
        byLane.set(p.lane, fresh);
      } else {
        waiting.push(p);
      }
    }
    this.queue = waiting;
    return groups;
  }

  private async flush(groups: readonly Group[]): Promise<void> {
    const units = groups.flatMap((g) => g.units);
    if (units.length === 1) return this.runAlone(units[0]);
    const operation = `batch(${[...new Set(groups.map((g) => g.lane.operation))].join(',')})`.slice(0, 200);
    let results: unknown[][];
    try {
      results = await this.graph.write(operation, async (tx) => {
        const drafts: AuditDraft[] = [];
        const answers: unknown[][] = [];
        for (const g of groups) answers.push(await g.lane.run(this.collecting(tx, drafts), g.units.map((u) => u.item)));
        if (drafts.length > 0) await this.append(tx, drafts);
        return answers;
      });
    } catch (err) {
      this.log?.warn({ err, operation, units: units.length }, 'shared write transaction failed; retrying each of its units alone');
      await Promise.all(units.map((u) => this.runAlone(u)));
      return;
    }
    groups.forEach((g, i) => g.units.forEach((u, j) => u.resolve(results[i][j])));
  }

  private runAlone(u: Pending): Promise<void> {
    return this.alone(u.lane.operation, async (tx) => (await u.lane.run(tx, [u.item]))[0]).then(u.resolve, u.reject);
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
