/**
 * A high surrogate not followed by a low one, or a low one not preceded by a high one. Such a
 * string has no UTF-8 form: `encodeURIComponent` throws on it, and the driver and every file
 * format would write a replacement character in its place, so the stored value would not be
 * the one sent.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when `value` is well-formed UTF-16 (holds no lone surrogate). */
export function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** `value` with each lone surrogate replaced by U+FFFD, as a UTF-8 encoder would write it. */
export function toWellFormedText(value: string): string {
  return value.replace(LONE_SURROGATES, '\ufffd');
}
