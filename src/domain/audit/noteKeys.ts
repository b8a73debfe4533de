import * as crypto from 'node:crypto';
import { decodeBase64, encodeBase64 } from './base64';
import { sha256 } from './canonical';
import { AuditFormatError } from './formatError';
import { hasSpace, isPlainText } from './text';

/**
 * Key strings of Go's golang.org/x/mod/sumdb/note (the C2SP signed-note ecosystem), so keys
 * made here work with Go's tools and the reverse:
 *   signer   PRIVATE+KEY+<name>+<hash>+<base64(0x01 || 32-byte Ed25519 seed)>
 *   verifier <name>+<hash>+<base64(0x01 || 32-byte Ed25519 public key)>
 * where <hash> is 8 hex digits of the first 4 bytes of SHA-256(name || "\n" || 0x01 || public key).
 * A key id is `<name>+<hash>`, what a signature line names.
 */

const ALG_ED25519 = 0x01;
// DER headers of an Ed25519 PKCS#8 private key and SPKI public key (RFC 8410); the raw 32 bytes follow.
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

export interface VerifierKey {
  readonly name: string;
  readonly keyHash: number;
  readonly keyId: string;
  readonly publicKey: crypto.KeyObject;
}

export interface SignerKey extends VerifierKey {
  readonly privateKey: crypto.KeyObject;
  readonly verifierKey: string;
}

/** Go's isValidName, plus no control characters (a note carrying one could never be opened). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && isPlainText(name, false) && !hasSpace(name) && !name.includes('+');
}

/** A new random Ed25519 key pair for `name`; the seed parameter exists for reproducible tests. */
export function generateSignerKey(
  name: string,
  seed: Uint8Array = crypto.randomBytes(32),
): { signerKey: string; verifierKey: string; keyId: string } {
  if (!isValidKeyName(name)) throw new AuditFormatError(`key name ${JSON.stringify(name)} must be non-empty, without spaces, plus signs or control characters`);
  if (seed.length !== 32) throw new AuditFormatError('an Ed25519 seed is 32 bytes');
  const publicKey = encodedPublicKey(privateKeyFromSeed(seed));
  const hash = keyHashHex(name, publicKey);
  return {
    signerKey: `PRIVATE+KEY+${name}+${hash}+${encodeBase64(withAlg(seed))}`,
    verifierKey: `${name}+${hash}+${encodeBase64(publicKey)}`,
    keyId: `${name}+${hash}`,
  };
}

export function parseSignerKey(signerKey: string): SignerKey {
  const [private1, private2, rest] = [...chop(signerKey, 2), ''];
  if (private1 !== 'PRIVATE' || private2 !== 'KEY') throw new AuditFormatError('a signer key starts with PRIVATE+KEY+');
  const { name, hash, alg, key } = splitKey(rest, 'signer key');
  if (alg !== ALG_ED25519 || key.length !== 32) throw new AuditFormatError(`signer key ${name}+${hash}: not an Ed25519 key`);
  const privateKey = privateKeyFromSeed(key);
  const publicKey = encodedPublicKey(privateKey);
  if (keyHashHex(name, publicKey) !== hash) throw new AuditFormatError(`signer key ${name}+${hash}: the hash does not match the key`);
  return {
    name,
    keyHash: Number.parseInt(hash, 16),
    keyId: `${name}+${hash}`,
    privateKey,
    publicKey: crypto.createPublicKey(privateKey),
    verifierKey: `${name}+${hash}+${encodeBase64(publicKey)}`,
  };
}

export function parseVerifierKey(verifierKey: string): VerifierKey {
  const { name, hash, alg, key } = splitKey(verifierKey, 'verifier key');
  // As in Go, the hash covers the algorithm byte too, so it is checked before the algorithm is.
  if (keyHashHex(name, withAlg(key, alg)) !== hash) {
    throw new AuditFormatError(`verifier key ${name}+${hash}: the hash does not match the key`);
  }
  if (alg !== ALG_ED25519 || key.length !== 32) throw new AuditFormatError(`verifier key ${name}+${hash}: not an Ed25519 key`);
  let publicKey: crypto.KeyObject;
  try {
    publicKey = crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519, key]), format: 'der', type: 'spki' });
  } catch {
    throw new AuditFormatError(`verifier key ${name}+${hash}: not a valid Ed25519 public key`);
  }
  return { name, keyHash: Number.parseInt(hash, 16), keyId: `${name}+${hash}`, publicKey };
}

/** The verifier key that checks what this signer key signs. */
export function verifierKeyFor(signerKey: string): string {
  return parseSignerKey(signerKey).verifierKey;
}

/** `<name>+<hash>` of a verifier key, after checking the key is well-formed. */
export function keyIdOf(verifierKey: string): string {
  return parseVerifierKey(verifierKey).keyId;
}

/** `name+hash+base64`: hash is 8 hex digits (either case, as Go's ParseUint allows), base64 canonical. */
function splitKey(text: string, what: string): { name: string; hash: string; alg: number; key: Buffer } {
  const [name, hash, encoded] = [...chop(text, 2), '', ''];
  if (!isValidKeyName(name)) throw new AuditFormatError(`${what}: the name is empty or contains spaces, plus signs or control characters`);
  if (!/^[0-9a-fA-F]{8}$/.test(hash)) throw new AuditFormatError(`${what} ${name}: the key hash must be 8 hex digits`);
  const bytes = decodeBase64(encoded);
  if (!bytes || bytes.length === 0) throw new AuditFormatError(`${what} ${name}+${hash}: the key is not canonical base64`);
  return { name, hash: hash.toLowerCase(), alg: bytes[0], key: bytes.subarray(1) };
}

/** Splits at the first `count` plus signs; what follows the last one is kept whole (base64 contains '+'). */
function chop(text: string, count: number): string[] {
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < count; i++) {
    const at = rest.indexOf('+');
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...parts, rest];
}

/** 8 hex digits of SHA-256(name || "\n" || algorithm byte || key). */
function keyHashHex(name: string, encodedKey: Uint8Array): string {
  return sha256(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), encodedKey])).subarray(0, 4).toString('hex');
}

const withAlg = (key: Uint8Array, alg = ALG_ED25519): Buffer => Buffer.concat([Buffer.from([alg]), key]);

function privateKeyFromSeed(seed: Uint8Array): crypto.KeyObject {
  return crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
}

/** 0x01 || the raw 32-byte public key. */
function encodedPublicKey(privateKey: crypto.KeyObject): Buffer {
  const spki = crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return withAlg(spki.subarray(SPKI_ED25519.length));
}
