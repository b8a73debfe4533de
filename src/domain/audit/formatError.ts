/** A malformed or unverifiable key, note or checkpoint; the message says which part and why. */
export class AuditFormatError extends Error {
  override readonly name = 'AuditFormatError';
}
