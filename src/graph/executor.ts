import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { UnavailableError } from '../domain/errors';
import { toPlain } from './convert';
import { translateDriverError } from './errors';
import type { Neo4jSettings } from './settings';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** What a unit of work sees: plain rows in, plain rows out. */
export interface Tx {
  run(cypher: string, params?: Params): Promise<Row[]>;
}

export interface StatementEvent {
  readonly operation: string;
  readonly cypher: string;
  readonly ms: number;
  readonly ok: boolean;
}

export interface ExecutorOptions {
  readonly database: string;
  readonly txTimeoutMs: number;
  /** What the driver was built from, so a worker thread can open its own driver to the same database. */
  readonly settings?: Neo4jSettings;
}

/**
 * The only module that opens driver sessions (the neo4j/graphql pattern). Every transaction is
 * a managed `executeRead`/`executeWrite`, so the driver retries transient failures, and carries
 * the operation name in its metadata so `SHOW TRANSACTIONS` and query.log say who is asking.
 */
export class GraphExecutor {
  private readonly listeners = new Set<(e: StatementEvent) => void>();

  constructor(
    private readonly driver: Driver,
    private readonly options: ExecutorOptions,
  ) {}

  /** The settings this executor's driver was built from, when it was built by `createExecutor`. */
  get settings(): Neo4jSettings | null {
    return this.options.settings ?? null;
  }

  /** Subscribes to every statement run (metrics, query counting in tests). Returns an unsubscribe. */
  onStatement(listener: (e: StatementEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  read<T>(operation: string, work: (tx: Tx) => Promise<T>, timeoutMs?: number): Promise<T> {
    return this.execute('READ', operation, work, timeoutMs);
  }

  write<T>(operation: string, work: (tx: Tx) => Promise<T>, timeoutMs?: number): Promise<T> {
    return this.execute('WRITE', operation, work, timeoutMs);
  }

  /** One statement in its own read transaction. */
  query(operation: string, cypher: string, params: Params = {}): Promise<Row[]> {
    return this.read(operation, (tx) => tx.run(cypher, params));
  }

  /**
   * One statement in an implicit (auto-commit) transaction. Only for statements Neo4j refuses
   * inside explicit transactions, such as `CALL { ... } IN TRANSACTIONS` bulk work; they are
   * not retried, so they must be idempotent.
   */
  async autoCommit(operation: string, cypher: string, params: Params = {}): Promise<Row[]> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
    const started = performance.now();
    let ok = false;
    try {
      const result = await session.run(cypher, params, { metadata: { app: 'pv-lineage', operation } });
      ok = true;
      return result.records.map((r) => toPlain(r.toObject()) as Row);
    } catch (err) {
      throw translateDriverError(err);
    } finally {
      this.emit({ operation, cypher, ms: performance.now() - started, ok });
      await session.close();
    }
  }

  /** Resolves when the database answers a trivial query; rejects with SERVICE_UNAVAILABLE otherwise. */
  async ping(): Promise<void> {
    await this.query('ping', 'RETURN 1 AS ok');
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async execute<T>(
    mode: 'READ' | 'WRITE',
    operation: string,
    work: (tx: Tx) => Promise<T>,
    timeoutMs = this.options.txTimeoutMs,
  ): Promise<T> {
    let session: Session;
    try {
      session = this.driver.session({
        database: this.options.database,
        defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      });
    } catch {
      throw new UnavailableError();
    }
    const config = { timeout: timeoutMs, metadata: { app: 'pv-lineage', operation } };
    const unit = (mtx: ManagedTransaction) => work(this.wrap(mtx, operation));
    try {
      return await (mode === 'READ' ? session.executeRead(unit, config) : session.executeWrite(unit, config));
    } catch (err) {
      throw translateDriverError(err);
    } finally {
      await session.close();
    }
  }

  private emit(event: StatementEvent): void {
    for (const l of this.listeners) l(event);
  }

  private wrap(mtx: ManagedTransaction, operation: string): Tx {
    return {
      run: async (cypher, params = {}) => {
        const started = performance.now();
        let ok = false;
        try {
          const result = await mtx.run(cypher, params);
          ok = true;
          return result.records.map((r) => toPlain(r.toObject()) as Row);
        } finally {
          this.emit({ operation, cypher, ms: performance.now() - started, ok });
        }
      },
    };
  }
}
