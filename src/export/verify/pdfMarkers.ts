/**
 * The hashes report.pdf states, read back from its XMP metadata. PDF/A keeps the metadata
 * stream uncompressed, so this needs no PDF parser: the `pdf:Keywords` element holds
 * `name=value` tokens, e.g. `lineage.json-sha256=<hex>`. The same hashes are printed on the
 * first page for people.
 */
export type MarkerParse = { ok: true; markers: Map<string, string[]> } | { ok: false; reason: string };

const KEYWORDS = /<pdf:Keywords>([^<]*)<\/pdf:Keywords>/g;

export function keywordsText(tokens: readonly [string, string][]): string {
  return tokens.map(([k, v]) => `${k}=${v}`).join(' ');
}

export function readPdfMarkers(pdf: Uint8Array): MarkerParse {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  if (!text.startsWith('%PDF-')) return { ok: false, reason: 'it is not a PDF (no %PDF- header)' };
  const found = [...text.matchAll(KEYWORDS)];
  if (found.length !== 1) return { ok: false, reason: `expected one XMP pdf:Keywords element stating the package hashes, found ${found.length}` };
  const markers = new Map<string, string[]>();
  for (const token of found[0][1].trim().split(/\s+/)) {
    const eq = token.indexOf('=');
    if (eq <= 0) continue;
    const key = token.slice(0, eq);
    markers.set(key, [...(markers.get(key) ?? []), token.slice(eq + 1)]);
  }
  return { ok: true, markers };
}
