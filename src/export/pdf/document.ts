import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * A PDF/A-3b document (pdfkit) set in DejaVu fonts from the `dejavu-fonts-ttf` package,
 * embedded as subsets: the 14 built-in PDF fonts are never embedded, which PDF/A forbids, so
 * none is ever selected, not even as pdfkit's initial font. Dates come from the caller (the
 * checkpoint's), so the same checkpoint renders the same bytes.
 */
export type Doc = PDFKit.PDFDocument;

export const FONTS = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold', mono: 'DejaVuSansMono' } as const;

const fontDir = (): string => join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const fontFile = (name: string): string => join(fontDir(), `${name}.ttf`);

export interface DocumentMeta {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  /** XMP keywords; the verifier reads the package hashes from them. */
  readonly keywords: string;
  /** Creation and modification date (the checkpoint's issue time). */
  readonly date: Date;
}

/** XMP is written by pdfkit without escaping, so markup characters are kept out of the metadata. */
export const xmpSafe = (s: string): string => s.replace(/&/g, '+').replace(/</g, '‹').replace(/>/g, '›');

export const PAGE = { size: 'A4', layout: 'landscape' as const, margin: 36 };

export function createDocument(meta: DocumentMeta): Doc {
  const doc = new PDFDocument({
    size: PAGE.size,
    layout: PAGE.layout,
    margin: PAGE.margin,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    font: fontFile(FONTS.regular),
    displayTitle: true,
    lang: 'en',
    info: {
      Title: xmpSafe(meta.title),
      Author: xmpSafe(meta.author),
      Subject: xmpSafe(meta.subject),
      Keywords: xmpSafe(meta.keywords),
      Creator: 'pv-lineage compliance export',
      Producer: 'pv-lineage (PDFKit)',
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  });
  for (const name of Object.values(FONTS)) doc.registerFont(name, fontFile(name));
  doc.font(FONTS.regular);
  return doc;
}

/** Ends the document and collects its bytes. */
export function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolvePdf, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolvePdf(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
