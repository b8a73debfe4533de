import { MAX_UPSTREAM_LINES, upstreamLines } from './upstreamText';

const change = (i: number) => ({ kind: 'ADDED', section: 'runs', entity: `run:s:${i}`, field: null, before: null, after: '{}', summary: `runs added run:s:${i}` });

describe('upstream lines of a signature in the package', () => {
  it('says unchanged with the digest', () => {
    expect(upstreamLines({ valid: true, provenanceDigest: 'abc', upstreamChanged: false, upstreamChanges: [] })).toEqual(['Upstream unchanged since signing (provenance digest abc).']);
  });

  it('lists the changes, capped', () => {
    const lines = upstreamLines({ valid: true, provenanceDigest: 'abc', upstreamChanged: true, upstreamChanges: Array.from({ length: MAX_UPSTREAM_LINES + 2 }, (_x, i) => change(i)) });
    expect(lines[0]).toBe(`UPSTREAM CHANGED since signing: ${MAX_UPSTREAM_LINES + 2} change(s) against the provenance digest abc signed:`);
    expect(lines[1]).toBe('  ADDED: runs added run:s:0');
    expect(lines).toHaveLength(MAX_UPSTREAM_LINES + 2);
    expect(lines[lines.length - 1]).toBe('  … and 2 more (lineage.json lists them all).');
  });

  it('tells a signature that froze nothing from one that does not hold', () => {
    expect(upstreamLines({ valid: true, provenanceDigest: null, upstreamChanged: null, upstreamChanges: [] })[0]).toMatch(/^Upstream not frozen/);
    expect(upstreamLines({ valid: false, provenanceDigest: 'abc', upstreamChanged: null, upstreamChanges: [] })[0]).toMatch(/^Upstream not compared/);
  });
});
