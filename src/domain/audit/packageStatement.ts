import { AuditFormatError } from './formatError';
import { hasSpace, isPlainText } from './text';

/**
 * What the audit signing key says about a compliance package: the text of the signed note in
 * MANIFEST.sha256.sig. The manifest holds every other file's SHA-256, so signing the manifest's
 * own SHA-256 signs the whole package.
 *
 * The same key signs checkpoints, so this text must never read as one: its first line has spaces,
 * which a checkpoint's origin line may not (checkpoint.ts), and a checkpoint has no other first line.
 *
 *   pv-lineage compliance package
 *   origin <log origin>
 *   manifest-sha256 <64 lowercase hex digits>
 *   signed-at <UTC ISO-8601 with milliseconds>
 *   signed-by <account id>
 *   subject <typed id>            (one line per subject, sorted, each once)
 */
export const PACKAGE_STATEMENT_TITLE = 'pv-lineage compliance package';

export interface PackageStatement {
  /** The audit log whose key signs: the checkpoint's origin. */
  readonly origin: string;
  /** SHA-256 (lowercase hex) of the bytes of MANIFEST.sha256. */
  readonly manifestSha256: string;
  readonly signedAt: string;
  /** The account that asked the server to sign (the exporting account). */
  readonly signedBy: string;
  /** Typed ids of the package's subjects, sorted. */
  readonly subjectIds: readonly string[];
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function formatPackageStatement(s: PackageStatement): string {
  check(s);
  return [
    PACKAGE_STATEMENT_TITLE,
    `origin ${s.origin}`,
    `manifest-sha256 ${s.manifestSha256}`,
    `signed-at ${s.signedAt}`,
    `signed-by ${s.signedBy}`,
    ...s.subjectIds.map((id) => `subject ${id}`),
    '',
  ].join('\n');
}

/** Strict: a statement has one spelling, so the signature covers every byte of its meaning. */
export function parsePackageStatement(text: string): PackageStatement {
  if (!text.endsWith('\n')) throw new AuditFormatError('package statement: the text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines[0] !== PACKAGE_STATEMENT_TITLE) throw new AuditFormatError(`package statement: the first line is not "${PACKAGE_STATEMENT_TITLE}"`);
  const field = (i: number, name: string): string => {
    const line = lines[i] ?? '';
    if (!line.startsWith(`${name} `)) throw new AuditFormatError(`package statement: line ${i + 1} is not "${name} <value>"`);
    return line.slice(name.length + 1);
  };
  const statement: PackageStatement = {
    origin: field(1, 'origin'),
    manifestSha256: field(2, 'manifest-sha256'),
    signedAt: field(3, 'signed-at'),
    signedBy: field(4, 'signed-by'),
    subjectIds: lines.slice(5).map((_l, i) => field(i + 5, 'subject')),
  };
  check(statement);
  return statement;
}

function check(s: PackageStatement): void {
  if (s.origin.length === 0 || hasSpace(s.origin) || !isPlainText(s.origin, false)) throw new AuditFormatError('package statement: the origin is empty or has spaces or control characters');
  if (!SHA256_HEX.test(s.manifestSha256)) throw new AuditFormatError('package statement: manifest-sha256 is not 64 lowercase hex digits');
  if (!ISO_UTC.test(s.signedAt) || Number.isNaN(Date.parse(s.signedAt))) throw new AuditFormatError('package statement: signed-at is not a UTC ISO-8601 time with milliseconds');
  if (s.signedBy.length === 0 || !isPlainText(s.signedBy, false)) throw new AuditFormatError('package statement: signed-by is empty or has control characters');
  if (s.subjectIds.length === 0) throw new AuditFormatError('package statement: it names no subject');
  for (const [i, id] of s.subjectIds.entries()) {
    if (id.length === 0 || !isPlainText(id, false)) throw new AuditFormatError(`package statement: subject ${i + 1} is empty or has control characters`);
    if (i > 0 && !(s.subjectIds[i - 1] < id)) throw new AuditFormatError('package statement: the subjects are not sorted, each once');
  }
}
