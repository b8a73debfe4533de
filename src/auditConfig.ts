import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AuditKeyConfig } from './domain/audit/keyConfig';

/**
 * Audit checkpoint signing (part of `config.ts`). The private key comes from a file or the
 * environment, never from the database, so whoever can write the database cannot forge a
 * checkpoint. There is no setting that turns auditing itself off.
 */
export const AUDIT_ENV = {
  /** The log's name in every checkpoint (C2SP origin): a schema-less URL-like string unique to this deployment. */
  PVL_AUDIT_ORIGIN: z.string().regex(/^[\x21-\x7e]{1,200}$/, 'must be 1-200 printable ASCII characters without spaces').default('pv-lineage.local/audit'),
  /** Signer key in Go note format: PRIVATE+KEY+<name>+<hash>+<key>. Prefer the _FILE form. */
  PVL_AUDIT_SIGNING_KEY: z.string().optional(),
  PVL_AUDIT_SIGNING_KEY_FILE: z.string().optional(),
  /** Verifier keys of retired signing keys, one per line (<name>+<hash>+<key>). */
  PVL_AUDIT_VERIFIER_KEYS: z.string().optional(),
  PVL_AUDIT_VERIFIER_KEYS_FILE: z.string().optional(),
};

const AuditEnvSchema = z.object(AUDIT_ENV);
type AuditEnv = z.infer<typeof AuditEnvSchema>;

const lines = (text: string | undefined): string[] =>
  (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('#'));

function fromFile(path: string | undefined, name: string): string | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${name}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function auditConfig(e: AuditEnv): AuditKeyConfig {
  if (e.PVL_AUDIT_SIGNING_KEY && e.PVL_AUDIT_SIGNING_KEY_FILE) {
    throw new Error('PVL_AUDIT_SIGNING_KEY and PVL_AUDIT_SIGNING_KEY_FILE are both set; use one');
  }
  const signer = lines(e.PVL_AUDIT_SIGNING_KEY ?? fromFile(e.PVL_AUDIT_SIGNING_KEY_FILE, 'PVL_AUDIT_SIGNING_KEY_FILE'));
  if (signer.length > 1) throw new Error('PVL_AUDIT_SIGNING_KEY: exactly one signing key is active at a time');
  if (signer.length === 1 && !signer[0].startsWith('PRIVATE+KEY+')) {
    throw new Error('PVL_AUDIT_SIGNING_KEY: expected a note signer key (PRIVATE+KEY+<name>+<hash>+<key>)');
  }
  return {
    origin: e.PVL_AUDIT_ORIGIN,
    signerKey: signer[0] ?? null,
    retiredVerifierKeys: [...lines(e.PVL_AUDIT_VERIFIER_KEYS), ...lines(fromFile(e.PVL_AUDIT_VERIFIER_KEYS_FILE, 'PVL_AUDIT_VERIFIER_KEYS_FILE'))],
  };
}
