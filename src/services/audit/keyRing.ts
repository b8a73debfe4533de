import { BadInputError, DomainError } from '../../domain/errors';
import type { AuditKeyConfig } from '../../domain/audit/keyConfig';
import { keyIdOf, verifierKeyFor, verifyNote } from '../../domain/audit/note';

export interface VerifierKeyInfo {
  readonly keyId: string;
  readonly verifierKey: string;
  readonly active: boolean;
}

export class SigningUnavailableError extends DomainError {
  constructor() {
    super('SERVICE_UNAVAILABLE', 'No audit signing key is configured on this server (PVL_AUDIT_SIGNING_KEY_FILE)');
  }
}

/**
 * Keys carry an id (`<name>+<hash>`) and rotate by configuration: the new key signs, the old
 * one's verifier key moves to the retired list, so checkpoints signed years ago still verify.
 */
export class KeyRing {
  readonly keys: readonly VerifierKeyInfo[];

  constructor(readonly config: AuditKeyConfig) {
    const active = config.signerKey ? verifierKeyFor(config.signerKey) : null;
    const retired = config.retiredVerifierKeys.filter((k) => k !== active);
    this.keys = [
      ...(active ? [{ keyId: keyIdOf(active), verifierKey: active, active: true }] : []),
      ...retired.map((k) => ({ keyId: keyIdOf(k), verifierKey: k, active: false })),
    ];
  }

  get origin(): string {
    return this.config.origin;
  }

  signer(): { signerKey: string; keyId: string } {
    const signerKey = this.config.signerKey;
    if (!signerKey) throw new SigningUnavailableError();
    return { signerKey, keyId: this.keys[0].keyId };
  }

  /** Checks a signed note against every known key; BAD_USER_INPUT names why it was refused. */
  open(note: string, argument: string): { text: string; keyIds: string[] } {
    try {
      return verifyNote(note, this.keys.map((k) => k.verifierKey));
    } catch (err) {
      throw new BadInputError(argument, `The checkpoint was refused: ${(err as Error).message}`);
    }
  }
}
