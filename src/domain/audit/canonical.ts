import * as crypto from 'node:crypto';
import canonicalize from 'canonicalize';
import { hasLoneSurrogate } from './text';

/**
 * RFC 8785 (JCS) text of a JSON value, the form audit hashes are computed over.
 *
 * Throws on anything JSON cannot represent faithfully: undefined as a value or array element,
 * NaN, ±Infinity, bigint, functions, symbols, lone surrogates and cycles. An object member whose
 * value is undefined is omitted, as JSON.stringify does, so a value hashes the same before and
 * after a round trip through stored JSON text.
 */
export function canonicalJson(value: unknown): string {
  assertJson(value, '$', []);
  const text = canonicalize(value);
  if (typeof text !== 'string') throw new TypeError('value has no JSON form');
  return text;
}

function assertJson(value: unknown, path: string, stack: object[]): void {
  switch (typeof value) {
    case 'string':
      // UTF-8 cannot carry half a surrogate pair: the hashed bytes would not be the text.
      if (hasLoneSurrogate(value)) throw new TypeError(`${path} contains a lone surrogate`);
      return;
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}; JSON has no NaN or Infinity`);
      return;
    case 'object':
      break;
    default:
      throw new TypeError(`${path} is ${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}; it has no JSON form`);
  }
  if (value === null) return;
  if (stack.includes(value)) throw new TypeError(`${path} refers back to itself`);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    assertJson(toJSON.call(value), path, [...stack, value]);
    return;
  }
  const inner = [...stack, value];
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertJson(item, `${path}[${i}]`, inner));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (hasLoneSurrogate(key)) throw new TypeError(`${path} has a member name with a lone surrogate`);
    if (item !== undefined) assertJson(item, `${path}.${key}`, inner);
  }
}

// crypto.hash (Node 20.12+) is a one-shot digest that skips createHash's hasher object, which
// matters when a million-leaf tree is rebuilt; the verifier may meet an older Node.
const oneShot = (crypto as { hash?: (alg: string, data: Uint8Array, enc: 'buffer') => Buffer }).hash;

/** SHA-256 of bytes, or of a string's UTF-8 encoding. */
export function sha256(data: string | Uint8Array): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return oneShot ? oneShot('sha256', bytes, 'buffer') : crypto.createHash('sha256').update(bytes).digest();
}

export function sha256Hex(data: string | Uint8Array): string {
  return sha256(data).toString('hex');
}
