import { type ActorRoles, roleText } from '../auditText';
import type { ReportSubject, SignalSubject, Subject } from '../format';
import type { Doc } from './document';
import { cut, ranges, utc } from './format';
import { drawLineageGraph } from './graphDraw';
import { type Cell, capped, drawTable } from './table';
import { upstreamLines } from '../upstreamText';
import { facts, heading, paragraph } from './text';

/**
 * What the PDF says about each exported report or signal: its identity and content hash, the
 * "changed since original entry" flag, signatures (printed name, UTC time, meaning), the
 * version history or signal lifecycle, and the drawn upstream lineage.
 */
const changed = (s: Subject): string =>
  s.changedSinceOriginalEntry
    ? `YES: changed after its original entry by audit event(s) ${ranges(s.changeSeqs)} (see the audit trail)`
    : 'No: no audit event after its original entry replaced a value';

export function subjectSection(doc: Doc, s: Subject, roles: ActorRoles): void {
  doc.addPage();
  if (s.type === 'REPORT') reportSection(doc, s, roles);
  else signalSection(doc, s, roles);
  const counts = new Map<string, number>();
  for (const n of s.lineage.nodes) counts.set(n.type, (counts.get(n.type) ?? 0) + 1);
  paragraph(
    doc,
    `Upstream lineage: ${s.lineage.nodes.length} nodes (${[...counts].map(([t, n]) => `${n} ${t.toLowerCase().replace(/_/g, ' ')}`).join(', ')}), ${s.lineage.edges.length} edges${s.lineage.truncated ? `; PARTIAL (${s.lineage.truncationReason})` : ''}. The drawn graph follows; the tables of runs, model versions, datasets and jobs come after all subjects.`,
  );
  drawLineageGraph(doc, `Upstream lineage of ${s.id}`, s.lineage);
}

function reportSection(doc: Doc, r: ReportSubject, roles: ActorRoles): void {
  heading(doc, `Report ${r.id}`);
  facts(doc, [
    ['Title', r.title, 'bold'],
    ['Report id', r.id, 'mono'],
    ['Kind / status / period', `${r.kind} / ${r.status} / ${r.period ?? '—'}`],
    ['Content hash (SHA-256 of the report file)', r.contentHash, 'mono'],
    ['File', r.uri ?? '—'],
    ['Registered', utc(r.createdAt)],
    ['Versions', r.versions.length === 0 ? 'none (imported from MLflow side files, never registered)' : `${r.versions.length}, latest v${r.versions[r.versions.length - 1].version}`],
    ['Changed since original entry', changed(r), r.changedSinceOriginalEntry ? 'bold' : undefined],
    ...(r.withdrawal ? ([['Withdrawn', `${utc(r.withdrawal.at)} by ${r.withdrawal.byName} (${r.withdrawal.by}, ${roleText(roles.withdrawal(r.id))}): ${r.withdrawal.reason}`, 'bold']] as const) : []),
  ]);

  heading(doc, 'Electronic signatures', 2);
  if (r.signatures.length === 0) paragraph(doc, 'This report carries no electronic signatures.');
  else {
    drawTable(
      doc,
      [
        { header: 'Version', weight: 0.5 },
        { header: 'Meaning', weight: 0.9 },
        { header: 'Printed name, role', weight: 1.3 },
        { header: 'User id', weight: 0.9 },
        { header: 'Signed (UTC)', weight: 1.3 },
        { header: 'Reason', weight: 1.8 },
        { header: 'Signed record hash', weight: 2.2, mono: true },
        { header: 'Re-check', weight: 1.4 },
      ],
      r.signatures.map((g): Cell[] => [
        `v${g.version}`,
        { text: g.meaning, bold: true },
        `${g.printedName}\n${roleText(roles.signature(g.id))}`,
        g.userId,
        utc(g.signedAt),
        capped(g.reason, 400),
        g.recordHash,
        g.valid ? `valid${g.coversLatest ? ', covers the latest version' : ', an earlier version'}` : { text: `INVALID: ${g.invalidReason ?? ''}`, bold: true, color: '#b42318' },
      ]),
    );
    for (const g of r.signatures) {
      paragraph(doc, `Manifestation: ${g.manifestation}`, 7.5);
      paragraph(doc, upstreamLines(g).join('\n'), 7.5);
    }
  }

  heading(doc, 'Version history', 2);
  if (r.versions.length === 0) paragraph(doc, 'No registered versions.');
  else {
    drawTable(
      doc,
      [
        { header: 'Version', weight: 0.5 },
        { header: 'Registered (UTC)', weight: 1.2 },
        { header: 'Author', weight: 1.2 },
        { header: 'Title / kind / period', weight: 2 },
        { header: 'File SHA-256 (content hash)', weight: 2.1, mono: true },
        { header: 'Record hash (what signatures cover)', weight: 2.1, mono: true },
        { header: 'Sources', weight: 1.1 },
      ],
      r.versions.map((v) => [
        `v${v.version}${v.supersedes ? ` (supersedes v${v.supersedes})` : ''}`,
        utc(v.createdAt),
        `${v.createdByName} (${v.createdBy}, ${roleText(roles.version(r.id, v.version))})`,
        `${cut(v.title, 200)} / ${v.kind} / ${v.period ?? '—'}`,
        v.contentHash,
        v.recordHash,
        `${v.generatedFromRuns.length} run(s), ${v.modelVersionIds.length} model version(s), ${v.datasetIds.length} dataset(s), ${v.signalIds.length} signal(s)`,
      ]),
    );
  }
}

function signalSection(doc: Doc, s: SignalSubject, roles: ActorRoles): void {
  heading(doc, `Signal ${s.id}`);
  facts(doc, [
    ['Drug / adverse event', `${s.drug} (${s.drugCode ?? '—'}) / ${s.eventTerm} (MedDRA ${s.meddraCode ?? '—'}, v${s.meddraVersion ?? '—'})`, 'bold'],
    ['Signal id', s.id, 'mono'],
    ['Status', s.status],
    ['Statistics', `PRR ${s.prr ?? '—'}, ROR ${s.ror ?? '—'}, χ² ${s.chiSquare ?? '—'}, cases ${s.caseCount ?? '—'}`],
    ['Detected', `${utc(s.detectedAt)} by run ${s.detectedByRun ?? '—'}`],
    ['Covered by reports', s.reports.map((r) => `${r.id} (${r.title})`).join('; ') || 'none'],
    ['Changed since original entry', changed(s), s.changedSinceOriginalEntry ? 'bold' : undefined],
  ]);
  heading(doc, 'Signal lifecycle (GVP Module IX)', 2);
  if (s.history.length === 0) paragraph(doc, 'No lifecycle step recorded since detection.');
  else {
    drawTable(
      doc,
      [
        { header: 'Step', weight: 1.2 },
        { header: 'When (UTC)', weight: 1.2 },
        { header: 'Who', weight: 1.3 },
        { header: 'Decision', weight: 2 },
        { header: 'Rationale', weight: 3 },
      ],
      s.history.map((h) => [`${h.from} → ${h.to}`, utc(h.at), `${h.actorName} (${h.actorId}, ${roleText(roles.transition(s.id, h.to, h.actorId))})`, capped(h.decision, 600), capped(h.rationale, 900)]),
    );
  }
}
