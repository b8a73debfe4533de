/**
 * Strict standard base64 (RFC 4648 §4, padded). Buffer.from(s, 'base64') silently skips bad
 * characters and accepts missing padding, so two different strings could decode to the same
 * bytes; a tamper-evident format must have exactly one spelling per value.
 */
const SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes canonical padded base64; returns null for anything else (including non-zero pad bits). */
export function decodeBase64(text: string): Buffer | null {
  if (typeof text !== 'string' || !SHAPE.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
