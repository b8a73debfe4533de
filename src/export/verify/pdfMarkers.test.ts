import { keywordsText, readPdfMarkers } from './pdfMarkers';

const pdf = (xmp: string) => Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /Metadata >>\nstream\n${xmp}\nendstream\n`, 'latin1');

describe('the hashes a PDF states in its XMP keywords', () => {
  it('reads name=value tokens, a name possibly repeated', () => {
    const text = keywordsText([['lineage.json-sha256', 'ab'], ['content-sha256', 'c1'], ['content-sha256', 'c2']]);
    const parsed = readPdfMarkers(pdf(`<pdf:Keywords>${text}</pdf:Keywords>`));
    expect(parsed.ok && Object.fromEntries(parsed.markers)).toEqual({ 'lineage.json-sha256': ['ab'], 'content-sha256': ['c1', 'c2'] });
  });

  it('refuses a file that is not a PDF, or with no or two keyword elements', () => {
    expect(readPdfMarkers(Buffer.from('hello'))).toEqual({ ok: false, reason: expect.stringMatching(/not a PDF/) });
    expect(readPdfMarkers(pdf(''))).toEqual({ ok: false, reason: expect.stringMatching(/found 0/) });
    expect(readPdfMarkers(pdf('<pdf:Keywords>a=1</pdf:Keywords><pdf:Keywords>a=2</pdf:Keywords>'))).toEqual({ ok: false, reason: expect.stringMatching(/found 2/) });
  });
});
