import type { Migration } from './migration';
import { v0001 } from './v0001_constraints';
import { v0002 } from './v0002_filter_indexes';

/** Every migration, in version order. Append only: an applied migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [v0001, v0002];
export type { Migration };
