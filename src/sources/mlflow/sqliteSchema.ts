import fs from 'node:fs';
import Database from 'better-sqlite3';
import { StoreReadError } from '../../domain/errors';

const REQUIRED_TABLES = ['experiments', 'runs', 'params', 'tags', 'metrics'];
/** How long a read waits for a lock another process holds on the store. */
const BUSY_TIMEOUT_MS = 30_000;

export type SqlRow = Record<string, unknown>;

/** Empty text reads as unset, the same as NULL or a column this schema revision lacks. */
export const sqlStr = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
export const sqlNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Rows of (owner, key, value) grouped into one key/value map per owner, as MLflow's tag and param tables store them. */
export function keyValuesByOwner(rows: unknown[][]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const r of rows) {
    const m = out.get(String(r[0])) ?? {};
    m[String(r[1])] = String(r[2] ?? '');
    out.set(String(r[0]), m);
  }
  return out;
}

/**
 * An MLflow SQLite store opened read-only, with the tables and columns its schema revision has.
 * MLflow's schema changed many times (2019 stores have no latest_metrics, datasets or registry
 * tables; 3.x adds logged models and workspace columns), so readers ask here rather than
 * assume one alembic revision.
 */
export class SqliteSchema {
  private readonly columns = new Map<string, Set<string>>();

  private constructor(
    readonly db: Database.Database,
    private readonly tables: Set<string>,
  ) {}

  /**
   * Throws BAD_USER_INPUT naming the file when it is missing, not a regular file, or not an
   * MLflow store. A file that is no database and a database of someone else's tables get the
   * same message, so the answer tells nothing about a file that is not a store; what was found
   * goes to the server log only.
   */
  static open(file: string): SqliteSchema {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      throw new StoreReadError('uri', `SQLite file "${file}" does not exist`);
    }
    // Opening a FIFO would wait for a writer; a device or socket is no database either.
    if (!st.isFile()) throw new StoreReadError('uri', `"${file}" is not an MLflow SQLite store`, 'not a regular file');
    let db: Database.Database;
    let tables: Set<string>;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
      tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as SqlRow[]).map((r) => String(r.name)));
    } catch (err) {
      throw new StoreReadError('uri', `"${file}" is not an MLflow SQLite store`, `not readable as SQLite: ${(err as Error).message}`);
    }
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) {
      db.close();
      throw new StoreReadError('uri', `"${file}" is not an MLflow SQLite store`, `missing tables ${missing.join(', ')}; found ${[...tables].sort().join(', ')}`);
    }
    return new SqliteSchema(db, tables);
  }

  hasTable(table: string): boolean {
    return this.tables.has(table);
  }

  /** The columns of a table (none when the table is absent), read once per table. */
  cols(table: string): Set<string> {
    let c = this.columns.get(table);
    if (!c) {
      c = new Set(this.tables.has(table) ? (this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as SqlRow[]).map((r) => String(r.name)) : []);
      this.columns.set(table, c);
    }
    return c;
  }

  /** A column expression, or NULL when this schema revision lacks the column. */
  col(table: string, column: string, alias = column): string {
    return this.cols(table).has(column) ? `"${column}" AS "${alias}"` : `NULL AS "${alias}"`;
  }

  close(): void {
    this.db.close();
  }
}
