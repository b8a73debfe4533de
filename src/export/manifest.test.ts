import { createHash } from 'node:crypto';
import { formatManifest, parseManifest } from './manifest';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('MANIFEST.sha256', () => {
  const files = new Map([['b.json', Buffer.from('{"b":1}')], ['README.txt', Buffer.from('read me\n')], ['a.pdf', Buffer.from('%PDF')]]);

  it('is sha256sum format, sorted by name, and parses back', () => {
    const text = formatManifest(files);
    expect(text).toBe(`${sha('read me\n')}  README.txt\n${sha('%PDF')}  a.pdf\n${sha('{"b":1}')}  b.json\n`);
    const parsed = parseManifest(text);
    expect(parsed.ok && [...parsed.entries]).toEqual([['README.txt', sha('read me\n')], ['a.pdf', sha('%PDF')], ['b.json', sha('{"b":1}')]]);
  });

  it('lists the carried report file inside report-file/, the one folder a package has', () => {
    const text = formatManifest(new Map([...files, ['report-file/SDR-2024Q1.pdf', Buffer.from('report')]]));
    const parsed = parseManifest(text);
    expect(parsed.ok && parsed.entries.get('report-file/SDR-2024Q1.pdf')).toBe(sha('report'));
  });

  it.each([
    ['no final newline', (t: string) => t.slice(0, -1), /does not end with a newline/],
    ['one space', (t: string) => t.replace('  a.pdf', ' a.pdf'), /line 2 is not/],
    ['an upper-case digest', (t: string) => t.replace(sha('%PDF'), sha('%PDF').toUpperCase()), /line 2 is not/],
    ['a path', (t: string) => t.replace('  a.pdf', '  ../a.pdf'), /line 2 is not/],
    ['a folder other than report-file/', (t: string) => t.replace('  a.pdf', '  docs/a.pdf'), /line 2 is not/],
    ['a path below report-file/', (t: string) => t.replace('  a.pdf', '  report-file/x/a.pdf'), /line 2 is not/],
    ['a repeated file', (t: string) => `${t}${t.split('\n')[2]}\n`, /lists b.json a second time/],
    ['lines out of order', (t: string) => t.split('\n').slice(0, 3).reverse().join('\n') + '\n', /not sorted/],
    ['an empty line', (t: string) => `${t}\n`, /line 4 is not/],
  ])('refuses %s', (_what, change, reason) => {
    expect(parseManifest(change(formatManifest(files)))).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });
});
