import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '../../domain/role';
import { ProvenanceChangeKind } from '../../domain/provenanceDiff';
import { SignatureMeaning } from '../../domain/signature';
import './identityEnums';

registerEnumType(SignatureMeaning, {
  name: 'SignatureMeaning',
  description: 'What an electronic signature means (21 CFR Part 11 §11.50).',
  valuesConfig: {
    AUTHORED: { description: 'The author vouches for the version they registered; only that author may sign it so.' },
    REVIEWED: { description: 'Reviewed by a person other than the author (REVIEWER).' },
    APPROVED: { description: 'Approved for release (QA), after a REVIEWED signature on the same version, by someone who is neither the author nor a reviewer.' },
    RESPONSIBLE: { description: 'The signer takes responsibility for the version as issued, e.g. the QPPV (QA).' },
  },
});

@ObjectType('Signature', { description: 'An electronic signature on one version of a report, linked to it by the SHA-256 of that version\'s canonical form.' })
export class SignatureType {
  @Field(() => ID, { description: 'Signature id (`sig_…`).' })
  id!: string;

  @Field(() => ID, { description: 'Typed id of the signed report.' })
  reportId!: string;

  @Field(() => Int, { description: 'The version signed.' })
  version!: number;

  @Field(() => SignatureMeaning, { description: 'What the signature means.' })
  meaning!: SignatureMeaning;

  @Field({ description: "The signer's account id (never reused)." })
  userId!: string;

  @Field(() => Role, { nullable: true, description: 'The role the signer signed in, one the meaning needs; recorded at signing and re-checked by `verifySignatures`. Null on signatures made before roles were recorded.' })
  signerRole!: Role | null;

  @Field({ description: "The signer's printed name when they signed." })
  printedName!: string;

  @Field(() => GraphQLDateTime, { description: 'When it was signed (server time, UTC, milliseconds).' })
  signedAt!: string;

  @Field({ description: 'SHA-256 of the canonical form of the exact version signed (`ReportVersion.recordHash` at signing).' })
  recordHash!: string;

  @Field({ description: 'Why the signer signed, in their words.' })
  reason!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "SHA-256 (hex) of the RFC 8785 canonical JSON of the signed version's upstream provenance at signing: runs, code commits, dataset snapshots read, model versions, links and other upstream nodes (docs/audit.md, \"Provenance digest\"). Null on signatures made before provenance was frozen.",
  })
  provenanceDigest!: string | null;
}

registerEnumType(ProvenanceChangeKind, {
  name: 'ProvenanceChangeKind',
  description: 'How an entry of the upstream provenance differs from what was signed.',
  valuesConfig: {
    ADDED: { description: 'Upstream now, not when signed.' },
    REMOVED: { description: 'Upstream when signed, no longer.' },
    CHANGED: { description: 'Upstream both times, with a field that differs.' },
  },
});

@ObjectType('ProvenanceChange', { description: 'One difference between the upstream provenance a signature froze and the provenance now.' })
export class ProvenanceChangeType {
  @Field(() => ProvenanceChangeKind, { description: 'Added, removed or changed.' })
  kind!: ProvenanceChangeKind;

  @Field({ description: 'The manifest section: `runs`, `codeCommits`, `datasetInputs`, `modelVersions`, `links`, `nodes`, or `manifest` for the bounds of the walk.' })
  section!: string;

  @Field({ description: 'The entry: a node id, or an edge as `from -TYPE-> to`.' })
  entity!: string;

  @Field(() => String, { nullable: true, description: 'The field that differs; null for an entry added or removed.' })
  field!: string | null;

  @Field(() => String, { nullable: true, description: 'The value when signed (the entry as JSON when it was removed); null when there was none.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The value now (the entry as JSON when it was added); null when there is none.' })
  after!: string | null;

  @Field({ description: 'The difference in one line, for people.' })
  summary!: string;
}

@ObjectType('SignatureVerification', { description: 'A signature re-checked against the version it is linked to, by recomputing that version\'s hash.' })
export class SignatureVerificationType {
  @Field(() => SignatureType, { description: 'The signature checked.' })
  signature!: SignatureType;

  @Field({ description: 'Whether the signature holds for the record and version it names.' })
  valid!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it does not hold; null when it does.' })
  reason!: string | null;

  @Field({ description: "True when the signature holds and is on the report's latest version (a later revision leaves the new version unsigned)." })
  coversLatest!: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether the signed version's upstream provenance differs now from what the signature froze ('upstream changed since signing'); the signature stays valid, since the record signed is unchanged. Null when there is nothing to compare: a signature made before provenance was frozen, or one that does not hold.",
  })
  upstreamChanged!: boolean | null;

  @Field(() => [ProvenanceChangeType], { description: 'What changed upstream since signing, by section (runs, codeCommits, datasetInputs, modelVersions, links, nodes), then entity, then field; empty unless upstreamChanged.' })
  upstreamChanges!: ProvenanceChangeType[];
}
