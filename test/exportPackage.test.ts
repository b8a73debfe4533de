import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Role } from '../src/domain/role';
import { canonicalJson } from '../src/domain/audit/canonical';
import { generateSignerKey, signNote } from '../src/domain/audit/note';
import { fetchAuditEvents } from '../src/export/auditTrail';
import { PACKAGE_FILES, type AuditFile, type LineageFile, type ProofsFile } from '../src/export/format';
import { createClient } from '../src/export/graphqlClient';
import { formatManifest, sha256File } from '../src/export/manifest';
import { checkPackage } from '../src/export/verify/verifyPackage';
import type { GraphExecutor } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { testGraph } from './support/graph';
import { facet, postEvent, runEvent, uuid } from './support/openlineage';
import { tokenWithRoles } from './support/identity';
import { person } from './support/reports';
import { REPORT_ID, ROOT, type SignedReport, VERIFIER, pdfText, readPackage, runExport, runVerifier, signedDemoReport, tempDir, writePackageFolder } from './exportHelpers';
import { sha256 } from './support/reports';

/**
 * Issue 8: `npm run export` writes an auditor's package that verifies offline, and any change to
 * any byte of it is caught and named.
 */
describe('compliance export of a signed demo report', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let qa: string;
  let report: SignedReport;
  let work: string;
  let first: string;
  let pinned: string;
  let later: string;
  /** The registered file of the report's latest version, as the exporter is given it. */
  let reportFile: string;

  beforeAll(async () => {
    graph = testGraph();
    api = await startTestApi(graph);
    report = await signedDemoReport(graph, api);
    qa = await tokenWithRoles([Role.QA]);
    work = tempDir('pvl-export-');
    first = path.join(work, 'first');
    pinned = path.join(work, 'pinned');
    later = path.join(work, 'later');
    reportFile = path.join(work, 'SDR-2024Q1 final.pdf');
    fs.writeFileSync(reportFile, report.fileContent);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('exports the report with every file, summarises it, and the package verifies with its own verify.mjs and nothing else', async () => {
    const res = await runExport(['report', REPORT_ID, '--out', first, '--report-file', reportFile], `${api.url}/graphql`, qa);
    expect(res.stderr).not.toMatch(/export:/);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/Compliance package written to/);
    expect(res.stdout).toMatch(/signatures {3}5/);
    expect(fs.readdirSync(first).sort()).toEqual([...PACKAGE_FILES, 'MANIFEST.sha256', 'MANIFEST.sha256.sig', 'report-file'].sort());
    // Issue 18: the registered report file itself, under a name a manifest line can hold.
    expect(fs.readdirSync(path.join(first, 'report-file'))).toEqual(['SDR-2024Q1_final.pdf']);
    expect(fs.readFileSync(path.join(first, 'report-file', 'SDR-2024Q1_final.pdf'), 'utf8')).toBe(report.fileContent);
    expect(fs.readFileSync(path.join(first, 'MANIFEST.sha256'), 'utf8')).toContain(`${sha256(report.fileContent)}  report-file/SDR-2024Q1_final.pdf\n`);

    // An auditor gets only the folder: plain node, no node_modules, no network.
    const own = await runVerifier(path.join(first, 'verify.mjs'), [], first);
    expect(own.stderr).toBe('');
    expect(own.stdout).toMatch(/^PASS/m);
    expect(own.stdout).toContain(`ok  report-file/SDR-2024Q1_final.pdf: its SHA-256 ${sha256(report.fileContent)} is the registered content hash of ${REPORT_ID}`);
    // Issue 18: the server signed the manifest, and so the whole package.
    expect(own.stdout).toMatch(/^ {2}ok {2}MANIFEST\.sha256\.sig: the server's signature \(key \S+, \S+, for \S+\) covers MANIFEST\.sha256/m);
    expect(own.status).toBe(0);
    // An auditor who holds the sponsor's published key checks the checkpoint with it instead.
    const published = fs.readFileSync(path.join(first, 'verifier-key.txt'), 'utf8').trim();
    expect((await runVerifier(path.join(first, 'verify.mjs'), ['--key', published], first)).status).toBe(0);
    const other = await runVerifier(path.join(first, 'verify.mjs'), ['--key', generateSignerKey('pv-lineage.test/audit').verifierKey], first);
    expect(other.status).toBe(1);
    expect(other.stdout).toMatch(/^FAIL {2}checkpoint\.json: the signed checkpoint does not verify: note: no signature by a known key/m);
    // The package's verifier is the project's bundled one, byte for byte.
    expect(fs.readFileSync(path.join(first, 'verify.mjs')).equals(fs.readFileSync(VERIFIER))).toBe(true);
  });

  it('renders a printable PDF/A with embedded fonts whose text names the report, every signer and every run', () => {
    const pdf = path.join(first, 'report.pdf');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info.status).toBe(0);
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info.stdout)![1]);
    expect(pages).toBeGreaterThan(3);
    const images = tempDir('pvl-pages-');
    const render = spawnSync('pdftoppm', ['-r', '30', '-png', pdf, path.join(images, 'page')], { encoding: 'utf8' });
    expect(render.stderr).toBe('');
    expect(render.status).toBe(0);
    const rendered = fs.readdirSync(images).filter((f) => f.endsWith('.png'));
    expect(rendered).toHaveLength(pages);
    expect(rendered.every((f) => fs.statSync(path.join(images, f)).size > 1000)).toBe(true);
    fs.rmSync(images, { recursive: true, force: true });

    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain(REPORT_ID);
    for (const signer of report.signers) expect(text).toContain(signer);
    for (const runId of report.runIds) expect(text).toContain(runId);
    const lineage = JSON.parse(fs.readFileSync(path.join(first, 'lineage.json'), 'utf8')) as LineageFile;
    for (const run of lineage.records.runs) expect(text).toContain(run.id);
    // Every input's own snapshot: its digest in the PDF and among its dataset's versions, never only the newest.
    const inputs = lineage.records.runs.flatMap((r) => r.inputs).filter((i) => i.digest !== null);
    expect(inputs.length).toBeGreaterThan(0);
    for (const i of inputs) {
      expect(text).toContain(i.digest);
      expect(lineage.records.datasets.find((d) => d.id === i.datasetId)?.versions.map((v) => v.digest)).toContain(i.digest);
    }
    expect(text).toMatch(/APPROVED/);
    expect(text).toMatch(/YES: changed after its original entry/);
    // Each signature says its upstream is as it was signed, with the digest it froze.
    const flat = text.replace(/\s+/g, ' ');
    const signed = (lineage.subjects[0] as { signatures: { provenanceDigest: string | null }[] }).signatures;
    for (const g of signed) expect(flat).toContain(`Upstream unchanged since signing (provenance digest ${g.provenanceDigest}).`);

    // Only the DejaVu fonts, every one embedded (pdffonts: name type encoding emb sub uni ...).
    const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout.trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+DejaVuSans\S*\s.*\byes\s+yes\s+yes\b/);
    const bytes = fs.readFileSync(pdf).toString('latin1');
    expect(bytes).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(bytes).not.toMatch(/\/BaseFont\s*\/Helvetica/);
  });

  it('shows audit entries as created, changed or deleted, never a creation as "old → —", and every actor by printed name and role', () => {
    const text = pdfText(path.join(first, 'report.pdf'));
    const audit = JSON.parse(fs.readFileSync(path.join(first, 'audit.json'), 'utf8')) as AuditFile;
    const registered = audit.events.find((e) => e.action === 'REPORT_REGISTERED')!;
    // The registration took over the imported demo record: its fields read as created.
    expect(registered.oldValue).toMatchObject({ id: REPORT_ID, status: 'FINAL' });
    expect(text).toContain(`id: ${REPORT_ID} (from the imported record)`);
    expect(text).toContain('status: FINAL (from the imported record)');
    expect(text).not.toMatch(/→ —/);
    expect(text).not.toContain(`${REPORT_ID} → `);
    // The revision is a change, old → new.
    expect(text).toMatch(/Changed \(old → new\): .*version: 1 → 2/);
    // People: printed name, account, role. The ingest: named for the store it read, as system work.
    const signed = audit.events.filter((e) => e.action === 'REPORT_SIGNED');
    expect(signed.length).toBe(5);
    for (const e of signed) expect(text).toContain(`${e.actorName} ${e.actorId} · ${e.actorRole}`);
    // The signature table and the version history show the role each acted under, from the same events.
    for (const e of signed) expect(text).toContain(`${(e.newValue as { meaning: string }).meaning} ${e.actorName} ${(e.newValue as { signerRole: string }).signerRole} `);
    expect(text).toContain(`${report.author.id} (${report.author.id}, SCIENTIST)`);
    expect(text).not.toContain('role not in the exported audit trail');
    const ingests = audit.events.filter((e) => e.action === 'RUN_CREATED');
    expect(ingests.length).toBeGreaterThan(0);
    expect(ingests.every((e) => e.actorRole === null)).toBe(true);
    const lineage = JSON.parse(fs.readFileSync(path.join(first, 'lineage.json'), 'utf8')) as LineageFile;
    const stores = lineage.subjects[0].lineage.nodes.filter((n) => n.type === 'TRACKING_STORE').map((n) => n.displayName);
    expect(stores.length).toBe(2);
    for (const store of stores) expect(text).toContain(`MLflow ingest from ${store} (pv-lineage demo loader) ${ingests[0].actorId} · system (no user role)`);
    expect(text).not.toMatch(/\bdemo \/ demo\b/);
  });

  it('names the exporting account and the time in export-info.json and on the PDF cover', () => {
    const info = JSON.parse(fs.readFileSync(path.join(first, 'export-info.json'), 'utf8')) as {
      exportedAt: string;
      exportedBy: { id: string; printedName: string; role: string; roles: string[] };
      reportFiles: { reportId: string; file: string; sha256: string }[];
    };
    expect(info.exportedBy).toMatchObject({ role: 'QA', roles: ['QA'] });
    expect(info.exportedBy.printedName).toMatch(/\S/);
    expect(Date.now() - Date.parse(info.exportedAt)).toBeLessThan(10 * 60_000);
    expect(info.reportFiles).toEqual([{ reportId: REPORT_ID, file: 'report-file/SDR-2024Q1_final.pdf', sha256: sha256(report.fileContent), source: reportFile }]);
    const cover = pdfText(path.join(first, 'report.pdf'), { first: 1, last: 1 });
    expect(cover).toContain(`Exported by ${info.exportedBy.printedName} (account ${info.exportedBy.id}, role QA)`);
    expect(cover).toContain(`Exported at ${info.exportedAt.replace('T', ' ').replace('Z', ' UTC')}`);
    expect(cover).toContain(`report-file/SDR-2024Q1_final.pdf: SHA-256 ${sha256(report.fileContent)}, the registered content hash`);
  });

  it('draws the lineage on a page of its own, every box numbered with its whole label, and a table of the typed ids after it', () => {
    const pdf = path.join(first, 'report.pdf');
    const lineage = JSON.parse(fs.readFileSync(path.join(first, 'lineage.json'), 'utf8')) as LineageFile;
    const nodes = lineage.subjects[0].lineage.nodes;
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)![1]);
    const texts = Array.from({ length: pages }, (_v, i) => pdfText(pdf, { first: i + 1, last: i + 1 }));
    const drawing = texts.findIndex((t) => t.includes('Edges point upstream → downstream'));
    expect(drawing).toBeGreaterThan(0);
    expect(texts.filter((t) => t.includes('Edges point upstream → downstream'))).toHaveLength(1);
    // Nothing but the drawing on its page: its title, legend, boxes and footer.
    expect(texts[drawing]).not.toMatch(/Electronic signatures|Version history|Runs \(/);
    // Every label whole, with its number (wrapping inside a box may break a word, so spaces are ignored).
    const squeezed = texts[drawing].replace(/ /g, '');
    const table = texts[drawing + 1];
    expect(table).toContain(`Upstream lineage of ${REPORT_ID}: the nodes by number`);
    for (const n of nodes) {
      expect({ id: n.id, inTable: table.replace(/ /g, '').includes(n.id) }).toEqual({ id: n.id, inTable: true });
      expect(squeezed).toMatch(new RegExp(`\\d+\\.${n.displayName.replace(/ /g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
    // The boxes fill the page: the words of the drawing span most of its height (pdftotext -bbox).
    const bbox = spawnSync('pdftotext', ['-bbox', '-f', String(drawing + 1), '-l', String(drawing + 1), pdf, '-'], { encoding: 'utf8' }).stdout;
    const ys = [...bbox.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">\d+\./g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(ys.length).toBe(nodes.length);
    const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(bbox)![1]);
    expect(Math.max(...ys.map((y) => y[1])) - Math.min(...ys.map((y) => y[0]))).toBeGreaterThan(height * 0.6);
  });

  it('ships a verifier that imports nothing but node built-ins', () => {
    const code = fs.readFileSync(VERIFIER, 'utf8');
    const imports = [...code.matchAll(/\bfrom\s*["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']\s*\)|\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => !i.startsWith('node:'))).toEqual([]);
  });

  it('holds the lineage, versions, signatures and canonical audit events the verifier needs', () => {
    const lineage = JSON.parse(fs.readFileSync(path.join(first, 'lineage.json'), 'utf8')) as LineageFile;
    const audit = JSON.parse(fs.readFileSync(path.join(first, 'audit.json'), 'utf8')) as AuditFile;
    const proofs = JSON.parse(fs.readFileSync(path.join(first, 'proofs.json'), 'utf8')) as ProofsFile;
    expect(lineage.schemaVersion).toBe(1);
    const [subject] = lineage.subjects;
    expect(subject).toMatchObject({ type: 'REPORT', id: REPORT_ID, changedSinceOriginalEntry: true });
    if (subject.type !== 'REPORT') throw new Error('not a report');
    expect(subject.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(subject.signatures.map((s) => `${s.version} ${s.meaning} ${s.printedName} ${s.valid}`)).toEqual([
      `1 AUTHORED ${report.signers[0]} true`,
      `1 REVIEWED ${report.signers[1]} true`,
      `2 AUTHORED ${report.signers[0]} true`,
      `2 REVIEWED ${report.signers[1]} true`,
      `2 APPROVED ${report.signers[2]} true`,
    ]);
    for (const g of subject.signatures) expect(g).toMatchObject({ provenanceDigest: expect.stringMatching(/^[0-9a-f]{64}$/), upstreamChanged: false, upstreamChanges: [] });
    expect(lineage.records.runs.map((r) => r.runId).sort()).toEqual(expect.arrayContaining([...report.runIds].sort()));
    expect(lineage.records.runs.every((r) => r.params !== undefined && Array.isArray(r.metrics))).toBe(true);
    expect(lineage.records.modelVersions.length).toBeGreaterThan(0);
    // OpenLineage: the job that wrote a dataset the runs read, its run, and the events that recorded it.
    expect(lineage.records.jobs.map((j) => j.id)).toEqual([report.jobId]);
    const olRun = lineage.records.runs.find((r) => r.stateHistory.length > 0)!;
    expect(olRun.stateHistory.map((t) => t.state)).toEqual(['START', 'COMPLETE']);
    expect(lineage.records.jobs[0].runIds).toEqual([olRun.id]);
    expect(audit.events.filter((e) => e.action === 'OPENLINEAGE_EVENT_RECORDED').map((e) => e.entityId).sort()).toEqual(olRun.stateHistory.map((t) => t.eventId).sort());

    // Full canonical events: the run creations of the ingest, the registration, revision and signatures.
    const actions = audit.events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['RUN_CREATED', 'REPORT_REGISTERED', 'REPORT_REVISED', 'REPORT_SIGNED']));
    expect(Object.keys(audit.events[0]).sort()).toEqual(['action', 'actorId', 'actorName', 'actorRole', 'at', 'category', 'entityId', 'entityType', 'entityVersion', 'hash', 'newValue', 'oldValue', 'reason', 'seq']);
    expect(proofs.inclusion.map((p) => p.seq)).toEqual(audit.events.map((e) => e.seq));
    expect(proofs.consistency).toBeNull();

    const csv = fs.readFileSync(path.join(first, 'traceability.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^subject_type,subject_id,subject_title,run_id,mlflow_run_id/);
    for (const runId of report.runIds) expect(csv.some((line) => line.includes(`,${runId},`))).toBe(true);
    expect(csv.some((line) => line.includes(`,${olRun.id},`) && line.includes(`,${report.jobId},`))).toBe(true);
  });

  it('reads the same audit events record by record as by reading the whole log', async () => {
    const lineage = JSON.parse(fs.readFileSync(path.join(first, 'lineage.json'), 'utf8')) as LineageFile;
    const audit = JSON.parse(fs.readFileSync(path.join(first, 'audit.json'), 'utf8')) as AuditFile;
    const ids = [...new Set([...lineage.subjects.flatMap((s) => s.lineage.nodes.map((n) => n.id)), ...lineage.records.runs.flatMap((r) => r.stateHistory.map((t) => t.eventId))])];
    const client = createClient({ url: `${api.url}/graphql`, token: qa });
    const progress = () => undefined;
    const byLog = await fetchAuditEvents(client, ids, audit.checkpoint.treeSize, progress, 'log');
    const byTrails = await fetchAuditEvents(client, ids, audit.checkpoint.treeSize, progress, 'trails');
    expect(byLog.events).toEqual(audit.events);
    expect(byTrails).toEqual(byLog);
  });

  it('exports a signal, and every report of a date range, each package verifying', async () => {
    const url = `${api.url}/graphql`;
    const signal = path.join(work, 'signal');
    const bySignal = await runExport(['signal', 'SIG-2024-001', '--out', signal], url, qa);
    expect(bySignal.status).toBe(0);
    const lineage = JSON.parse(fs.readFileSync(path.join(signal, 'lineage.json'), 'utf8')) as LineageFile;
    expect(lineage.scope).toEqual({ kind: 'signal', id: 'signal:SIG-2024-001', from: null, to: null });
    expect(lineage.subjects[0]).toMatchObject({ type: 'SIGNAL', id: 'signal:SIG-2024-001', drug: 'atorvastatin' });
    expect(lineage.records.runs.length).toBeGreaterThan(0);
    expect((await runVerifier(path.join(signal, 'verify.mjs'), [], signal)).status).toBe(0);

    const range = path.join(work, 'range');
    const byDates = await runExport(['reports', '--from', '2000-01-01', '--to', '2100-01-01', '--out', range], url, qa);
    expect(byDates.status).toBe(0);
    const all = JSON.parse(fs.readFileSync(path.join(range, 'lineage.json'), 'utf8')) as LineageFile;
    expect(all.scope).toEqual({ kind: 'reports', id: null, from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' });
    expect(all.subjects.map((s) => s.id)).toContain(REPORT_ID);
    expect((await runVerifier(VERIFIER, [range], range)).status).toBe(0);

    const empty = await runExport(['reports', '--from', '1990-01-01', '--to', '1990-02-01', '--out', path.join(work, 'empty')], url, qa);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/no report was registered from 1990-01-01T00:00:00.000Z to 1990-02-01T00:00:00.000Z/);
  });

  it('gives byte-identical JSON at the same checkpoint, even after the log has grown', async () => {
    const { checkpoint } = JSON.parse(fs.readFileSync(path.join(first, 'checkpoint.json'), 'utf8')) as { checkpoint: { treeSize: number } };
    await person(api, `unrelated.${Date.now().toString(36)}`, [Role.VIEWER]);
    const res = await runExport(['report', 'SDR-2024Q1', '--out', pinned, '--checkpoint', String(checkpoint.treeSize), '--report-file', reportFile], `${api.url}/graphql`, qa);
    expect(res.status).toBe(0);
    const a = readPackage(first);
    const b = readPackage(pinned);
    for (const name of ['lineage.json', 'audit.json', 'checkpoint.json', 'proofs.json', 'traceability.csv', 'README.txt', 'report-file/SDR-2024Q1_final.pdf']) {
      expect({ name, same: a.get(name)!.equals(b.get(name)!) }).toEqual({ name, same: true });
    }
    // Only export-info.json and the PDF's "Exported at" line (who, when, tool) may differ.
    expect(JSON.parse(b.get('export-info.json')!.toString())).toMatchObject({ exportedBy: { role: 'QA', roles: ['QA'] }, tool: { name: 'pv-lineage export-compliance' } });
    const withoutTime = (dir: string) => pdfText(path.join(dir, 'report.pdf')).replace(/Exported at \S+ \S+ UTC/, '');
    expect(pdfText(path.join(pinned, 'report.pdf'))).toMatch(/Exported at \S+ \S+ UTC/);
    expect(withoutTime(pinned)).toBe(withoutTime(first));
  });

  it('adds a consistency proof from an earlier export with --since, and npm run verify-export passes it', async () => {
    const res = await runExport(['report', REPORT_ID, '--out', later, '--since', path.join(first, 'checkpoint.json')], `${api.url}/graphql`, qa);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/consistency proof from tree size \d+/);
    const proofs = JSON.parse(fs.readFileSync(path.join(later, 'proofs.json'), 'utf8')) as ProofsFile;
    const before = JSON.parse(fs.readFileSync(path.join(first, 'checkpoint.json'), 'utf8')) as { checkpoint: { treeSize: number } };
    expect(proofs.consistency).toMatchObject({ fromSize: before.checkpoint.treeSize });
    expect(proofs.consistency!.toSize).toBeGreaterThan(before.checkpoint.treeSize);
    const npm = await runVerifier(path.join(ROOT, 'scripts', 'verify-export.mjs'), [later], ROOT);
    expect(npm.stdout).toMatch(/ok {2}proofs\.json: the earlier checkpoint \(size \d+\) is a prefix/);
    expect(npm.status).toBe(0);
  });

  it('fails naming the file when any one byte of any file is flipped', async () => {
    const files = readPackage(later);
    expect(checkPackage(files)).toMatchObject({ ok: true });
    for (const [name, bytes] of files) {
      for (const at of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
        const flipped = Buffer.from(bytes);
        flipped[at] ^= 0x01;
        const verdict = checkPackage(new Map([...files, [name, flipped]]));
        expect({ name, at, ok: verdict.ok }).toEqual({ name, at, ok: false });
        if (!verdict.ok) expect(`${verdict.file}: ${verdict.reason}`).toContain(name);
      }
    }
    // The command-line verifier says so and exits non-zero.
    const dir = tempDir('pvl-flipped-');
    for (const [name, bytes] of files) fs.writeFileSync(path.join(dir, name), bytes);
    const lineage = fs.readFileSync(path.join(dir, 'lineage.json'));
    lineage[10] ^= 0x01;
    fs.writeFileSync(path.join(dir, 'lineage.json'), lineage);
    const res = await runVerifier(VERIFIER, [dir], dir);
    expect(res.status).toBe(1);
    expect(res.stdout).toMatch(/^FAIL {2}lineage\.json: its SHA-256 is [0-9a-f]{64}, but MANIFEST\.sha256 lists/m);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** MANIFEST.sha256 of the other files, as the exporter writes it: the signature over it is not listed. */
  const manifestOf = (files: ReadonlyMap<string, Buffer>): Buffer =>
    Buffer.from(formatManifest(new Map([...files].filter(([name]) => name !== 'MANIFEST.sha256' && name !== 'MANIFEST.sha256.sig'))), 'utf8');

  /** Rewrites a JSON file canonically and the manifest with it, as a forger who knows the format would. */
  const forge = (files: Map<string, Buffer>, name: string, change: (doc: never) => void): Map<string, Buffer> => {
    const doc = JSON.parse(files.get(name)!.toString('utf8'));
    change(doc as never);
    const out = new Map(files);
    out.set(name, Buffer.from(canonicalJson(doc), 'utf8'));
    out.set('MANIFEST.sha256', manifestOf(out));
    return out;
  };

  it('fails when an audit event is dropped from audit.json, with or without a rewritten manifest', () => {
    const files = readPackage(later);
    const audit = JSON.parse(files.get('audit.json')!.toString()) as AuditFile;
    const victim = audit.events.findIndex((e) => e.action === 'RUN_CREATED');
    const dropped = { ...audit, events: audit.events.filter((_e, i) => i !== victim) };
    expect(checkPackage(new Map([...files, ['audit.json', Buffer.from(canonicalJson(dropped))]]))).toMatchObject({ ok: false, file: 'audit.json' });
    const forged = forge(files, 'audit.json', (d: AuditFile) => d.events.splice(victim, 1));
    expect(checkPackage(forged)).toMatchObject({ ok: false, file: 'audit.json', reason: expect.stringMatching(/proven in proofs\.json, is missing/) });
    // Dropping a signature's event and its proof too still fails: the signature shown has no proven event.
    const signed = audit.events.find((e) => e.action === 'REPORT_SIGNED')!;
    const both = forge(forge(files, 'audit.json', (d: AuditFile) => d.events.splice(d.events.findIndex((e) => e.seq === signed.seq), 1)), 'proofs.json', (d: ProofsFile) =>
      d.inclusion.splice(d.inclusion.findIndex((p) => p.seq === signed.seq), 1),
    );
    expect(checkPackage(both)).toMatchObject({ ok: false, file: 'lineage.json', reason: expect.stringMatching(/has no matching REPORT_SIGNED event/) });
  });

  it('catches forgeries that rewrite the manifest: an edited event, a proof element, the consistency proof, a signature, the PDF hash', () => {
    const files = readPackage(later);
    const editedEvent = forge(files, 'audit.json', (d: AuditFile) => {
      d.events[0].reason = 'rewritten';
    });
    expect(checkPackage(editedEvent)).toMatchObject({ ok: false, file: 'audit.json', reason: expect.stringMatching(/do not match its hash/) });
    const flip = (b64: string) => Buffer.from(Buffer.from(b64, 'base64').map((x, i) => (i === 0 ? x ^ 1 : x))).toString('base64');
    const badProof = forge(files, 'proofs.json', (d: ProofsFile) => {
      d.inclusion[0].proof[0] = flip(d.inclusion[0].proof[0]);
    });
    expect(checkPackage(badProof)).toMatchObject({ ok: false, file: 'proofs.json', reason: expect.stringMatching(/does not lead from leaf/) });
    const badConsistency = forge(files, 'proofs.json', (d: ProofsFile) => {
      d.consistency!.proof[0] = flip(d.consistency!.proof[0]);
    });
    expect(checkPackage(badConsistency)).toMatchObject({ ok: false, file: 'proofs.json', reason: expect.stringMatching(/not proven to extend/) });
    const renamedSigner = forge(files, 'lineage.json', (d: LineageFile) => {
      const s = d.subjects[0];
      if (s.type === 'REPORT') (s.signatures[0] as { printedName: string }).printedName = 'Someone Else';
    });
    expect(checkPackage(renamedSigner)).toMatchObject({ ok: false, file: 'lineage.json', reason: expect.stringMatching(/has no matching REPORT_SIGNED/) });
    // Any other edit of lineage.json leaves the PDF stating the old hash.
    const renamedRun = forge(files, 'lineage.json', (d: LineageFile) => {
      (d.records.runs[0] as { name: string | null }).name = 'renamed';
    });
    expect(checkPackage(renamedRun)).toMatchObject({ ok: false, file: 'report.pdf', reason: expect.stringMatching(/SHA-256 for lineage\.json/) });
  });
  it('catches a report file that is not the registered one, even with a rewritten manifest, naming both hashes', () => {
    const files = readPackage(first);
    const name = 'report-file/SDR-2024Q1_final.pdf';
    expect(checkPackage(files)).toMatchObject({ ok: true });
    const tampered = new Map(files);
    tampered.set(name, Buffer.from(`${report.fileContent} (edited)`));
    // A flipped file is caught by the manifest; a forger who rewrites the manifest is caught by the registered hash.
    expect(checkPackage(tampered)).toMatchObject({ ok: false, file: name, reason: expect.stringMatching(/but MANIFEST\.sha256 lists/) });
    tampered.set('MANIFEST.sha256', manifestOf(tampered));
    expect(checkPackage(tampered)).toEqual(expect.objectContaining({
      ok: false,
      file: name,
      reason: `its SHA-256 is ${sha256(`${report.fileContent} (edited)`)}, but the registered content hash is ${sha256(report.fileContent)} (${REPORT_ID}): this is not the registered report file`,
    }));
  });

  /**
   * Issue 18: lineage.json, report.pdf (its stated lineage.json hash) and the manifest rewritten
   * together, consistently: every content check passes, and only the server's signature catches it.
   */
  const consistentRewrite = (files: ReadonlyMap<string, Buffer>): Map<string, Buffer> => {
    const lineage = JSON.parse(files.get('lineage.json')!.toString('utf8')) as LineageFile;
    (lineage.records.runs[0] as { params: Record<string, string> }).params = { ...lineage.records.runs[0].params, alpha: '0.99' };
    const rewritten = Buffer.from(canonicalJson(lineage), 'utf8');
    const pdf = files.get('report.pdf')!.toString('latin1');
    const oldHash = sha256File(files.get('lineage.json')!);
    expect(pdf).toContain(oldHash);
    const out = new Map(files);
    out.set('lineage.json', rewritten);
    out.set('report.pdf', Buffer.from(pdf.split(oldHash).join(sha256File(rewritten)), 'latin1'));
    out.set('MANIFEST.sha256', manifestOf(out));
    return out;
  };

  it('signs the package: a consistent rewrite of lineage.json, the PDF and the manifest is caught by the signature alone', async () => {
    const files = readPackage(first);
    const good = checkPackage(files);
    expect(good).toMatchObject({ ok: true });
    const signature = JSON.parse(files.get('MANIFEST.sha256.sig')!.toString('utf8')) as { manifestSha256: string; subjectIds: string[]; keyId: string; algorithm: string; note: string };
    expect(signature).toMatchObject({ algorithm: 'Ed25519', manifestSha256: sha256File(files.get('MANIFEST.sha256')!), subjectIds: [REPORT_ID] });
    expect(fs.readFileSync(path.join(first, 'verifier-key.txt'), 'utf8')).toContain(`${signature.keyId}+`);

    const forged = consistentRewrite(files);
    const verdict = checkPackage(forged);
    expect(verdict).toMatchObject({
      ok: false,
      file: 'MANIFEST.sha256.sig',
      reason: `signs a MANIFEST.sha256 with SHA-256 ${signature.manifestSha256}, but MANIFEST.sha256 hashes to ${sha256File(forged.get('MANIFEST.sha256')!)}: the package was changed after the server signed it`,
    });
    // The rewrite is consistent: every other check passed, the PDF's stated hash and the CSV included.
    expect(verdict.passed).toEqual(good.passed.slice(0, -1));

    // Both command-line verifiers, the package's own verify.mjs and npm run verify-export, say so.
    const dir = writePackageFolder(forged, 'pvl-rewritten-');
    for (const verifier of [path.join(dir, 'verify.mjs'), path.join(ROOT, 'scripts', 'verify-export.mjs')]) {
      const res = await runVerifier(verifier, [dir], dir);
      expect(res.status).toBe(1);
      expect(res.stdout).toMatch(/^FAIL {2}MANIFEST\.sha256\.sig: signs a MANIFEST\.sha256 with SHA-256 [0-9a-f]{64}, but MANIFEST\.sha256 hashes to/m);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('catches a forger who re-signs the rewritten manifest with a key of their own, and a signature from another package', () => {
    const files = readPackage(first);
    const forged = consistentRewrite(files);
    const own = JSON.parse(files.get('MANIFEST.sha256.sig')!.toString('utf8')) as { note: string };
    const statement = own.note.slice(0, own.note.lastIndexOf('\n\n') + 1).replace(/^manifest-sha256 [0-9a-f]{64}$/m, `manifest-sha256 ${sha256File(forged.get('MANIFEST.sha256')!)}`);
    const forger = generateSignerKey('pv-lineage.test/audit');
    const resigned = { ...JSON.parse(files.get('MANIFEST.sha256.sig')!.toString('utf8')), manifestSha256: sha256File(forged.get('MANIFEST.sha256')!), keyId: forger.keyId, note: signNote(statement, forger.signerKey) };
    forged.set('MANIFEST.sha256.sig', Buffer.from(canonicalJson(resigned), 'utf8'));
    expect(checkPackage(forged)).toMatchObject({ ok: false, file: 'MANIFEST.sha256.sig', reason: expect.stringMatching(/^the signature over MANIFEST\.sha256 does not verify: note: no signature by a known key/) });

    // The signature of another export (the pinned one, same content, other manifest) does not fit this one.
    const other = new Map(files);
    other.set('MANIFEST.sha256.sig', readPackage(pinned).get('MANIFEST.sha256.sig')!);
    expect(checkPackage(other)).toMatchObject({ ok: false, file: 'MANIFEST.sha256.sig', reason: expect.stringMatching(/the package was changed after the server signed it/) });
  });

  it('reports a package without its signature file, naming the file', async () => {
    const files = readPackage(first);
    files.delete('MANIFEST.sha256.sig');
    expect(checkPackage(files)).toMatchObject({ ok: false, file: 'MANIFEST.sha256.sig', reason: expect.stringMatching(/^is missing: the package is not signed/) });
    const dir = writePackageFolder(files, 'pvl-unsigned-');
    const res = await runVerifier(path.join(dir, 'verify.mjs'), [], dir);
    expect(res.status).toBe(1);
    expect(res.stdout).toMatch(/^FAIL {2}MANIFEST\.sha256\.sig: is missing: the package is not signed/m);
    // Listing the signature in the manifest is no way around it either.
    files.set('MANIFEST.sha256.sig', readPackage(first).get('MANIFEST.sha256.sig')!);
    files.set('MANIFEST.sha256', Buffer.from(formatManifest(new Map([...files].filter(([n]) => n !== 'MANIFEST.sha256'))), 'utf8'));
    expect(checkPackage(files)).toMatchObject({ ok: false, file: 'MANIFEST.sha256', reason: expect.stringMatching(/lists MANIFEST\.sha256\.sig/) });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('records each signing in the audit trail: who exported, which report, which manifest, which key', async () => {
    const signature = JSON.parse(fs.readFileSync(path.join(first, 'MANIFEST.sha256.sig'), 'utf8')) as { manifestSha256: string; keyId: string; signedAt: string; signedBy: string };
    const me = (await api.gql<{ me: { id: string; displayName: string } }>('{ me { id displayName } }', {}, { token: qa })).data!.me;
    expect(signature.signedBy).toBe(me.id);
    type Trail = { auditTrail: { edges: { node: { action: string; entityType: string; entityId: string; actor: { id: string; role: string; name: string }; newValue: unknown } }[] } };
    const res = await api.gql<Trail>('query($id: ID!) { auditTrail(entityId: $id) { edges { node { action entityType entityId actor { id role name } newValue } } } }', { id: `package:${signature.manifestSha256}` }, { token: qa });
    expect(res.errors).toBeUndefined();
    expect(res.data!.auditTrail.edges.map((e) => e.node)).toEqual([
      {
        action: 'EXPORT_PACKAGE_SIGNED',
        entityType: 'CompliancePackage',
        entityId: `package:${signature.manifestSha256}`,
        actor: { id: me.id, role: 'QA', name: me.displayName },
        newValue: { manifestSha256: signature.manifestSha256, subjectIds: [REPORT_ID], keyId: signature.keyId, signedAt: signature.signedAt, origin: expect.any(String) },
      },
    ]);
  });

  it('verifies by hand as docs/export.md says, with openssl and the package\'s public key', () => {
    const script = [
      'set -eu',
      `node -e 'const fs=require("fs"); const n=JSON.parse(fs.readFileSync("MANIFEST.sha256.sig","utf8")).note; const i=n.lastIndexOf("\\n\\n"); fs.writeFileSync("/tmp/pvl-statement.txt", n.slice(0, i + 1)); fs.writeFileSync("/tmp/pvl-signature.bin", Buffer.from(n.slice(i + 2).trim().split(" ").pop(), "base64").subarray(4))'`,
      // The jq way gives the same two files.
      'jq -j .note MANIFEST.sha256.sig | head -n -2 | cmp - /tmp/pvl-statement.txt',
      "jq -j .note MANIFEST.sha256.sig | tail -n 1 | cut -d' ' -f3 | base64 -d | tail -c 64 | cmp - /tmp/pvl-signature.bin",
      'openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in /tmp/pvl-statement.txt -sigfile /tmp/pvl-signature.bin',
      'grep -qx "manifest-sha256 $(sha256sum MANIFEST.sha256 | cut -c1-64)" /tmp/pvl-statement.txt && echo "manifest matches"',
    ].join('\n');
    const good = spawnSync('bash', ['-c', script], { cwd: first, encoding: 'utf8' });
    expect(good.stdout).toMatch(/Signature Verified Successfully[\s\S]*manifest matches/);
    expect(good.status).toBe(0);
    const dir = writePackageFolder(consistentRewrite(readPackage(first)), 'pvl-by-hand-');
    const bad = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(bad.stdout).not.toMatch(/manifest matches/);
    expect(bad.status).not.toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  it('shows, per signature, what changed upstream since signing once a later event attaches a run upstream', async () => {
    const attacker = { namespace: 'attacker-ns', name: 'poison-job' };
    // The demo pipeline may write to both demo stores, which hold the run.
    const pipeline = (await api.identity.issueApiToken({ id: 'test', address: null }, 'demo.pipeline', 1, 'test')).secret;
    const res = await postEvent(api, runEvent({ eventType: 'START', runId: uuid(), job: attacker, eventTime: new Date().toISOString(), runFacets: { mlflow: facet({ runId: report.runIds[0] }) } }), { token: pipeline });
    expect(res.status).toBe(201);
    const changed = path.join(work, 'changed');
    const out = await runExport(['report', REPORT_ID, '--out', changed, '--report-file', reportFile], `${api.url}/graphql`, qa);
    expect(out.status).toBe(0);
    const lineage = JSON.parse(fs.readFileSync(path.join(changed, 'lineage.json'), 'utf8')) as LineageFile;
    const [subject] = lineage.subjects;
    if (subject.type !== 'REPORT') throw new Error('not a report');
    const poison = 'job:attacker-ns:poison-job -HAS_RUN->';
    for (const g of subject.signatures) {
      expect(g).toMatchObject({ valid: true, upstreamChanged: true });
      expect(g.upstreamChanges.some((c) => c.kind === 'ADDED' && c.section === 'links' && c.entity.startsWith(poison))).toBe(true);
    }
    const flat = pdfText(path.join(changed, 'report.pdf')).replace(/\s+/g, ' ');
    expect(flat).toContain(`UPSTREAM CHANGED since signing: ${subject.signatures[0].upstreamChanges.length} change(s) against the provenance digest ${subject.signatures[0].provenanceDigest} signed:`);
    expect(flat).toContain(`ADDED: links added ${poison}`);
    expect(flat).not.toContain('Upstream unchanged since signing');
  });
});
