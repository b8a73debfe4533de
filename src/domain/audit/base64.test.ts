import { decodeBase64, encodeBase64 } from './base64';

describe('strict base64', () => {
  it.each([
    ['', ''],
    ['AA==', '00'],
    ['AAE=', '0001'],
    ['AAEC', '000102'],
    ['+/+/', 'fbffbf'],
  ])('decodes %p', (text, hex) => {
    expect(decodeBase64(text)?.toString('hex')).toBe(hex);
    expect(encodeBase64(Buffer.from(hex, 'hex'))).toBe(text);
  });

  it.each([
    ['missing padding', 'AA'],
    ['too much padding', 'AA==='],
    ['URL-safe alphabet', '-_-_'],
    ['whitespace', 'AA AA'],
    ['a newline', 'AAAA\n'],
    ['non-zero pad bits', 'AB=='],
    ['padding in the middle', 'AA==AAAA'],
    ['a foreign character', 'AA*A'],
  ])('refuses %s', (_what, text) => {
    expect(decodeBase64(text)).toBeNull();
  });
});
