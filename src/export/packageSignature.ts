import { verifyPackageSignature } from '../verifier';
import { canonicalBytes } from './assemble';
import { FILES, type ManifestSignatureFile, SCHEMA_VERSION } from './format';
import type { GraphQLClient } from './graphqlClient';
import { sha256File } from './manifest';
import type { SigningKey } from './proofs';
import { SIGN_MANIFEST } from './queries';

/**
 * The package's signature: the exporter holds no key, so it sends the SHA-256 of
 * MANIFEST.sha256 to the API (`signExportManifest`, an audited event) and stores the signed note
 * it gets back as MANIFEST.sha256.sig. What the server returns is checked before it goes into a
 * package, as the checkpoint is: an export never hands an auditor a signature that does not verify.
 */
export class PackageSigningError extends Error {
  override readonly name = 'PackageSigningError';
}

/** The key the server signs packages with now: its active audit signing key. */
export function activeKey(keys: readonly SigningKey[]): SigningKey {
  const key = keys.find((k) => k.active);
  if (!key) throw new PackageSigningError('the server lists no active audit signing key (auditSigningKeys), so it cannot sign the package; no package was written');
  return key;
}

export async function signManifest(client: GraphQLClient, manifest: Buffer, subjectIds: readonly string[], key: SigningKey, origin: string): Promise<Buffer> {
  const manifestSha256 = sha256File(manifest);
  const { signExportManifest: s } = await client.request<{ signExportManifest: Omit<ManifestSignatureFile, 'schemaVersion'> }>(SIGN_MANIFEST, { manifestSha256, subjectIds });
  const opened = verifyPackageSignature(s.note, [key.verifierKey], origin);
  const refuse = (why: string): never => {
    throw new PackageSigningError(`the server's signature of ${FILES.manifest} ${why}; no package was written`);
  };
  if (!opened.ok) return refuse(`does not verify with its active key ${key.keyId}: ${opened.reason}`);
  if (opened.manifestSha256 !== manifestSha256) refuse(`is for SHA-256 ${opened.manifestSha256}, not ${manifestSha256}`);
  if (opened.subjectIds.join('\n') !== [...new Set(subjectIds)].sort().join('\n')) refuse(`names the subjects ${opened.subjectIds.join(', ')}, not the package's`);
  const file: ManifestSignatureFile = {
    schemaVersion: SCHEMA_VERSION,
    algorithm: 'Ed25519',
    keyId: key.keyId,
    origin: opened.origin,
    manifestSha256: opened.manifestSha256,
    subjectIds: [...opened.subjectIds],
    signedAt: opened.signedAt,
    signedBy: opened.signedBy,
    note: s.note,
  };
  return canonicalBytes(file);
}
