import type { SignatureRecord } from './format';

/** Most changes the PDF lists per signature; lineage.json has them all. */
export const MAX_UPSTREAM_LINES = 25;

/**
 * What the package says about a signature's frozen upstream, one line each: unchanged, the list
 * of changes (the first MAX_UPSTREAM_LINES, then how many more), or that nothing was frozen.
 */
export function upstreamLines(g: Pick<SignatureRecord, 'provenanceDigest' | 'upstreamChanged' | 'upstreamChanges' | 'valid'>): string[] {
  if (g.upstreamChanged === false) return [`Upstream unchanged since signing (provenance digest ${g.provenanceDigest ?? ''}).`];
  if (g.upstreamChanged === true) {
    const shown = g.upstreamChanges.slice(0, MAX_UPSTREAM_LINES).map((c) => `  ${c.kind}: ${c.summary}`);
    const more = g.upstreamChanges.length - shown.length;
    return [
      `UPSTREAM CHANGED since signing: ${g.upstreamChanges.length} change(s) against the provenance digest ${g.provenanceDigest ?? ''} signed:`,
      ...shown,
      ...(more > 0 ? [`  … and ${more} more (lineage.json lists them all).`] : []),
    ];
  }
  if (g.provenanceDigest === null) return ['Upstream not frozen: signed before signatures covered upstream provenance.'];
  return [`Upstream not compared: the signature does not hold (provenance digest ${g.provenanceDigest}).`];
}
