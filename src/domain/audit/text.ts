/**
 * Text rules shared by key names, notes and checkpoints. A note is signed as UTF-8 bytes, so a
 * lone surrogate (which UTF-8 cannot carry) or a control character would make it unverifiable.
 */

/** True when the string is valid Unicode (no unpaired surrogate) with no control character but, if allowed, \n. */
export function isPlainText(text: string, allowNewline: boolean): boolean {
  if (hasLoneSurrogate(text)) return false;
  return !(allowNewline ? /[\x00-\x09\x0b-\x1f]/ : /[\x00-\x1f]/).test(text);
}

/** With the u flag a paired surrogate is one code point, so this matches only unpaired halves. */
export const hasLoneSurrogate = (text: string): boolean => /[\uD800-\uDFFF]/u.test(text);

/** Any Unicode White_Space character, as Go's unicode.IsSpace sees it. */
export const hasSpace = (text: string): boolean => /\p{White_Space}/u.test(text);
