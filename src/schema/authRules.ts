import { Role } from '../domain/role';

/**
 * The role matrix in one place. Every Query and Mutation field names one of these rules with
 * type-graphql's `@Authorized(...rule)`; docs/security.md mirrors this table.
 */
export const AUTH = {
  /** Read lineage and records. */
  readLineage: [Role.VIEWER, Role.SCIENTIST, Role.PIPELINE, Role.REVIEWER, Role.QA],
} as const satisfies Record<string, readonly Role[]>;
