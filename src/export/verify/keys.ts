import { createPublicKey } from 'node:crypto';
import { parseVerifierKey } from '../../domain/audit/noteKeys';

/**
 * The package carries the checkpoint keys twice: as signed-note verifier keys (what opens the
 * checkpoint) and as PEM (what other tools read). They must be the same keys, so a PEM swapped
 * for another key cannot sit beside a verifier key that still opens the checkpoint.
 */
export type KeysParse = { ok: true; verifierKeys: string[] } | { ok: false; file: 'verifierKey' | 'publicKey'; reason: string };

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----\n([A-Za-z0-9+/=\n]+?)\n-----END PUBLIC KEY-----\n/g;

export function parseKeys(verifierKeyText: string, pemText: string): KeysParse {
  if (!verifierKeyText.endsWith('\n')) return { ok: false, file: 'verifierKey', reason: 'the last line does not end with a newline' };
  const lines = verifierKeyText.slice(0, -1).split('\n');
  const raw = new Map<string, string>();
  for (const [i, line] of lines.entries()) {
    try {
      const key = parseVerifierKey(line);
      raw.set(rawKeyOf(key.publicKey.export({ format: 'der', type: 'spki' })), line);
    } catch (err) {
      return { ok: false, file: 'verifierKey', reason: `line ${i + 1} is not a verifier key: ${(err as Error).message}` };
    }
  }
  const blocks = [...pemText.matchAll(PEM_BLOCK)];
  if (blocks.map((b) => b[0]).join('') !== pemText) return { ok: false, file: 'publicKey', reason: 'it is not a sequence of PEM public keys' };
  const pemKeys = new Set<string>();
  for (const [i, b] of blocks.entries()) {
    try {
      const key = createPublicKey({ key: b[0], format: 'pem' });
      if (key.asymmetricKeyType !== 'ed25519') return { ok: false, file: 'publicKey', reason: `key ${i + 1} is not an Ed25519 key` };
      pemKeys.add(rawKeyOf(key.export({ format: 'der', type: 'spki' })));
    } catch (err) {
      return { ok: false, file: 'publicKey', reason: `key ${i + 1} cannot be read: ${(err as Error).message}` };
    }
  }
  for (const [key, line] of raw) {
    if (!pemKeys.has(key)) return { ok: false, file: 'publicKey', reason: `it does not hold the key of verifier key ${line.split('+').slice(0, 2).join('+')}` };
  }
  if (pemKeys.size !== raw.size) return { ok: false, file: 'publicKey', reason: `it holds ${pemKeys.size} keys, but there are ${raw.size} verifier keys` };
  return { ok: true, verifierKeys: [...raw.values()] };
}

/** The raw 32-byte Ed25519 key at the end of an SPKI DER encoding, hex. */
const rawKeyOf = (spki: Buffer): string => spki.subarray(spki.length - 32).toString('hex');
