/** A schema change, applied once and recorded; its statements must be idempotent (`IF NOT EXISTS`). */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: readonly string[];
}
