import { verifyNote } from '../domain/audit/note';
import { type PackageStatement, parsePackageStatement } from '../domain/audit/packageStatement';
import { fail, guarded, type Verdict } from './verdict';

export interface VerifiedPackageSignature extends PackageStatement {
  /** Ids (`name+hash`) of the known keys that signed it. */
  readonly keyIds: string[];
}

/**
 * Opens the signed note over a package's manifest with the auditor's verifier keys (the
 * checkpoint keys: one key signs both) and checks it is a package statement for the expected
 * log. The caller compares the stated manifest hash with the manifest it holds.
 */
export function verifyPackageSignature(note: string, verifierKeys: readonly string[], expectedOrigin: string): Verdict<VerifiedPackageSignature> {
  return guarded('package', () => {
    const { text, keyIds } = verifyNote(note, verifierKeys);
    const statement = parsePackageStatement(text);
    if (statement.origin !== expectedOrigin) return fail('package', `the package was signed by the key of log "${statement.origin}", not "${expectedOrigin}"`);
    return { ok: true, ...statement, keyIds };
  });
}
