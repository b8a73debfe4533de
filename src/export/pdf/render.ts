import type { AuditFile, CheckpointFile, LineageFile } from '../format';
import { actorRoles } from '../auditText';
import { FILES, PDF_MARKERS } from '../format';
import { scopeLabel } from '../scope';
import { keywordsText } from '../verify/pdfMarkers';
import { auditSection } from './auditSection';
import { createDocument, FONTS, finish, type Doc } from './document';
import { utc } from './format';
import { recordSections } from './recordSections';
import { subjectSection } from './subjectSections';
import { facts, heading, paragraph } from './text';

/**
 * report.pdf: the package for people. It is rendered from lineage.json and audit.json, dated
 * with the checkpoint, and states the SHA-256 of lineage.json on its first page and in its XMP
 * metadata, where the verifier reads it back. Its cover also names who exported it and when
 * (as export-info.json does), so two exports at one checkpoint differ there only.
 */
export interface PdfInput {
  readonly lineage: LineageFile;
  readonly audit: AuditFile;
  readonly checkpoint: CheckpointFile;
  readonly hashes: { readonly lineage: string; readonly audit: string };
  readonly verifierKeys: readonly string[];
  /** The exporting account and the time of export. */
  readonly exported: { readonly by: { readonly id: string; readonly printedName: string; readonly role: string }; readonly at: string };
  /** The registered report file(s) the package carries, each already checked against its content hash. */
  readonly reportFiles: readonly { readonly reportId: string; readonly name: string; readonly sha256: string }[];
}

export async function renderPdf(input: PdfInput): Promise<Buffer> {
  const { lineage, audit, checkpoint } = input;
  const contentHashes = [...new Set(lineage.subjects.flatMap((s) => (s.type === 'REPORT' ? [s.contentHash] : [])))].sort();
  const doc = createDocument({
    title: `Compliance package: ${scopeLabel(lineage.scope)}`,
    author: 'pv-lineage',
    subject: `Lineage, audit trail and signatures of ${lineage.subjects.map((s) => s.id).join(', ') || 'no subject'} at audit checkpoint ${checkpoint.checkpoint.treeSize}`,
    keywords: keywordsText([[PDF_MARKERS.lineage, input.hashes.lineage], ...contentHashes.map((h): [string, string] => [PDF_MARKERS.content, h])]),
    date: new Date(checkpoint.checkpoint.issuedAt),
  });
  const pages = footers(doc, `pv-lineage compliance package · ${scopeLabel(lineage.scope)} · audit checkpoint ${checkpoint.checkpoint.treeSize}`);
  cover(doc, input);
  const roles = actorRoles(audit.events);
  for (const s of lineage.subjects) subjectSection(doc, s, roles);
  recordSections(doc, lineage);
  auditSection(doc, audit, lineage);
  checkpointSection(doc, input);
  paragraph(doc, `End of the document: ${pages()} pages.`);
  return finish(doc);
}

function cover(doc: Doc, input: PdfInput): void {
  const { lineage, audit, checkpoint } = input;
  doc.font(FONTS.bold).fontSize(20).text('Compliance package');
  doc.font(FONTS.regular).fontSize(12).text(scopeLabel(lineage.scope));
  doc.moveDown(0.8);
  heading(doc, 'Subjects', 2);
  facts(
    doc,
    lineage.subjects.map((s): [string, string, 'mono'] =>
      s.type === 'REPORT'
        ? [s.id, `${s.title} — content hash (SHA-256 of the report file) ${s.contentHash}${s.changedSinceOriginalEntry ? ' — CHANGED since original entry' : ''}`, 'mono']
        : [s.id, `${s.drug} / ${s.eventTerm} — ${s.status}${s.changedSinceOriginalEntry ? ' — CHANGED since original entry' : ''}`, 'mono'],
    ),
  );
  heading(doc, 'Exported', 2);
  facts(doc, [
    ['Exported by', `${input.exported.by.printedName} (account ${input.exported.by.id}, role ${input.exported.by.role})`, 'bold'],
    ['Exported at', utc(input.exported.at)],
  ]);
  heading(doc, 'Report file', 2);
  const reports = lineage.subjects.filter((s) => s.type === 'REPORT');
  if (reports.length === 0) paragraph(doc, 'The package is about a signal; it carries no report file.');
  else {
    facts(
      doc,
      reports.map((s): [string, string, 'mono'] => {
        const f = input.reportFiles.find((r) => r.reportId === s.id);
        return [s.id, f ? `${f.name}: SHA-256 ${f.sha256}, the registered content hash (verify.mjs checks it again)` : 'not carried: the exporter could not read the registered file, so its hash could not be checked here', 'mono'];
      }),
    );
  }
  heading(doc, 'Content hashes of this package', 2);
  facts(doc, [
    [`SHA-256 of ${FILES.lineage}`, input.hashes.lineage, 'mono'],
    [`SHA-256 of ${FILES.audit}`, input.hashes.audit, 'mono'],
  ]);
  heading(doc, 'Audit checkpoint', 2);
  facts(doc, [
    ['Log (origin)', checkpoint.checkpoint.origin, 'mono'],
    ['Tree size (events 0 … n-1)', String(checkpoint.checkpoint.treeSize)],
    ['Root hash (RFC 9162, base64)', checkpoint.checkpoint.rootHash, 'mono'],
    ['Signed by key', checkpoint.checkpoint.keyId, 'mono'],
    ['Issued', utc(checkpoint.checkpoint.issuedAt)],
  ]);
  const r = lineage.records;
  heading(doc, 'Contents', 2);
  paragraph(
    doc,
    `${lineage.subjects.length} subject(s); upstream: ${r.runs.length} runs, ${r.modelVersions.length} model versions, ${r.datasets.length} datasets, ${r.jobs.length} OpenLineage jobs, ${r.other.length} other nodes; ${audit.events.length} audit entries, each with an inclusion proof. ` +
      'Sections: each subject with its signatures, version history (or signal lifecycle) and drawn upstream lineage; the upstream records as tables; the audit trail; the signed checkpoint.',
  );
  heading(doc, 'How to verify', 2);
  paragraph(
    doc,
    `In the package folder run \`node ${FILES.verifier}\` (Node.js 18 or later, no installation, no network). It checks ${FILES.manifest}, the checkpoint signature, every inclusion proof, the consistency proof when present, that the signatures and versions shown here are the ones the proven audit events record, and that this PDF states the SHA-256 of ${FILES.lineage}. Compare the key in ${FILES.verifierKey} with the one your sponsor published, or pass it with --key.`,
  );
}

function checkpointSection(doc: Doc, input: PdfInput): void {
  doc.addPage();
  heading(doc, 'Signed checkpoint');
  paragraph(doc, 'The checkpoint below is a C2SP signed note (Ed25519). It commits to every audit event up to its tree size; the inclusion proofs in proofs.json tie each audit entry of this document to its root hash.');
  doc.font(FONTS.mono).fontSize(8).text(input.checkpoint.note.trimEnd());
  doc.moveDown(0.8);
  facts(doc, input.verifierKeys.map((k, i): [string, string, 'mono'] => [`Verifier key ${i + 1}`, k, 'mono']));
}

/**
 * The package's identity and the page number on every page, written as each page starts; the
 * last page says how many there are, so a missing page shows. (Writing "page i of n" would mean
 * keeping every page in memory until the end, which costs a large package seconds.)
 */
function footers(doc: Doc, label: string): () => number {
  let page = 0;
  const state = doc as unknown as { _font: unknown; _fontSize: number };
  const footer = () => {
    page += 1;
    const saved = { font: state._font, size: state._fontSize, x: doc.x, y: doc.y, bottom: doc.page.margins.bottom };
    doc.page.margins.bottom = 0;
    doc.save().font(FONTS.regular).fontSize(6.5).fillColor('#475467');
    const text = `${label} · page ${page}`;
    // Centred by hand: a width would send every footer through pdfkit's line wrapper.
    doc.text(text, (doc.page.width - doc.widthOfString(text)) / 2, doc.page.height - saved.bottom + 12, { lineBreak: false });
    doc.restore();
    doc.page.margins.bottom = saved.bottom;
    state._font = saved.font;
    doc.fontSize(saved.size);
    doc.x = saved.x;
    doc.y = saved.y;
  };
  footer();
  doc.on('pageAdded', footer);
  return () => page;
}
