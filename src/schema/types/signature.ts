import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '../../domain/role';
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
}
