/** The tree of an MLflow `search_runs` filter: a conjunction of comparisons. */

export type NumericComparator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type StringComparator = '=' | '!=' | 'LIKE' | 'ILIKE';
export type ListComparator = 'IN' | 'NOT IN';
export type PresenceComparator = 'IS NULL' | 'IS NOT NULL';
export type Comparator = NumericComparator | StringComparator | ListComparator | PresenceComparator;

/** Run attributes compared as strings, by MLflow's names. */
export type StringAttribute = 'run_id' | 'run_name' | 'status' | 'user_id' | 'artifact_uri';
/** Run attributes compared as epoch milliseconds. */
export type TimeAttribute = 'start_time' | 'end_time';

export type RunSearchCondition =
  | { readonly kind: 'metric'; readonly key: string; readonly op: NumericComparator; readonly value: number }
  | { readonly kind: 'param' | 'tag'; readonly key: string; readonly op: StringComparator; readonly value: string }
  | { readonly kind: 'param' | 'tag'; readonly key: string; readonly op: PresenceComparator }
  | { readonly kind: 'string-attribute'; readonly key: StringAttribute; readonly op: StringComparator; readonly value: string }
  | { readonly kind: 'string-attribute'; readonly key: 'run_id'; readonly op: ListComparator; readonly values: readonly string[] }
  | { readonly kind: 'time-attribute'; readonly key: TimeAttribute; readonly op: NumericComparator; readonly value: number };

/** What an order-by term sorts on. */
export type RunSortKey =
  | { readonly kind: 'metric' | 'param' | 'tag'; readonly key: string }
  | { readonly kind: 'string-attribute'; readonly key: StringAttribute }
  | { readonly kind: 'time-attribute'; readonly key: TimeAttribute };

export type RunSortTerm = RunSortKey & { readonly ascending: boolean };
