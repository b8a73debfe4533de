import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { isDateTime, isUri, isUuid } from './formats';

/** The formats as the official schema's validator (Ajv with ajv-formats) reads them: the oracle. */
const ajv = new Ajv2020();
addFormats(ajv);
const oracle = (format: string) => ajv.compile({ type: 'string', format });

const fromChars = (prefixes: string[], chars: string, maxLength: number) =>
  fc.tuple(fc.constantFrom(...prefixes), fc.array(fc.constantFrom(...chars.split('')), { maxLength })).map(([p, cs]) => p + cs.join(''));

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** Date-times built field by field, so valid ones (leap days, leap seconds, offsets) are common. */
const dateTimes = fc
  .tuple(
    fc.integer({ min: 0, max: 2401 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.constantFrom('T', 't', ' ', 'x', 'TT'),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 61 }),
    fc.constantFrom('', '.5', '.123456789', '.'),
    fc.constantFrom('Z', 'z', '', '+05:30', '-01:00', '+0530', '+05', '+24:00', '+05:60', '-23:59', 'ZZ'),
  )
  .map(([y, mo, d, sep, h, mi, se, frac, tz]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}${sep}${pad(h, 2)}:${pad(mi, 2)}:${pad(se, 2)}${frac}${tz}`);
/** URIs built part by part: scheme, authority, path, query, fragment, each sometimes broken. */
const part = (chars: string, maxLength: number, minLength = 0) => fc.array(fc.constantFrom(...chars.split('')), { minLength, maxLength }).map((cs) => cs.join(''));
const uris = fc
  .tuple(
    fc.constantFrom('http:', 'https:', 'HTTPS:', 's3:', 'urn:', 'a+b.c-d:', '1x:', ''),
    fc.constantFrom('//', '/', '', '///'),
    fc.oneof(part("abc09.-_~!$&'()*+,;=%", 8), fc.constantFrom('[::1]', '[fe80::1]', '[v1.x]', '256.1.1.1', 'u:p@host', 'host:8080', 'host:', 'h st')),
    part("abc/09.-_~!$&'()*+,;=:@%20é ", 12),
    fc.constantFrom('', '?', '?a=1&b=2', '?a b', '?%zz'),
    fc.constantFrom('', '#', '#/$defs/RunEvent', '#a#b', '#%41'),
  )
  .map((ps) => ps.join(''));

/** UUIDs group by group, each group sometimes a digit short or holding a non-hex character. */
const group = (n: number) => fc.oneof({ weight: 4, arbitrary: part('0123456789abcdefABCDEF', n, n) }, { weight: 1, arbitrary: part('0123456789abcdefgG-{ ', n + 1) });
const uuids = fc
  .tuple(fc.constantFrom('', 'urn:uuid:', 'URN:UUID:', '{'), group(8), group(4), group(4), group(4), group(12), fc.constantFrom('', '', '}', ' '))
  .map(([pre, a, b, c, d, e, post]) => `${pre}${a}-${b}-${c}-${d}-${e}${post}`);

describe.each([
  ['uri', isUri, fc.oneof(uris, fromChars(['http://', 'https://', 'HTTPS://', 'http://[::1]', 'ftp://', 'http:', 'urn:', 's3://', ''], "abcXYZ09.-_~!$&'()*+,;=:@/?#%[]{} é\u0000", 24))],
  ['uuid', isUuid, fc.oneof(uuids, fromChars(['1d79ed5b-7fe9-4124-b70a-', 'urn:uuid:1d79ed5b-7fe9-4124-', '', 'URN:UUID:'], '0123456789abcdefABCDEFg-{} ', 20))],
  ['date-time', isDateTime, fc.oneof(dateTimes, fromChars(['2024-02-29T', '2023-02-29T', '2024-12-31t', '2024-06-30 ', '1999-1', ''], '0123456789:.+-zZT ', 16))],
] as const)('%s agrees with ajv-formats', (format, ours, strings) => {
  const theirs = oracle(format);
  it('on 20,000 generated strings (seed 20), a fair share of them valid', () => {
    let valid = 0;
    fc.assert(
      fc.property(strings, (s) => {
        if (theirs(s)) valid++;
        return ours(s) === theirs(s);
      }),
      { seed: 20, numRuns: 20_000 },
    );
    expect(valid).toBeGreaterThan(1_000);
  });
});
