import type { LineageGraphRecord } from '../format';
import { type Doc, FONTS } from './document';
import { ranges } from './format';
import { boxHeight, layoutGraph, nodeNumbers, type Placed, rowsPerPage } from './graphLayout';
import { drawTable, wrapLines } from './table';
import { heading, paragraph } from './text';

/**
 * Draws a subject's upstream lineage as vector graphics on pages of its own: a numbered box per
 * node in its depth column, sized to fill the page, with the whole label wrapped inside it; a
 * line with an arrowhead per edge, upstream on the left. When the graph needs several pages, an
 * edge whose other end is on another page is noted under the box ("↔ p. 12"). A table of the
 * numbers, types, full names and typed ids follows the drawing, so every box can be looked up.
 */
export const TYPE_COLOURS: Record<string, [string, string]> = {
  REPORT: ['#fde2e1', '#b42318'],
  SIGNAL: ['#fef0c7', '#b54708'],
  RUN: ['#dbeafe', '#1d4ed8'],
  MODEL_VERSION: ['#e9d7fe', '#6941c6'],
  LOGGED_MODEL: ['#f4ebff', '#7f56d9'],
  REGISTERED_MODEL: ['#f4ebff', '#53389e'],
  DATASET: ['#d1fadf', '#027a48'],
  JOB: ['#ccfbef', '#0e7090'],
  EXPERIMENT: ['#f2f4f7', '#475467'],
  TRACKING_STORE: ['#f2f4f7', '#344054'],
};
const DEFAULT_COLOUR: [string, string] = ['#f2f4f7', '#344054'];

const ROW_GAP = 8;
const HEADER = 46;
/** Label sizes tried in turn until the whole label fits its box. */
const LABEL_SIZES = [7.5, 7, 6.5, 6, 5.5, 5];

export function drawLineageGraph(doc: Doc, title: string, graph: LineageGraphRecord): void {
  const { margins } = doc.page;
  const top = margins.top + HEADER;
  const areaH = doc.page.height - margins.bottom - top;
  const areaW = doc.page.width - margins.left - margins.right;
  const perPage = rowsPerPage(areaH, ROW_GAP);
  const layout = layoutGraph(graph.nodes, graph.edges, perPage);
  const rowsUsed = Math.max(1, ...[...layout.placed.values()].map((p) => p.row + 1));
  const boxH = boxHeight(areaH, ROW_GAP, rowsUsed);
  const numbers = nodeNumbers(layout);
  const colW = areaW / layout.columns;
  const boxW = Math.min(240, colW * 0.8);
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const firstPage = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
  const pageNumber = (graphPage: number) => firstPage + graphPage + 1;
  const xOf = (p: Placed) => margins.left + p.column * colW + (colW - boxW) / 2;
  const yOf = (p: Placed) => top + p.row * (boxH + ROW_GAP);

  for (let page = 0; page < layout.pages; page++) {
    doc.addPage();
    doc.font(FONTS.bold).fontSize(11).fillColor('#000000').text(`${title}${layout.pages > 1 ? ` (graph page ${page + 1} of ${layout.pages})` : ''}`, margins.left, margins.top);
    legend(doc, margins.left, margins.top + 16, graph);
    const here = [...layout.placed.values()].filter((p) => p.page === page);
    const elsewhere = new Map<string, Set<number>>();
    doc.save().lineWidth(0.4).strokeColor('#667085').fillColor('#667085');
    for (const e of graph.edges) {
      const a = layout.placed.get(e.from);
      const b = layout.placed.get(e.to);
      if (!a || !b) continue;
      if (a.page === page && b.page === page) {
        arrow(doc, xOf(a) + boxW, yOf(a) + boxH / 2, xOf(b), yOf(b) + boxH / 2, a.column === b.column);
      } else if (a.page === page || b.page === page) {
        const [mine, other] = a.page === page ? [a, b] : [b, a];
        const set = elsewhere.get(mine.id) ?? new Set<number>();
        set.add(pageNumber(other.page));
        elsewhere.set(mine.id, set);
      }
    }
    doc.restore();
    for (const p of here) {
      const n = nodes.get(p.id)!;
      const [fill, stroke] = TYPE_COLOURS[n.type] ?? DEFAULT_COLOUR;
      const x = xOf(p);
      const y = yOf(p);
      doc.save().roundedRect(x, y, boxW, boxH, 2.5).lineWidth(0.6).fillAndStroke(fill, stroke).restore();
      label(doc, `${numbers.get(p.id)}. ${n.displayName}`, x, y, boxW, boxH);
      const away = elsewhere.get(p.id);
      if (away) {
        doc.fontSize(5).fillColor('#475467').text(fit(doc, `↔ p. ${ranges([...away])}`, boxW), x, y + boxH + 0.5, { lineBreak: false });
      }
    }
    doc.fillColor('#000000');
  }
  idTable(doc, title, graph, numbers);
}

/** The whole label inside its box: the largest size at which every line fits, cut only if even the smallest does not. */
function label(doc: Doc, text: string, x: number, y: number, w: number, h: number): void {
  const pad = 3;
  let size = LABEL_SIZES[0];
  let lines: string[] = [];
  let lineH = 0;
  for (size of LABEL_SIZES) {
    lines = wrapLines(doc, text, w - 2 * pad, FONTS.regular, size);
    lineH = doc.fontSize(size).currentLineHeight(true);
    if (lines.length * lineH <= h - 2 * pad) break;
  }
  const room = Math.max(1, Math.floor((h - 2 * pad) / lineH));
  if (lines.length > room) lines = [...lines.slice(0, room - 1), fit(doc, lines.slice(room - 1).join(' '), w - 2 * pad)];
  const top = y + (h - lines.length * lineH) / 2;
  doc.font(FONTS.regular).fontSize(size).fillColor('#000000');
  lines.forEach((line, i) => doc.text(line, x + pad, top + i * lineH, { lineBreak: false }));
}

function idTable(doc: Doc, title: string, graph: LineageGraphRecord, numbers: ReadonlyMap<string, number>): void {
  doc.addPage();
  heading(doc, `${title}: the nodes by number`);
  paragraph(doc, 'Each box of the drawing carries the number below; the typed id is how lineage.json, audit.json and the tables name the record.');
  const rows = [...graph.nodes].sort((a, b) => numbers.get(a.id)! - numbers.get(b.id)!);
  drawTable(
    doc,
    [
      { header: 'No.', weight: 0.35 },
      { header: 'Type', weight: 1 },
      { header: 'Name', weight: 2.4 },
      { header: 'Typed id', weight: 4, mono: true },
      { header: 'Depth', weight: 0.4 },
    ],
    rows.map((n) => [String(numbers.get(n.id)), n.type.toLowerCase().replace(/_/g, ' '), n.displayName, n.id, String(n.depth)]),
  );
}

function legend(doc: Doc, x: number, y: number, graph: LineageGraphRecord): void {
  const types = [...new Set(graph.nodes.map((n) => n.type))].sort();
  let at = x;
  doc.fontSize(6.5).font(FONTS.regular);
  for (const t of types) {
    const [fill, stroke] = TYPE_COLOURS[t] ?? DEFAULT_COLOUR;
    doc.save().rect(at, y, 9, 7).lineWidth(0.5).fillAndStroke(fill, stroke).restore();
    const label = `${t.toLowerCase().replace(/_/g, ' ')} (${graph.nodes.filter((n) => n.type === t).length})`;
    doc.fillColor('#000000').text(label, at + 12, y, { lineBreak: false });
    at += 16 + doc.widthOfString(label) + 10;
  }
  // On a line of its own: after ten types the legend fills the page's width.
  doc.text(`Edges point upstream → downstream (${graph.edges.length} edges${graph.truncated ? `; PARTIAL: ${graph.truncationReason}` : ''}). Each box is numbered; the table after the drawing gives its typed id.`, x, y + 11, { lineBreak: false });
}

function arrow(doc: Doc, x1: number, y1: number, x2: number, y2: number, sameColumn: boolean): void {
  if (sameColumn) {
    // Nodes in one column (e.g. a parent run and its child) are joined by a bow to the right.
    const bow = x1 + 14;
    doc.moveTo(x1, y1).bezierCurveTo(bow, y1, bow, y2, x1, y2).stroke();
    return;
  }
  doc.moveTo(x1, y1).lineTo(x2, y2).stroke();
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const size = 3.2;
  doc
    .moveTo(x2, y2)
    .lineTo(x2 - size * Math.cos(angle - 0.4), y2 - size * Math.sin(angle - 0.4))
    .lineTo(x2 - size * Math.cos(angle + 0.4), y2 - size * Math.sin(angle + 0.4))
    .closePath()
    .fill();
}

/** The text shortened with an ellipsis to fit one line. */
function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${text.slice(0, mid)}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}
