/**
 * Group commit: calls that arrive while a batch is being written wait for the next batch, so N
 * concurrent senders cost about one transaction (and one commit) per batch instead of N. There
 * is no timer: a call made while nothing is in flight is written at once, alone.
 * `write` answers per item; if a batch fails as a whole, each item is retried alone so one
 * bad item cannot fail the others.
 */
export class GroupCommit<T, R> {
  private pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly write: (items: readonly T[]) => Promise<R[]>,
    private readonly maxBatch = 64,
    /** Batches written at the same time; more than one keeps the database's own concurrency in play. */
    private readonly maxInFlight = 2,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(batch: GroupCommit<T, R>['pending']): Promise<void> {
    try {
      const results = await this.write(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i]));
    } catch (err) {
      if (batch.length === 1) return batch[0].reject(err);
      await Promise.all(
        batch.map(async (b) => {
          try {
            const [r] = await this.write([b.item]);
            b.resolve(r);
          } catch (e) {
            b.reject(e);
          }
        }),
      );
    }
  }
}
