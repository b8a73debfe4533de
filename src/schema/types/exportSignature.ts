import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('ExportSignature', {
  description:
    'The signature of a compliance package: an Ed25519 C2SP signed note, by the audit signing key, over a statement naming the SHA-256 of the package\'s MANIFEST.sha256 (which lists every other file\'s SHA-256). Stored as MANIFEST.sha256.sig; docs/export.md says how to check it.',
})
export class ExportSignatureType {
  @Field({ description: 'Signature algorithm: always `Ed25519`, as for checkpoints.' })
  algorithm!: string;

  @Field({ description: 'Id of the signing key (`<name>+<hash>`), one of `auditSigningKeys`.' })
  keyId!: string;

  @Field({ description: 'The audit log whose key signed (the checkpoint origin).' })
  origin!: string;

  @Field({ description: 'The signed SHA-256 of MANIFEST.sha256, lowercase hex.' })
  manifestSha256!: string;

  @Field(() => [ID], { description: 'Typed ids of the package\'s subjects, sorted by id, each once.' })
  subjectIds!: string[];

  @Field({ description: 'When the server signed (UTC ISO-8601 with milliseconds).' })
  signedAt!: string;

  @Field({ description: 'Account id of the caller who had the package signed.' })
  signedBy!: string;

  @Field({ description: 'The signed note exactly as signed: the package statement, a blank line, the signature line. Verify it with the public key.' })
  note!: string;
}
