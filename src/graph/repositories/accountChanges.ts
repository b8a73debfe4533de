import { type FieldView, diffFieldViews } from '../../domain/auditFieldDiff';
import type { Row, Tx } from '../executor';

/** An account's stored properties, read on both sides of a change for its security event. */
export const ACCOUNT_STATE = 'MATCH (u:User {id: $id}) RETURN properties(u) AS props';

/** Never copied into the log: a password hash is a secret; the event's action says it changed. `_lock` is a lock marker, never kept. */
const NOT_LOGGED = new Set(['passwordHash', '_lock']);

export interface AccountChanges {
  readonly oldValue: Record<string, unknown>;
  readonly newValue: Record<string, unknown>;
}

export const NO_CHANGES: AccountChanges = { oldValue: {}, newValue: {} };

export async function accountState(tx: Tx, id: string): Promise<Row | null> {
  const [row] = await tx.run(ACCOUNT_STATE, { id });
  return row ? (row.props as Row) : null;
}

/** Each property of the account that differs, old → new, under its stored name; secrets left out. */
export function accountChanges(before: Row | null, after: Row | null): AccountChanges {
  const view = (r: Row | null): FieldView => Object.fromEntries(Object.entries(r ?? {}).filter(([k]) => !NOT_LOGGED.has(k))) as FieldView;
  const diff = diffFieldViews(view(before), view(after));
  return { oldValue: diff.oldValue, newValue: diff.newValue };
}
