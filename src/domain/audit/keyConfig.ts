/** The checkpoint signing key and every verifier key, from configuration only (never the database). */
export interface AuditKeyConfig {
  readonly origin: string;
  /** Go note-format private key (`PRIVATE+KEY+name+hash+data`); null when this replica cannot sign. */
  readonly signerKey: string | null;
  /** Verifier keys of retired signing keys (`name+hash+data`); the active key's is derived. */
  readonly retiredVerifierKeys: readonly string[];
}
