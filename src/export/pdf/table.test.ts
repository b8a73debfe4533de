import { createDocument, FONTS } from './document';
import { wrapLines } from './table';

describe('wrapLines', () => {
  const doc = createDocument({ title: 't', author: 'a', subject: 's', keywords: 'k', date: new Date(0) });
  const text = `short words that wrap across lines\n${'0123456789abcdef'.repeat(8)} then more words, and a newline\n\nafter an empty line`;

  it.each([FONTS.regular, FONTS.mono, FONTS.bold])('keeps every line of %s within the width, cutting words longer than a line', (font) => {
    const lines = wrapLines(doc, text, 120, font, 7);
    doc.font(font).fontSize(7);
    for (const line of lines) expect(doc.widthOfString(line)).toBeLessThanOrEqual(120);
    // Nothing is lost or added but the breaks.
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    expect(lines).toContain('');
    expect(lines.length).toBeGreaterThan(6);
  });

  it('leaves a line that fits as it is', () => {
    expect(wrapLines(doc, 'fits', 500, FONTS.regular, 7)).toEqual(['fits']);
    expect(wrapLines(doc, '', 500, FONTS.regular, 7)).toEqual(['']);
  });
});
