import * as crypto from 'node:crypto';
import { decodeBase64, encodeBase64 } from './base64';
import { AuditFormatError } from './formatError';
import { isValidKeyName, parseSignerKey, parseVerifierKey, type VerifierKey } from './noteKeys';
import { isPlainText } from './text';

export { formatCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint';
export { generateSignerKey, keyIdOf, parseSignerKey, parseVerifierKey, verifierKeyFor } from './noteKeys';
export { AuditFormatError } from './formatError';

/**
 * C2SP signed notes, byte-compatible with Go's golang.org/x/mod/sumdb/note: the text, a blank
 * line, then one line per signature, `— <key name> <base64(4-byte key hash || signature)>`.
 */

const SIG_PREFIX = '\u2014 ';
// Go refuses notes with more signature lines than this, to bound the work an attacker can cause.
const MAX_SIGNATURES = 100;

/** Signs `text` (which must end with a newline) with a Go-format signer key. Ed25519 is deterministic. */
export function signNote(text: string, signerKey: string): string {
  if (!text.endsWith('\n')) throw new AuditFormatError('note: the text must end with a newline');
  if (!isPlainText(text, true)) throw new AuditFormatError('note: the text contains a control character or invalid Unicode');
  const key = parseSignerKey(signerKey);
  const signature = crypto.sign(null, Buffer.from(text, 'utf8'), key.privateKey);
  return `${text}\n${SIG_PREFIX}${key.name} ${encodeBase64(Buffer.concat([keyHashBytes(key), signature]))}\n`;
}

/**
 * Opens a signed note. Signatures by keys not in `verifierKeys` are ignored (a witness may
 * cosign); every signature by a known key must verify, and at least one must be present.
 * Throws AuditFormatError saying why otherwise. Returns the text and the ids of the keys that signed.
 */
export function verifyNote(note: string, verifierKeys: readonly string[]): { text: string; keyIds: string[] } {
  const known = keyIndex(verifierKeys);
  if (!isPlainText(note, true)) throw malformed('it contains a control character or invalid Unicode');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw malformed('there is no blank line between the text and the signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0) throw malformed('there are no signature lines');
  if (!block.endsWith('\n')) throw malformed('the last signature line does not end with a newline');

  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw malformed(`more than ${MAX_SIGNATURES} signature lines`);
  const message = Buffer.from(text, 'utf8');
  const verified: string[] = [];
  const unknown: string[] = [];
  lines.forEach((line, i) => {
    const { keyId, signature } = parseSignatureLine(line, i + 1);
    const key = known.get(keyId);
    if (!key) {
      unknown.push(keyId);
      return;
    }
    if (signature.length !== 64 || !crypto.verify(null, message, key.publicKey, signature)) {
      throw new AuditFormatError(`note: the signature by key ${keyId} does not verify: the note or the signature was altered`);
    }
    if (!verified.includes(keyId)) verified.push(keyId);
  });
  if (verified.length === 0) {
    throw new AuditFormatError(`note: no signature by a known key (signed by ${[...new Set(unknown)].join(', ')}; known: ${[...known.keys()].join(', ') || 'none'})`);
  }
  return { text, keyIds: verified };
}

function parseSignatureLine(line: string, lineNo: number): { keyId: string; signature: Buffer } {
  if (!line.startsWith(SIG_PREFIX)) throw malformed(`signature line ${lineNo} does not start with an em dash and a space`);
  const body = line.slice(SIG_PREFIX.length);
  const space = body.indexOf(' ');
  const name = space < 0 ? body : body.slice(0, space);
  const bytes = space < 0 ? null : decodeBase64(body.slice(space + 1));
  if (!isValidKeyName(name)) throw malformed(`signature line ${lineNo} has an invalid key name`);
  if (!bytes || bytes.length < 5) throw malformed(`signature line ${lineNo} (${name}) does not end in a canonical base64 key hash and signature`);
  return { keyId: `${name}+${bytes.subarray(0, 4).toString('hex')}`, signature: bytes.subarray(4) };
}

function keyIndex(verifierKeys: readonly string[]): Map<string, VerifierKey> {
  const index = new Map<string, VerifierKey>();
  verifierKeys.forEach((text, i) => {
    let key: VerifierKey;
    try {
      key = parseVerifierKey(text);
    } catch (err) {
      throw new AuditFormatError(`verifier key ${i + 1}: ${(err as Error).message}`);
    }
    const earlier = index.get(key.keyId);
    // Two different keys with one name and hash would make a signature's key ambiguous.
    if (earlier && !earlier.publicKey.equals(key.publicKey)) throw new AuditFormatError(`verifier keys: two different keys share the id ${key.keyId}`);
    index.set(key.keyId, key);
  });
  return index;
}

function keyHashBytes(key: VerifierKey): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(key.keyHash);
  return bytes;
}

const malformed = (why: string): AuditFormatError => new AuditFormatError(`malformed note: ${why}`);

/** SPKI PEM of a verifier key, for auditors whose tools want a standard public key file. */
export function publicKeyPem(verifierKey: string): string {
  return parseVerifierKey(verifierKey).publicKey.export({ type: 'spki', format: 'pem' }).toString();
}
