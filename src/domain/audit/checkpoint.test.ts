import { formatCheckpoint, parseCheckpoint } from './checkpoint';

const ROOT = 'H4lVNUp5AmUuVEw/Q2xJGwwmRQ/Ijnqb2m0Ol0KqHHk=';
const ORIGIN = 'pv-lineage.test/audit';

describe('C2SP tlog-checkpoint bodies', () => {
  it('formats origin, size and root on three lines', () => {
    expect(formatCheckpoint({ origin: ORIGIN, treeSize: 42, rootHash: ROOT })).toBe(`${ORIGIN}\n42\n${ROOT}\n`);
    expect(formatCheckpoint({ origin: ORIGIN, treeSize: 0, rootHash: ROOT })).toBe(`${ORIGIN}\n0\n${ROOT}\n`);
  });

  it('parses what it formats', () => {
    for (const treeSize of [0, 1, 42, Number.MAX_SAFE_INTEGER]) {
      const c = { origin: ORIGIN, treeSize, rootHash: ROOT };
      expect(parseCheckpoint(formatCheckpoint(c))).toEqual(c);
    }
  });

  it.each([
    ['no final newline', `${ORIGIN}\n42\n${ROOT}`, /end with a newline/],
    ['a missing line', `${ORIGIN}\n42\n`, /expected 3 lines/],
    ['extension lines', `${ORIGIN}\n42\n${ROOT}\nextra\n`, /extension lines/],
    ['a blank extension line', `${ORIGIN}\n42\n${ROOT}\n\n`, /extension lines/],
    ['an empty origin', `\n42\n${ROOT}\n`, /origin is empty/],
    ['a space before the origin', ` ${ORIGIN}\n42\n${ROOT}\n`, /origin/],
    ['a space after the origin', `${ORIGIN} \n42\n${ROOT}\n`, /origin/],
    ['CRLF line ends', `${ORIGIN}\r\n42\r\n${ROOT}\r\n`, /origin|tree size/],
    ['a space after the size', `${ORIGIN}\n42 \n${ROOT}\n`, /tree size/],
    ['a space before the size', `${ORIGIN}\n 42\n${ROOT}\n`, /tree size/],
    ['a leading zero', `${ORIGIN}\n042\n${ROOT}\n`, /leading zeros/],
    ['a plus sign', `${ORIGIN}\n+42\n${ROOT}\n`, /tree size/],
    ['a negative size', `${ORIGIN}\n-1\n${ROOT}\n`, /tree size/],
    ['an exponent', `${ORIGIN}\n4e1\n${ROOT}\n`, /tree size/],
    ['hex', `${ORIGIN}\n0x2a\n${ROOT}\n`, /tree size/],
    ['an empty size', `${ORIGIN}\n\n${ROOT}\n`, /tree size/],
    ['a size past 2^53', `${ORIGIN}\n9007199254740993\n${ROOT}\n`, /too large/],
    ['a root with a space', `${ORIGIN}\n42\n${ROOT} \n`, /base64/],
    ['a root without padding', `${ORIGIN}\n42\n${ROOT.slice(0, -1)}\n`, /base64/],
    ['a URL-safe root', `${ORIGIN}\n42\n${ROOT.replace('/', '_')}\n`, /base64/],
    ['a 31-byte root', `${ORIGIN}\n42\n${Buffer.alloc(31).toString('base64')}\n`, /31 bytes/],
    ['a 33-byte root', `${ORIGIN}\n42\n${Buffer.alloc(33).toString('base64')}\n`, /33 bytes/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseCheckpoint(text)).toThrow(message);
  });

  it.each([
    ['a negative size', { origin: ORIGIN, treeSize: -1, rootHash: ROOT }],
    ['a fractional size', { origin: ORIGIN, treeSize: 1.5, rootHash: ROOT }],
    ['NaN', { origin: ORIGIN, treeSize: Number.NaN, rootHash: ROOT }],
    ['an origin with a newline', { origin: 'a\nb', treeSize: 1, rootHash: ROOT }],
    ['an empty origin', { origin: '', treeSize: 1, rootHash: ROOT }],
    ['a hex root', { origin: ORIGIN, treeSize: 1, rootHash: Buffer.alloc(32).toString('hex') }],
  ])('refuses to format %s', (_what, c) => {
    expect(() => formatCheckpoint(c)).toThrow();
  });
});
