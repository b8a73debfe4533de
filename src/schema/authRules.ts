import { ROLES_FOR_MEANING, SIGNING_ROLES } from '../domain/identity/roleRules';
import { Role } from '../domain/role';
import { SignatureMeaning } from '../domain/signature';

/** Marker rule for the fields anonymous callers may use; not a role anyone holds. */
export const PUBLIC = 'PUBLIC';

/**
 * The role matrix in one place. Every Query and Mutation field names one of these rules with
 * type-graphql's `@Authorized(...rule)`; docs/security.md mirrors this table.
 */
export const AUTH = {
  /** Read lineage and records. */
  readLineage: [Role.VIEWER, Role.SCIENTIST, Role.PIPELINE, Role.REVIEWER, Role.QA],
  /** Open to requests without credentials: only `login` and `changePassword`, which check a password themselves. */
  public: [PUBLIC],
  /** Any signed-in account acting on itself (`me`, `logout`). */
  self: [Role.VIEWER, Role.SCIENTIST, Role.PIPELINE, Role.REVIEWER, Role.QA, Role.ADMIN],
  /** Manage users, roles and tokens, read security events. Not audit content, not signatures. */
  manageIdentity: [Role.ADMIN],
  /** Register and retire the tracking stores the API may ingest. */
  manageStores: [Role.ADMIN],
  /** Ingest from MLflow or OpenLineage: service accounts only. */
  ingest: [Role.PIPELINE],
  /** Register signal reports (report builders are pipelines). */
  registerReport: [Role.SCIENTIST, Role.PIPELINE],
  /** Revise a registered report: a new version with a reason. */
  reviseReport: [Role.SCIENTIST, Role.PIPELINE],
  /** Withdraw a report: a tombstone with a reason, decided by a person (REVIEWER and QA only sign and read). */
  withdrawReport: [Role.SCIENTIST],
  /** Record a detected signal (detection pipelines and scientists). */
  recordSignal: [Role.SCIENTIST, Role.PIPELINE],
  /** Move signals through validation, prioritisation and assessment. */
  transitionSignal: [Role.SCIENTIST],
  /** Sign a report AUTHORED; only the author of the version, and never a service account. */
  signAuthored: ROLES_FOR_MEANING[SignatureMeaning.AUTHORED],
  /** Sign a report REVIEWED; people only, never a service account. */
  signReviewed: ROLES_FOR_MEANING[SignatureMeaning.REVIEWED],
  /** Sign a report APPROVED. */
  signApproved: ROLES_FOR_MEANING[SignatureMeaning.APPROVED],
  /** Sign a report RESPONSIBLE: take responsibility for it as issued (e.g. the QPPV). */
  signResponsible: ROLES_FOR_MEANING[SignatureMeaning.RESPONSIBLE],
  /** `signReport` itself: anyone who may sign with some meaning; the meaning's own rule is checked next. */
  signReport: SIGNING_ROLES,
  /** Read the audit trail of the records one reviews. */
  readAuditTrail: [Role.REVIEWER, Role.QA],
  /** Read the full audit trail, checkpoints and proofs. */
  readFullAuditTrail: [Role.QA],
  /** Run compliance exports (auditor packages). */
  exportCompliance: [Role.QA],
} as const satisfies Record<string, readonly (Role | typeof PUBLIC)[]>;
