import { type Doc, FONTS } from './document';

/** Headings, paragraphs and label–value lists, each starting a page when little room is left. */

const left = (doc: Doc) => doc.page.margins.left;
const width = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const room = (doc: Doc) => doc.page.height - doc.page.margins.bottom - doc.y;

export function ensureRoom(doc: Doc, points: number): void {
  if (room(doc) < points) doc.addPage();
}

export function heading(doc: Doc, text: string, level: 1 | 2 = 1): void {
  ensureRoom(doc, level === 1 ? 90 : 60);
  doc.font(FONTS.bold).fontSize(level === 1 ? 14 : 11).fillColor('#101828').text(text, left(doc), doc.y, { width: width(doc) });
  doc.moveDown(0.3);
  doc.font(FONTS.regular).fontSize(8.5).fillColor('#000000');
}

export function paragraph(doc: Doc, text: string, size = 8.5): void {
  doc.font(FONTS.regular).fontSize(size).fillColor('#000000').text(text, left(doc), doc.y, { width: width(doc) });
  doc.moveDown(0.4);
}

/** Label–value pairs in two columns; values marked mono are set in DejaVu Sans Mono (hashes, ids). */
export function facts(doc: Doc, pairs: readonly (readonly [string, string, ('mono' | 'bold')?])[]): void {
  const labelW = 170;
  for (const [label, value, style] of pairs) {
    const valueW = width(doc) - labelW;
    doc.font(FONTS.bold).fontSize(8.5);
    const labelH = doc.heightOfString(label, { width: labelW - 8 });
    doc.font(style === 'mono' ? FONTS.mono : style === 'bold' ? FONTS.bold : FONTS.regular);
    const h = Math.max(doc.heightOfString(value || '—', { width: valueW }), labelH, 11);
    ensureRoom(doc, h + 2);
    const y = doc.y;
    doc.font(FONTS.bold).fontSize(8.5).fillColor('#344054').text(label, left(doc), y, { width: labelW - 8 });
    doc.font(style === 'mono' ? FONTS.mono : style === 'bold' ? FONTS.bold : FONTS.regular).fillColor('#000000').text(value || '—', left(doc) + labelW, y, { width: valueW });
    doc.y = y + h + 2;
  }
  doc.x = left(doc);
  doc.moveDown(0.4);
}
