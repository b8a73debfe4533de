import { canonicalJson, sha256, sha256Hex } from './canonical';

describe('canonicalJson (RFC 8785)', () => {
  it('matches the worked example of RFC 8785 §3.2.2', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 };
    const order: [string, number][] = [['\r', 2], ['1', 4], ['\u0080', 6], ['\u00f6', 7], ['\u20ac', 1], ['\ud83d\ude00', 5], ['\ufb33', 3]];
    expect(canonicalJson(input)).toBe(`{${order.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
  });

  it.each([
    [0, '0'],
    [-0, '0'],
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [9007199254740992, '9007199254740992'],
    [295147905179352830000, '295147905179352830000'],
    [-1.5, '-1.5'],
  ])('writes the number %p as %s', (n, text) => {
    expect(canonicalJson(n)).toBe(text);
  });

  it('nests and omits object members that are undefined, as JSON text would', () => {
    expect(canonicalJson({ b: [1, { d: 'x', c: null }], a: undefined })).toBe('{"b":[1,{"c":null,"d":"x"}]}');
    expect(canonicalJson(new Date('2026-01-02T03:04:05.006Z'))).toBe('"2026-01-02T03:04:05.006Z"');
  });

  it.each([
    ['undefined', undefined, /\$ is undefined/],
    ['NaN', Number.NaN, /NaN/],
    ['Infinity', Infinity, /Infinity/],
    ['-Infinity in a member', { a: -Infinity }, /\$\.a is -Infinity/],
    ['undefined in an array', [1, undefined], /\$\[1\] is undefined/],
    ['a bigint', { n: 1n }, /\$\.n is a bigint/],
    ['a function', { f: () => 1 }, /\$\.f is a function/],
    ['a symbol', [Symbol('s')], /is a symbol/],
    ['a lone surrogate', { s: 'a\ud800b' }, /\$\.s contains a lone surrogate/],
    ['a lone surrogate in a member name', { ['\udc00']: 1 }, /member name with a lone surrogate/],
  ])('throws on %s', (_what, value, message) => {
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('throws on cycles', () => {
    const a: Record<string, unknown> = {};
    a.self = { a };
    expect(() => canonicalJson(a)).toThrow(/refers back to itself/);
  });
});

describe('sha256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['€', sha256Hex(Buffer.from([0xe2, 0x82, 0xac]))],
  ])('hashes %p as UTF-8', (text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
    expect(sha256(text).toString('hex')).toBe(digest);
  });
});
