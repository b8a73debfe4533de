import { isWellFormed } from './wellFormed';

describe('well-formed UTF-16', () => {
  it('accepts plain text, emoji (surrogate pairs) and the empty string', () => {
    expect(isWellFormed('')).toBe(true);
    expect(isWellFormed('abc 😀 ü')).toBe(true);
  });

  it('refuses a lone high or low surrogate anywhere, and a reversed pair', () => {
    for (const s of ['\ud800', 'a\ud800b', 'x\udc00', '\udc00\ud800', '😀\ud83d']) expect(isWellFormed(s)).toBe(false);
  });
});
