import { type Doc, FONTS } from './document';

/**
 * A printable table: wrapped cells, rows never split across pages, the header repeated on every
 * page. Cells are capped in length so one huge value (a JSON blob) cannot outgrow a page; the
 * full value is in the JSON files, which the cell says. Cells are broken into lines here, by
 * character widths, and the lines set one by one: pdfkit's own wrapping, run once to measure a
 * row and again to set it, shaped every word twice, which dominated the time of a package with
 * thousands of audit entries.
 */
export interface Column {
  readonly header: string;
  /** Share of the table width. */
  readonly weight: number;
  readonly mono?: boolean;
}

export type Cell = string | { readonly text: string; readonly bold?: boolean; readonly color?: string };

export const MAX_CELL_CHARS = 1200;
const PAD = 2.5;
const FONT_SIZE = 7;

export function capped(text: string, max = MAX_CELL_CHARS, where = 'the JSON files'): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters in ${where}]`;
}

/**
 * Widths of single characters in the current font and size, each laid out once. A line is
 * measured as the sum of its characters: kerning and ligatures only ever narrow a line set in
 * DejaVu, so a line measured this way always fits, and no word is shaped twice.
 */
const charWidths = new Map<string, Map<string, number>>();

function measurer(doc: Doc, font: string, size: number): (text: string) => number {
  const key = `${font}@${size}`;
  let widths = charWidths.get(key);
  if (!widths) charWidths.set(key, (widths = new Map()));
  const cache = widths;
  return (text) => {
    let w = 0;
    for (const ch of text) {
      let cw = cache.get(ch);
      if (cw === undefined) cache.set(ch, (cw = doc.widthOfString(ch)));
      w += cw;
    }
    return w;
  };
}

/** Lines of `text` set in `font` at `size` within `width`: breaks at spaces, and inside words longer than a line. */
export function wrapLines(doc: Doc, text: string, width: number, font: string, size: number): string[] {
  doc.font(font).fontSize(size);
  const measure = measurer(doc, font, size);
  const space = measure(' ');
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(' ')) {
      const w = measure(word);
      if (line !== '' && used + space + w <= width) {
        line += ` ${word}`;
        used += space + w;
        continue;
      }
      if (line !== '') lines.push(line);
      if (w <= width) {
        line = word;
        used = w;
        continue;
      }
      // A word longer than a line (a hash, an id, JSON without spaces) is cut where it fills one.
      let rest = '';
      let restW = 0;
      for (const ch of word) {
        const cw = measure(ch);
        if (restW + cw > width && rest !== '') {
          lines.push(rest);
          rest = '';
          restW = 0;
        }
        rest += ch;
        restW += cw;
      }
      line = rest;
      used = restW;
    }
    lines.push(line);
  }
  return lines;
}

interface Laid {
  readonly lines: string[];
  readonly font: string;
  readonly color: string;
}

export function drawTable(doc: Doc, columns: readonly Column[], rows: readonly (readonly Cell[])[], opts: { fontSize?: number; zebra?: boolean } = {}): void {
  const size = opts.fontSize ?? FONT_SIZE;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const total = columns.reduce((n, c) => n + c.weight, 0);
  const widths = columns.map((c) => (c.weight / total) * width);
  const xs = widths.map((_w, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  doc.fontSize(size);
  const lineHeight = doc.currentLineHeight(true);

  // A row must fit on a page, with the header above it.
  const maxLines = Math.floor((bottom() - doc.page.margins.top - 2 * PAD) / lineHeight) - 4;
  const lay = (cells: readonly Cell[], header: boolean): Laid[] =>
    cells.map((cell, i) => {
      const { text, bold, color } = typeof cell === 'string' ? { text: cell, bold: header, color: undefined } : { ...cell, bold: header || cell.bold };
      const font = bold ? FONTS.bold : columns[i].mono && !header ? FONTS.mono : FONTS.regular;
      const lines = wrapLines(doc, text, widths[i] - 2 * PAD, font, size);
      return { lines: lines.length <= maxLines ? lines : [...lines.slice(0, maxLines - 1), '… (continued in the JSON files)'], font, color: color ?? '#000000' };
    });
  const heightOf = (laid: readonly Laid[]) => Math.max(...laid.map((c) => c.lines.length)) * lineHeight + 2 * PAD;

  const drawRow = (laid: readonly Laid[], fill: string | null): void => {
    const h = heightOf(laid);
    const y = doc.y;
    if (fill) doc.save().rect(left, y, width, h).fill(fill).restore();
    laid.forEach((c, i) => {
      doc.font(c.font).fontSize(size).fillColor(c.color);
      c.lines.forEach((line, n) => {
        if (line !== '') doc.text(line, xs[i] + PAD, y + PAD + n * lineHeight, { lineBreak: false });
      });
    });
    doc.save().moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.3).strokeColor('#9aa5b1').stroke().restore();
    doc.fillColor('#000000');
    doc.x = left;
    doc.y = y + h;
  };

  const header = lay(columns.map((c) => c.header), true);
  if (doc.y + heightOf(header) + 3 * lineHeight > bottom()) doc.addPage();
  drawRow(header, '#dde3ea');
  rows.forEach((row, n) => {
    const laid = lay(row, false);
    if (doc.y + heightOf(laid) > bottom()) {
      doc.addPage();
      drawRow(header, '#dde3ea');
    }
    drawRow(laid, opts.zebra !== false && n % 2 === 1 ? '#f4f6f8' : null);
  });
  doc.font(FONTS.regular);
  doc.moveDown(0.6);
}
