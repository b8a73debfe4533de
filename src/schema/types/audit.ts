import { GraphQLJSON } from '../scalars/json';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('AuditActor', { description: 'Who did it: the unique account id, the role the action was authorised under, and the printed name at the time.' })
export class AuditActorType {
  @Field({ description: 'Unique account id (never reused), or `system:<job>` for work the server does itself.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The role that authorised the action; null for system work and security events before sign-in.' })
  role!: string | null;

  @Field({ description: 'Printed name of the account when the action happened.' })
  name!: string;
}

@ObjectType('AuditFieldChange', { description: 'One top-level field that an audited change altered, old → new, as JSON text.' })
export class AuditFieldChangeType {
  @Field({ description: 'Field name.' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'Value before the change (JSON text for non-strings); null when it did not exist.' })
  oldValue!: string | null;

  @Field(() => String, { nullable: true, description: 'Value after the change; null when it was removed.' })
  newValue!: string | null;
}

@ObjectType('AuditEntry', { description: 'One event of the append-only audit log, readable by a person: who, what, when, why, old → new.' })
export class AuditEntryType {
  @Field(() => Int, { description: 'Position in the log: gap-free, starting at 0; the Merkle leaf index.' })
  seq!: number;

  @Field({ description: 'Server time of the change, UTC ISO-8601 with milliseconds. Client-supplied times are never used.' })
  at!: string;

  @Field(() => AuditActorType, { description: 'Who made the change.' })
  actor!: AuditActorType;

  @Field({ description: 'What happened, e.g. `REPORT_REGISTERED`, `RUN_UPDATED`, `SIGNATURE_FAILED`.' })
  action!: string;

  @Field({ description: '`CHANGE` for record changes, `SECURITY` for sign-ins, failed signatures and permission changes.' })
  category!: string;

  @Field({ description: 'Type of the record changed, e.g. `Report`, `Run`, `User`.' })
  entityType!: string;

  @Field({ description: 'Id of the record changed (a typed node id for lineage records, the user id for accounts).' })
  entityId!: string;

  @Field(() => String, { nullable: true, description: 'Version of the record the change produced, where the record is versioned.' })
  entityVersion!: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The record (or the changed fields) before the change; null for a creation.' })
  oldValue!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The record (or the changed fields) after the change.' })
  newValue!: unknown;

  @Field(() => [AuditFieldChangeType], { description: 'Top-level fields that differ between old and new value, by field name.' })
  changes!: AuditFieldChangeType[];

  @Field(() => String, { nullable: true, description: 'Why: mandatory for updates, state changes and tombstones.' })
  reason!: string | null;

  @Field({ description: 'One line for people: time, who, what, why.' })
  summary!: string;

  @Field({ description: 'SHA-256 (hex) of the RFC 8785 canonical JSON of this event.' })
  hash!: string;
}

@ObjectType('AuditCheckpoint', {
  description: 'A signed tree head of the audit log: C2SP tlog-checkpoint body (origin, tree size, root hash) signed as an Ed25519 signed note.',
})
export class AuditCheckpointType {
  @Field({ description: 'The log name (C2SP origin line).' })
  origin!: string;

  @Field(() => Int, { description: 'Number of events the checkpoint covers (events 0 to treeSize-1).' })
  treeSize!: number;

  @Field({ description: 'RFC 9162 Merkle tree hash of those events, base64.' })
  rootHash!: string;

  @Field({ description: 'Id of the signing key (`<name>+<hash>`); see `auditSigningKeys`.' })
  keyId!: string;

  @Field({ description: 'When the checkpoint was issued (UTC).' })
  issuedAt!: string;

  @Field({ description: 'The signed note exactly as signed: checkpoint body, blank line, signature line. Verify it offline with the public key.' })
  note!: string;
}

@ObjectType('AuditSigningKey', { description: 'A checkpoint signing key. Retired keys stay listed so old checkpoints keep verifying.' })
export class AuditSigningKeyType {
  @Field({ description: 'Key id: `<name>+<first 4 bytes of the key hash, hex>`.' })
  keyId!: string;

  @Field({ description: 'Verifier key in signed-note format (`<name>+<hash>+<base64 key>`).' })
  verifierKey!: string;

  @Field({ description: 'Ed25519 public key as SPKI PEM.' })
  publicKeyPem!: string;

  @Field({ description: 'True for the key that signs new checkpoints.' })
  active!: boolean;
}

@ObjectType('AuditInclusionProof', { description: 'RFC 9162 inclusion proof: the event at `seq` is leaf `seq` of the tree of size `treeSize`.' })
export class AuditInclusionProofType {
  @Field(() => Int, { description: 'Sequence number (leaf index) of the event.' })
  seq!: number;

  @Field(() => Int, { description: 'Size of the tree the proof is for.' })
  treeSize!: number;

  @Field({ description: 'Leaf hash, base64: SHA-256(0x00 ‖ canonical event JSON).' })
  leafHash!: string;

  @Field(() => [String], { description: 'Audit path from the leaf to the root, base64, in RFC 9162 order.' })
  proof!: string[];

  @Field({ description: 'Root hash of the tree of size `treeSize`, base64.' })
  rootHash!: string;
}

@ObjectType('AuditConsistencyProof', { description: 'RFC 9162 consistency proof: the tree of size `fromSize` is a prefix of the tree of size `toSize`.' })
export class AuditConsistencyProofType {
  @Field(() => Int, { description: 'Size of the older tree.' })
  fromSize!: number;

  @Field(() => Int, { description: 'Size of the newer tree.' })
  toSize!: number;

  @Field({ description: 'Root hash of the older tree, base64.' })
  fromRoot!: string;

  @Field({ description: 'Root hash of the newer tree, base64.' })
  toRoot!: string;

  @Field(() => [String], { description: 'Proof nodes, base64, in RFC 9162 order.' })
  proof!: string[];
}

@ObjectType('AuditVerification', { description: 'Result of recomputing the whole audit log against a signed checkpoint.' })
export class AuditVerificationType {
  @Field({ description: 'True when every event hash, the sequence, the times and the Merkle root all verify.' })
  ok!: boolean;

  @Field(() => Int, { description: 'Tree size of the checkpoint verified against.' })
  treeSize!: number;

  @Field(() => Int, { description: 'Number of events the log holds now.' })
  logSize!: number;

  @Field(() => Int, { description: 'Events checked before the verdict.' })
  checkedEvents!: number;

  @Field(() => Int, { nullable: true, description: 'The first bad event (missing, altered, out of order), when one can be named.' })
  firstBadSeq!: number | null;

  @Field(() => String, { nullable: true, description: 'What failed, in words; null when everything verified.' })
  problem!: string | null;

  @Field(() => Int, { description: 'Time the verification took, in milliseconds.' })
  durationMs!: number;
}
